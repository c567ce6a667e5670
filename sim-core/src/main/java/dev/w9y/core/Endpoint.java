package dev.w9y.core;

/**
 * Something that sends and receives messages in the world: the workload, a service instance, a
 * durable object. Inbound deliveries (responses, fetch failures, timers) run through {@link
 * #deliver}, which is where a durable object's input gate holds them; outbound messages go through
 * {@link #emit}, where its output gate holds them until earlier writes are durable.
 */
interface Endpoint {
  /** The trace actor, e.g. {@code workload}, {@code bank#0}, {@code COUNTER:3fa1c2d4}. */
  String actor();

  /** Whether the endpoint still has the memory that was waiting for the delivery. */
  boolean isAlive();

  /** Incremented on every (re)start, so deliveries meant for an older life can be dropped. */
  int generation();

  /** Runs an inbound delivery now or when the endpoint's input gate allows. */
  void deliver(Runnable delivery);

  /** Sends an outbound message now or when the endpoint's output gate allows. */
  void emit(Runnable output);

  /** An endpoint with no gates: deliveries and outputs happen at once. */
  interface Ungated extends Endpoint {
    @Override
    default void deliver(Runnable delivery) {
      delivery.run();
    }

    @Override
    default void emit(Runnable output) {
      output.run();
    }
  }
}
