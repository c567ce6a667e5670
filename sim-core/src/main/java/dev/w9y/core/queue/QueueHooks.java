package dev.w9y.core.queue;

/**
 * Where fault injection acts on Queues: late messages, duplicate deliveries, consumers crashing
 * mid-batch. Delivery is at-least-once; these are the ways it shows.
 */
public interface QueueHooks {
  QueueHooks NONE = new QueueHooks() {};

  /** Extra delay before a message {@code producer} sent to {@code queue} can be delivered. */
  default long queueSendDelayNanos(String producer, String queue) {
    return 0;
  }

  /**
   * After the message {@code messageId} of {@code queue} was acknowledged: how long until it is
   * delivered again (a duplicate), or a negative number for never.
   */
  default long queueDuplicateAfterNanos(String queue, String messageId) {
    return -1;
  }

  /**
   * A batch of {@code queue} was handed to {@code consumer} (a service instance, {@code svc#0}):
   * whether that instance crashes before it finishes (the hook crashes it; the batch is delivered
   * again).
   */
  default boolean queueConsumerCrash(String consumer, String queue) {
    return false;
  }
}
