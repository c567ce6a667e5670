/*
 * A key-value store as a W9Y WebAssembly service, in C. The public service forwards every
 * request to one durable object ("STORE", named "main"), which keeps the data in durable storage:
 *   PUT /<key> (body = value) -> 204      GET /<key> -> 200 value | 404
 *   DELETE /<key> -> 204 | 404            GET / -> 200 "key=value\n" lines, in key order
 * Pending work is matched to its request through small tables: nothing blocks, every storage
 * call and the forwarded fetch complete in later events.
 */
#include "w9y.h"

#include <stdio.h>
#include <string.h>

#define MAX_PENDING 256

typedef struct {
  int32_t op;      /* storage op or fetch id; 0 when the slot is free */
  int32_t request; /* the request to answer */
  int32_t kind;    /* what to answer with */
} pending;

enum { GET, PUT, DELETE, LIST, FORWARD };

static pending table[MAX_PENDING];

static void remember(int32_t op, int32_t request, int32_t kind) {
  for (int i = 0; i < MAX_PENDING; i++) {
    if (table[i].op == 0) {
      table[i] = (pending){op, request, kind};
      return;
    }
  }
  w9y_respond_text(request, 503, "too many requests in flight\n");
}

static pending take(int32_t op) {
  for (int i = 0; i < MAX_PENDING; i++) {
    if (table[i].op == op) {
      pending found = table[i];
      table[i].op = 0;
      return found;
    }
  }
  return (pending){0, 0, 0};
}

static int is(w9y_str s, const char *text) { return s.len == strlen(text) && memcmp(s.data, text, s.len) == 0; }

void w9y_handle_request(int32_t request_id, const w9y_request *request) {
  if (!w9y_is_object()) {
    /* the service: hand the request to the store object, answer with what it answers */
    int32_t fetch = w9y_object_fetch("STORE", 5, "main", 4, request->method.data, request->method.len,
                                     request->url.data, request->url.len, request->body.data, request->body.len);
    remember(fetch, request_id, FORWARD);
    return;
  }
  if (request->path.len <= 1) {
    if (is(request->method, "GET")) {
      remember(w9y_storage_list("", 0, 0), request_id, LIST);
    } else {
      w9y_respond_text(request_id, 405, "only GET / lists\n");
    }
    return;
  }
  const char *key = request->path.data + 1;
  size_t key_len = request->path.len - 1;
  if (is(request->method, "GET")) {
    remember(w9y_storage_get(key, key_len), request_id, GET);
  } else if (is(request->method, "PUT")) {
    remember(w9y_storage_put(key, key_len, request->body.data, request->body.len), request_id, PUT);
  } else if (is(request->method, "DELETE")) {
    remember(w9y_storage_delete(key, key_len), request_id, DELETE);
  } else {
    w9y_respond_text(request_id, 405, "use GET, PUT or DELETE\n");
  }
}

void w9y_handle_fetch(int32_t fetch_id, const w9y_response *response) {
  pending p = take(fetch_id);
  if (p.op == 0) return;
  if (response->status == 0) {
    w9y_respond(p.request, 502, response->body.data, response->body.len);
    return;
  }
  w9y_respond(p.request, response->status, response->body.data, response->body.len);
}

typedef struct {
  char *out;
  size_t used;
  size_t size;
} listing;

static void append_entry(w9y_str key, w9y_str value, void *context) {
  listing *l = context;
  int n = snprintf(l->out + l->used, l->size - l->used, "%.*s=%.*s\n", (int)key.len, key.data, (int)value.len, value.data);
  if (n > 0 && l->used + (size_t)n < l->size) l->used += (size_t)n;
}

void w9y_handle_storage(int32_t op, int32_t status, const uint8_t *data, uint32_t len) {
  pending p = take(op);
  if (p.op == 0) return;
  if (status == W9Y_STORAGE_ERROR) {
    w9y_respond(p.request, 500, data, len);
    return;
  }
  switch (p.kind) {
    case GET:
      if (status == W9Y_STORAGE_NOT_FOUND) w9y_respond_text(p.request, 404, "no such key\n");
      else w9y_respond(p.request, 200, data, len);
      break;
    case PUT:
      w9y_respond(p.request, 204, "", 0);
      break;
    case DELETE:
      w9y_respond(p.request, status == W9Y_STORAGE_NOT_FOUND ? 404 : 204, "", 0);
      break;
    case LIST: {
      static char buffer[16384];
      listing l = {buffer, 0, sizeof(buffer)};
      w9y_list_entries(data, len, append_entry, &l);
      w9y_respond(p.request, 200, buffer, l.used);
      break;
    }
  }
}
