package dev.w9y.core.network;

import dev.w9y.core.http.Response;

/** What the network does with a response; decided by {@link NetworkHooks#onResponse}. */
public sealed interface ResponseFate {
  ResponseFate DELIVER = new Deliver(0);

  /** Delivered after the drawn latency plus {@code extraDelayNanos}. */
  record Deliver(long extraDelayNanos) implements ResponseFate {
    public Deliver {
      if (extraDelayNanos < 0) {
        throw new IllegalArgumentException("extra delay must not be negative");
      }
    }
  }

  /** The server acted but the response is lost: the caller's fetch fails ("unknown outcome"). */
  record Lose(String reason) implements ResponseFate {}

  /** The caller receives {@code replacement} instead (a 503, a 429 with Retry-After, ...). */
  record Replace(Response replacement) implements ResponseFate {}
}
