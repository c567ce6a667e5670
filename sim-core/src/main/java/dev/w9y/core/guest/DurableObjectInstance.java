package dev.w9y.core.guest;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/** One live durable object: its memory. Storage lives in the world and survives a crash. */
public interface DurableObjectInstance {
  Promise<Response> fetch(Request request);

  /** The alarm handler; a rejection makes the world retry the alarm with backoff. */
  default Promise<Void> alarm() {
    return Promise.rejected(new GuestException("durable object has no alarm handler"));
  }

  /** Drops all in-memory state. */
  void crash();
}
