package dev.w9y.core.java;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/**
 * A durable-object class written in plain Java. Its fields are the object's memory (lost on a
 * crash); {@link DurableObjectHost#storage()} is what survives.
 */
public interface JavaDurableObject {
  Promise<Response> fetch(Request request, DurableObjectHost host);

  default Promise<Void> alarm(DurableObjectHost host) {
    return Promise.rejected(new GuestException("no alarm handler"));
  }

  /**
   * The alarm handler with workerd's alarm info (scheduled time, retry count); by default {@link
   * #alarm(DurableObjectHost)}.
   */
  default Promise<Void> alarm(DurableObjectHost host, DurableObjectInstance.AlarmInfo info) {
    return alarm(host);
  }
}
