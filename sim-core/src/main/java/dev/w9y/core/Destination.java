package dev.w9y.core;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Response;
import dev.w9y.core.network.Message;

/** Where a request can be delivered: a service (any of its instances) or one durable object. */
interface Destination {
  /** The name the trace and fault hooks use for the receiver. */
  String name();

  /** Whether the workload may reach it from outside. */
  boolean isPublic();

  /** Hands a delivered request to the receiver, which answers through {@link World#respond}. */
  void accept(Message message, Endpoint caller, Promise.Deferred<Response> reply);
}
