/*
 * w9y.h: W9Y's WebAssembly host ABI v1 for C (docs/WASM-ABI.md), with a small runtime (w9y.c)
 * that implements the exports W9Y calls and hands your program parsed requests.
 *
 * Build a service with Debian's clang and wasi-libc:
 *   clang --target=wasm32-wasi -mexec-model=reactor -O2 -I sdk/c sdk/c/w9y.c service.c -o service.wasm
 *
 * Your program defines w9y_handle_request and, if it uses them, the other w9y_handle_* functions
 * (the runtime has empty defaults). Everything is single-threaded and nothing blocks: a call that
 * takes time (fetch, storage, timer) returns an id at once and its result arrives later in the
 * matching handler, as its own simulation event.
 */
#ifndef W9Y_H
#define W9Y_H

#include <stddef.h>
#include <stdint.h>

#define W9Y_IMPORT(name) __attribute__((import_module("w9y"), import_name(#name)))

/* ---- imports: what the host does for the guest ---- */
W9Y_IMPORT(respond_header) void w9y_respond_header(int32_t request_id, const char *name, size_t name_len, const char *value, size_t value_len);
W9Y_IMPORT(respond) void w9y_respond(int32_t request_id, int32_t status, const void *body, size_t body_len);
W9Y_IMPORT(fetch) int32_t w9y_fetch(const char *method, size_t method_len, const char *url, size_t url_len, const void *body, size_t body_len);
W9Y_IMPORT(fetch_header) void w9y_fetch_header(int32_t fetch_id, const char *name, size_t name_len, const char *value, size_t value_len);
W9Y_IMPORT(object_fetch) int32_t w9y_object_fetch(const char *binding, size_t binding_len, const char *object_name, size_t object_name_len, const char *method, size_t method_len, const char *url, size_t url_len, const void *body, size_t body_len);
W9Y_IMPORT(set_timer) int32_t w9y_set_timer(int64_t delay_ms);
W9Y_IMPORT(cancel_timer) int32_t w9y_cancel_timer(int32_t timer_id);
W9Y_IMPORT(log) void w9y_log(int32_t level, const char *text, size_t len);
W9Y_IMPORT(random_u64) uint64_t w9y_random_u64(void);
W9Y_IMPORT(now_ms) int64_t w9y_now_ms(void);
W9Y_IMPORT(monotonic_ns) int64_t w9y_monotonic_ns(void);
W9Y_IMPORT(buggify) int32_t w9y_buggify(const char *site, size_t len);
W9Y_IMPORT(assert_always) void w9y_assert_always(int32_t condition, const char *name, size_t len);
W9Y_IMPORT(assert_sometimes) void w9y_assert_sometimes(int32_t condition, const char *name, size_t len);
W9Y_IMPORT(assert_eventually) void w9y_assert_eventually(int32_t condition, const char *name, size_t len);
/* durable objects only */
W9Y_IMPORT(storage_get) int32_t w9y_storage_get(const char *key, size_t key_len);
W9Y_IMPORT(storage_put) int32_t w9y_storage_put(const char *key, size_t key_len, const void *value, size_t value_len);
W9Y_IMPORT(storage_delete) int32_t w9y_storage_delete(const char *key, size_t key_len);
W9Y_IMPORT(storage_list) int32_t w9y_storage_list(const char *prefix, size_t prefix_len, int32_t limit);
W9Y_IMPORT(storage_set_alarm) int32_t w9y_storage_set_alarm(int64_t epoch_ms);
W9Y_IMPORT(storage_delete_alarm) int32_t w9y_storage_delete_alarm(void);
W9Y_IMPORT(storage_transaction) int32_t w9y_storage_transaction(const void *ops, size_t len);

enum { W9Y_DEBUG = 0, W9Y_INFO = 1, W9Y_WARN = 2, W9Y_ERROR = 3 };
enum { W9Y_STORAGE_OK = 0, W9Y_STORAGE_NOT_FOUND = 1, W9Y_STORAGE_ERROR = -1 };

/* ---- parsed data ---- */
typedef struct {
  const char *data; /* not NUL-terminated */
  uint32_t len;
} w9y_str;

typedef struct {
  w9y_str method;
  w9y_str url;
  w9y_str path; /* the URL's path, without the query */
  uint32_t header_count;
  const uint8_t *headers; /* header_count (name, value) pairs, see w9y_header */
  w9y_str body;
} w9y_request;

typedef struct {
  int32_t status; /* 0: a network error, and body is its reason */
  uint32_t header_count;
  const uint8_t *headers;
  w9y_str body;
} w9y_response;

/* Looks a header up (case-insensitive); returns 1 and sets *value if present. */
int w9y_header(uint32_t header_count, const uint8_t *headers, const char *name, w9y_str *value);
/* Calls fn for every entry of a storage_list result. */
void w9y_list_entries(const uint8_t *data, uint32_t len, void (*fn)(w9y_str key, w9y_str value, void *context), void *context);
/* A batch of writes for storage_transaction (all or nothing), built in a caller's buffer. */
typedef struct {
  uint8_t *data;
  size_t len;
  size_t cap;
  uint32_t count;
} w9y_batch;
void w9y_batch_init(w9y_batch *batch, uint8_t *buffer, size_t capacity);
/* Each returns 0, or -1 when the buffer is full. */
int w9y_batch_put(w9y_batch *batch, const char *key, size_t key_len, const void *value, size_t value_len);
int w9y_batch_delete(w9y_batch *batch, const char *key, size_t key_len);
/* Starts the transaction; its result arrives at w9y_handle_storage like any storage call. */
int32_t w9y_batch_commit(w9y_batch *batch);

/* Convenience: respond with a NUL-terminated string. */
void w9y_respond_text(int32_t request_id, int32_t status, const char *text);
/* Whether this instance is a durable object, and of which class ("" for a service instance). */
int w9y_is_object(void);
const char *w9y_object_class(void);

/* ---- handlers your program defines (all but the first have empty defaults) ---- */
void w9y_handle_request(int32_t request_id, const w9y_request *request);
void w9y_handle_fetch(int32_t fetch_id, const w9y_response *response);
void w9y_handle_storage(int32_t op_id, int32_t status, const uint8_t *data, uint32_t len);
void w9y_handle_timer(int32_t timer_id);
void w9y_handle_alarm(void);

#endif
