package dev.w9y.core.java;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ScheduledTrigger;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;

/**
 * A service written in plain Java against the same host API guests in other languages get. Its
 * fields are the instance's memory: a crash discards the object, a restart builds a new one.
 */
public interface JavaService {
  /** Handles one request; may complete later through host promises. */
  Promise<Response> fetch(Request request, ServiceHost host);

  /** Handles a cron trigger. */
  default Promise<Void> scheduled(ScheduledTrigger trigger, ServiceHost host) {
    return Promise.rejected(
        new GuestException("no scheduled handler for cron '" + trigger.cron() + "'"));
  }
}
