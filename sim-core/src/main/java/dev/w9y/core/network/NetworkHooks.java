package dev.w9y.core.network;

import dev.w9y.core.http.Response;

/**
 * Where fault injection acts on the network. The world asks the hooks about every request and every
 * response between sending and delivery, records each decision that is not a plain delivery in the
 * trace, and carries it out. The defaults deliver everything; the faults module implements drops,
 * delays, duplicates, partitions and HTTP-level faults here.
 */
public interface NetworkHooks {
  NetworkHooks NONE = new NetworkHooks() {};

  /** Decides the fate of a request about to be sent. */
  default RequestFate onRequest(Message message) {
    return RequestFate.DELIVER;
  }

  /** Decides the fate of the response the server produced for {@code message}. */
  default ResponseFate onResponse(Message message, Response response) {
    return ResponseFate.DELIVER;
  }

  /**
   * A request was just handed to {@code receiver} (an instance or a durable object), whose handler
   * is now running: the moment to crash it "mid-request".
   */
  default void onDelivered(Message message, String receiver) {}

  /** Ends every network fault for the liveness phase: from now on, deliver everything. */
  default void heal() {}
}
