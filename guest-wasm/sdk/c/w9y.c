/* The W9Y C runtime: the exports of ABI v1 (docs/WASM-ABI.md), over wasi-libc's malloc. */
#include "w9y.h"

#include <stdlib.h>
#include <string.h>

#define W9Y_EXPORT(name) __attribute__((export_name(#name)))

static int is_object;
static char object_class[128];

static uint32_t read_u32(const uint8_t **at) {
  uint32_t v = (uint32_t)(*at)[0] | ((uint32_t)(*at)[1] << 8) | ((uint32_t)(*at)[2] << 16) | ((uint32_t)(*at)[3] << 24);
  *at += 4;
  return v;
}

static w9y_str read_str(const uint8_t **at) {
  w9y_str s;
  s.len = read_u32(at);
  s.data = (const char *)*at;
  *at += s.len;
  return s;
}

/* Skips header_count (name, value) pairs. */
static const uint8_t *skip_headers(const uint8_t *at, uint32_t count) {
  for (uint32_t i = 0; i < 2 * count; i++) {
    read_str(&at);
  }
  return at;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int w9y_header(uint32_t header_count, const uint8_t *headers, const char *name, w9y_str *value) {
  size_t name_len = strlen(name);
  const uint8_t *at = headers;
  for (uint32_t i = 0; i < header_count; i++) {
    w9y_str n = read_str(&at);
    w9y_str v = read_str(&at);
    if (n.len == name_len) {
      size_t j = 0;
      while (j < name_len && lower(n.data[j]) == lower(name[j])) j++;
      if (j == name_len) {
        *value = v;
        return 1;
      }
    }
  }
  return 0;
}

void w9y_list_entries(const uint8_t *data, uint32_t len, void (*fn)(w9y_str, w9y_str, void *), void *context) {
  (void)len;
  const uint8_t *at = data;
  uint32_t count = read_u32(&at);
  for (uint32_t i = 0; i < count; i++) {
    w9y_str key = read_str(&at);
    w9y_str value = read_str(&at);
    fn(key, value, context);
  }
}

static void put_u32(uint8_t *at, uint32_t v) {
  at[0] = (uint8_t)v;
  at[1] = (uint8_t)(v >> 8);
  at[2] = (uint8_t)(v >> 16);
  at[3] = (uint8_t)(v >> 24);
}

void w9y_batch_init(w9y_batch *batch, uint8_t *buffer, size_t capacity) {
  batch->data = buffer;
  batch->cap = capacity;
  batch->len = 4; /* the op count goes first */
  batch->count = 0;
}

static int batch_bytes(w9y_batch *batch, const void *data, size_t len) {
  if (batch->len + 4 + len > batch->cap) return -1;
  put_u32(batch->data + batch->len, (uint32_t)len);
  memcpy(batch->data + batch->len + 4, data, len);
  batch->len += 4 + len;
  return 0;
}

int w9y_batch_put(w9y_batch *batch, const char *key, size_t key_len, const void *value, size_t value_len) {
  if (batch->len + 1 > batch->cap) return -1;
  size_t mark = batch->len;
  batch->data[batch->len++] = 1;
  if (batch_bytes(batch, key, key_len) || batch_bytes(batch, value, value_len)) {
    batch->len = mark;
    return -1;
  }
  batch->count++;
  return 0;
}

int w9y_batch_delete(w9y_batch *batch, const char *key, size_t key_len) {
  if (batch->len + 1 > batch->cap) return -1;
  size_t mark = batch->len;
  batch->data[batch->len++] = 2;
  if (batch_bytes(batch, key, key_len)) {
    batch->len = mark;
    return -1;
  }
  batch->count++;
  return 0;
}

int32_t w9y_batch_commit(w9y_batch *batch) {
  put_u32(batch->data, batch->count);
  return w9y_storage_transaction(batch->data, batch->len);
}

void w9y_respond_text(int32_t request_id, int32_t status, const char *text) {
  w9y_respond(request_id, status, text, strlen(text));
}

int w9y_is_object(void) { return is_object; }
const char *w9y_object_class(void) { return object_class; }

__attribute__((weak)) void w9y_handle_fetch(int32_t fetch_id, const w9y_response *response) { (void)fetch_id; (void)response; }
__attribute__((weak)) void w9y_handle_storage(int32_t op, int32_t status, const uint8_t *data, uint32_t len) { (void)op; (void)status; (void)data; (void)len; }
__attribute__((weak)) void w9y_handle_timer(int32_t timer_id) { (void)timer_id; }
__attribute__((weak)) void w9y_handle_alarm(void) {}

W9Y_EXPORT(w9y_alloc) void *w9y_alloc(int32_t size) { return malloc(size > 0 ? (size_t)size : 1); }

W9Y_EXPORT(w9y_on_start) void w9y_on_start(int32_t object, uint8_t *name, int32_t len) {
  is_object = object;
  size_t n = len < (int32_t)sizeof(object_class) - 1 ? (size_t)len : sizeof(object_class) - 1;
  memcpy(object_class, name, n);
  object_class[n] = 0;
  free(name);
}

W9Y_EXPORT(w9y_on_request) void w9y_on_request(int32_t request_id, uint8_t *block, int32_t len) {
  (void)len;
  const uint8_t *at = block;
  w9y_request request;
  request.method = read_str(&at);
  request.url = read_str(&at);
  /* path: after "scheme://host", up to '?' or '#' */
  uint32_t i = 0, slashes = 0;
  while (i < request.url.len && slashes < 3) {
    if (request.url.data[i] == '/') slashes++;
    if (slashes < 3) i++;
  }
  uint32_t end = i;
  while (end < request.url.len && request.url.data[end] != '?' && request.url.data[end] != '#') end++;
  request.path.data = request.url.data + i;
  request.path.len = end - i;
  request.header_count = read_u32(&at);
  request.headers = at;
  at = skip_headers(at, request.header_count);
  request.body = read_str(&at);
  w9y_handle_request(request_id, &request);
  free(block);
}

W9Y_EXPORT(w9y_on_fetch) void w9y_on_fetch(int32_t fetch_id, int32_t status, uint8_t *block, int32_t len) {
  w9y_response response;
  response.status = status;
  if (status == 0) {
    response.header_count = 0;
    response.headers = block;
    response.body.data = (const char *)block;
    response.body.len = (uint32_t)len;
  } else {
    const uint8_t *at = block;
    response.header_count = read_u32(&at);
    response.headers = at;
    at = skip_headers(at, response.header_count);
    response.body = read_str(&at);
  }
  w9y_handle_fetch(fetch_id, &response);
  free(block);
}

W9Y_EXPORT(w9y_on_storage) void w9y_on_storage(int32_t op, int32_t status, uint8_t *data, int32_t len) {
  w9y_handle_storage(op, status, data, (uint32_t)len);
  free(data);
}

W9Y_EXPORT(w9y_on_timer) void w9y_on_timer(int32_t timer_id) { w9y_handle_timer(timer_id); }

W9Y_EXPORT(w9y_on_alarm) void w9y_on_alarm(void) { w9y_handle_alarm(); }
