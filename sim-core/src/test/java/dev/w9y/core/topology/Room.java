package dev.w9y.core.topology;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;

/** A durable-object class for topology-file tests: answers with its id. */
public final class Room implements JavaDurableObject {
  private final DurableObjectHost host;

  public Room(DurableObjectHost host) {
    this.host = host;
  }

  @Override
  public Promise<Response> fetch(Request request, DurableObjectHost ignored) {
    return Promise.resolved(Response.ok(host.id().hex()));
  }
}
