/*
 * A test fixture that calls every ABI v1 import and every WASI function W9Y provides, and answers
 * with what they returned. The service handles /wasi, /timers, /checks, /fetch and forwards
 * /do/... to a durable object ("PROBES", named "p"), which handles /do/alarm, /do/txn,
 * /do/bad-txn and /do/get.
 */
#include "w9y.h"

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static char out[4096];
static int32_t timer_request, cancelled, forwarded_request, storage_request, storage_step;

static int path_is(const w9y_request *r, const char *p) {
  return r->path.len == strlen(p) && memcmp(r->path.data, p, r->path.len) == 0;
}

static void wasi_report(int32_t id) {
  __wasi_size_t argc = 0, argv_size = 0, envc = 0, env_size = 0;
  char *argv[4];
  char argv_buf[256];
  char *envv[16];
  char env_buf[1024];
  int failures = 0;
  failures += __wasi_args_sizes_get(&argc, &argv_size) != 0;
  failures += __wasi_args_get((uint8_t **)argv, (uint8_t *)argv_buf) != 0;
  failures += __wasi_environ_sizes_get(&envc, &env_size) != 0;
  failures += __wasi_environ_get((uint8_t **)envv, (uint8_t *)env_buf) != 0;
  __wasi_timestamp_t resolution = 0;
  failures += __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &resolution) != 0;
  char in[8];
  __wasi_iovec_t iov = {(uint8_t *)in, sizeof(in)};
  __wasi_size_t read = 99;
  __wasi_errno_t read_status = __wasi_fd_read(0, &iov, 1, &read);
  __wasi_errno_t close_status = __wasi_fd_close(5);
  __wasi_filesize_t offset = 0;
  __wasi_errno_t seek_status = __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &offset);
  __wasi_fdstat_t stat;
  failures += __wasi_fd_fdstat_get(1, &stat) != 0;
  __wasi_prestat_t prestat;
  __wasi_errno_t prestat_status = __wasi_fd_prestat_get(3, &prestat);
  __wasi_errno_t yield_status = __wasi_sched_yield();
  char dir_name[16];
  __wasi_errno_t dir_status = __wasi_fd_prestat_dir_name(3, (uint8_t *)dir_name, sizeof(dir_name));
  __wasi_errno_t flags_status = __wasi_fd_fdstat_set_flags(1, 0);
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof(sub));
  sub.userdata = 77;
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub.u.u.clock.timeout = 1000000000ull; /* a second: it must not wait */
  __wasi_event_t event;
  __wasi_size_t events = 0;
  failures += __wasi_poll_oneoff(&sub, &event, 1, &events) != 0;
  snprintf(out, sizeof(out),
           "failures=%d argc=%u argv0=%s envc=%u env0=%s res=%llu read=%u/%u close=%u seek=%u type=%u prestat=%u/%u flags=%u yield=%u poll=%u/%llu",
           failures, (unsigned)argc, argv[0], (unsigned)envc, envc > 0 ? envv[0] : "-", (unsigned long long)resolution,
           (unsigned)read_status, (unsigned)read, (unsigned)close_status, (unsigned)seek_status,
           (unsigned)stat.fs_filetype, (unsigned)prestat_status, (unsigned)dir_status, (unsigned)flags_status, (unsigned)yield_status, (unsigned)events,
           (unsigned long long)event.userdata);
  w9y_respond_text(id, 200, out);
}

