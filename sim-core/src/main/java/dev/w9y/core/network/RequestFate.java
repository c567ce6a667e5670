package dev.w9y.core.network;

/** What the network does with a request; decided by {@link NetworkHooks#onRequest}. */
public sealed interface RequestFate {
  RequestFate DELIVER = new Deliver(0);

  /** Delivered after the drawn latency plus {@code extraDelayNanos}. */
  record Deliver(long extraDelayNanos) implements RequestFate {
    public Deliver {
      if (extraDelayNanos < 0) {
        throw new IllegalArgumentException("extra delay must not be negative");
      }
    }
  }

  /** Never delivered: the caller's fetch fails after the connect timeout. */
  record Drop(String reason) implements RequestFate {}

  /** Refused at once: the caller's fetch fails after one latency (partitions, resets). */
  record Refuse(String reason) implements RequestFate {}

  /**
   * Delivered, but the caller gives up after {@code afterNanos}: its fetch fails then, and the
   * server, which may still act, answers into the void.
   */
  record TimeOut(long afterNanos) implements RequestFate {
    public TimeOut {
      if (afterNanos < 0) {
        throw new IllegalArgumentException("timeout must not be negative");
      }
    }
  }

  /** Delivered twice: the second copy {@code duplicateDelayNanos} after the first. */
  record Duplicate(long duplicateDelayNanos) implements RequestFate {
    public Duplicate {
      if (duplicateDelayNanos < 0) {
        throw new IllegalArgumentException("duplicate delay must not be negative");
      }
    }
  }
}