void w9y_handle_request(int32_t id, const w9y_request *r) {
  if (w9y_is_object()) {
    storage_request = id;
    if (path_is(r, "/do/alarm")) {
      storage_step = 1;
      w9y_storage_set_alarm(w9y_now_ms() + 1000);
    } else if (path_is(r, "/do/alarm-cancelled")) {
      storage_step = 2;
      w9y_storage_set_alarm(w9y_now_ms() + 1000);
    } else if (path_is(r, "/do/txn")) {
      static uint8_t buffer[256];
      w9y_batch batch;
      w9y_batch_init(&batch, buffer, sizeof(buffer));
      w9y_batch_put(&batch, "a", 1, "1", 1);
      w9y_batch_put(&batch, "b", 1, "2", 1);
      w9y_batch_delete(&batch, "a", 1);
      storage_step = 4;
      w9y_batch_commit(&batch);
    } else if (path_is(r, "/do/bad-txn")) {
      static uint8_t buffer[4096];
      static char long_key[3000];
      memset(long_key, 'k', sizeof(long_key));
      w9y_batch batch;
      w9y_batch_init(&batch, buffer, sizeof(buffer));
      w9y_batch_put(&batch, "c", 1, "3", 1);
      w9y_batch_put(&batch, long_key, sizeof(long_key), "x", 1);
      storage_step = 6;
      w9y_batch_commit(&batch);
    } else {
      storage_step = 5;
      w9y_storage_list("", 0, 0);
    }
    return;
  }
  if (r->path.len > 3 && memcmp(r->path.data, "/do/", 4) == 0) {
    forwarded_request = id;
    w9y_object_fetch("PROBES", 6, "p", 1, r->method.data, r->method.len, r->url.data, r->url.len, "", 0);
  } else if (path_is(r, "/wasi")) {
    wasi_report(id);
  } else if (path_is(r, "/timers")) {
    timer_request = id;
    int32_t slow = w9y_set_timer(50);
    w9y_set_timer(10);
    cancelled = w9y_cancel_timer(slow) * 10 + w9y_cancel_timer(slow);
  } else if (path_is(r, "/checks")) {
    int32_t b = w9y_buggify("probe.site", 10);
    w9y_assert_sometimes(1, "probe reached", 13);
    w9y_assert_always(1, "probe holds", 11);
    w9y_assert_eventually(1, "probe settles", 13);
    snprintf(out, sizeof(out), "buggify=%d mono=%d", (int)b, w9y_monotonic_ns() > 0);
    w9y_respond_text(id, 200, out);
  } else if (path_is(r, "/broken")) {
    w9y_assert_always(0, "probe broken", 12);
    w9y_respond_text(id, 200, "unreachable");
  } else if (path_is(r, "/fetch")) {
    forwarded_request = id;
    int32_t f = w9y_fetch("GET", 3, "http://peer/", 12, "", 0);
    w9y_fetch_header(f, "x-probe", 7, "42", 2);
  } else {
    w9y_respond_text(id, 404, "no such probe");
  }
}

void w9y_handle_timer(int32_t timer) {
  snprintf(out, sizeof(out), "fired=%d cancel=%d", (int)timer, (int)cancelled);
  w9y_respond_text(timer_request, 200, out);
}

void w9y_handle_fetch(int32_t fetch, const w9y_response *response) {
  (void)fetch;
  w9y_respond(forwarded_request, response->status == 0 ? 502 : response->status, response->body.data, response->body.len);
}

static void list_entry(w9y_str key, w9y_str value, void *context) {
  size_t *used = context;
  int n = snprintf(out + *used, sizeof(out) - *used, "%.*s=%.*s;", (int)key.len, key.data, (int)value.len, value.data);
  if (n > 0) *used += (size_t)n;
}

void w9y_handle_storage(int32_t op, int32_t status, const uint8_t *data, uint32_t len) {
  (void)op;
  if (storage_step == 1) {
    w9y_respond_text(storage_request, 200, "alarm set");
  } else if (storage_step == 2) {
    storage_step = 3;
    w9y_storage_delete_alarm();
  } else if (storage_step == 3) {
    w9y_respond_text(storage_request, 200, "alarm set and deleted");
  } else if (storage_step == 4 || storage_step == 6) {
    if (status != W9Y_STORAGE_OK) {
      snprintf(out, sizeof(out), "transaction failed: %.*s", (int)(len > 60 ? 60 : len), (const char *)data);
      w9y_respond_text(storage_request, 500, out);
    } else {
      w9y_respond_text(storage_request, 200, "committed");
    }
  } else if (storage_step == 5) {
    size_t used = 0;
    out[0] = 0;
    w9y_list_entries(data, len, list_entry, &used);
    w9y_respond(storage_request, 200, out, used);
  } else if (storage_step == 7) {
    /* the alarm's write is done */
  }
}

void w9y_handle_alarm(void) {
  storage_step = 7;
  w9y_storage_put("alarmed", 7, "yes", 3);
}
