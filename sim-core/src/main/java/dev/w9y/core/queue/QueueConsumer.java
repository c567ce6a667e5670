package dev.w9y.core.queue;

import dev.w9y.core.platform.PlatformTrigger;
import java.util.Objects;

/**
 * A service consuming the queue {@code queue} (wrangler's {@code [[queues.consumers]]}), with
 * Cloudflare's settings and their documented defaults: batches of up to {@code maxBatchSize}
 * (default 10, at most 100) messages, sent when full or {@code maxBatchTimeoutSeconds} (default 5,
 * at most 60) after the first message waited; a message retried more than {@code maxRetries}
 * (default 3, at most 100) times goes to {@code deadLetterQueue} (null: it is dropped); a retry
 * waits {@code retryDelaySeconds} (default 0) unless the retry call says otherwise.
 */
public record QueueConsumer(
    String queue,
    int maxBatchSize,
    long maxBatchTimeoutSeconds,
    int maxRetries,
    String deadLetterQueue,
    long retryDelaySeconds)
    implements PlatformTrigger {
  public static final int DEFAULT_MAX_BATCH_SIZE = 10;
  public static final long DEFAULT_MAX_BATCH_TIMEOUT_SECONDS = 5;
  public static final int DEFAULT_MAX_RETRIES = 3;

  public QueueConsumer {
    Objects.requireNonNull(queue, "queue");
    check(queue, "max_batch_size", maxBatchSize, 1, 100);
    check(queue, "max_batch_timeout", maxBatchTimeoutSeconds, 0, 60);
    check(queue, "max_retries", maxRetries, 0, 100);
    check(queue, "retry_delay", retryDelaySeconds, 0, QueueHandle.MAX_DELAY_SECONDS);
    if (queue.equals(deadLetterQueue)) {
      throw new IllegalArgumentException(
          "consumer of queue " + queue + ": dead_letter_queue cannot be the queue itself");
    }
  }

  /** A consumer with Cloudflare's defaults. */
  public static QueueConsumer of(String queue) {
    return new QueueConsumer(
        queue,
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_BATCH_TIMEOUT_SECONDS,
        DEFAULT_MAX_RETRIES,
        null,
        0);
  }

  public QueueConsumer withMaxBatchSize(int value) {
    return new QueueConsumer(
        queue, value, maxBatchTimeoutSeconds, maxRetries, deadLetterQueue, retryDelaySeconds);
  }

  public QueueConsumer withMaxBatchTimeoutSeconds(long value) {
    return new QueueConsumer(
        queue, maxBatchSize, value, maxRetries, deadLetterQueue, retryDelaySeconds);
  }

  public QueueConsumer withMaxRetries(int value) {
    return new QueueConsumer(
        queue, maxBatchSize, maxBatchTimeoutSeconds, value, deadLetterQueue, retryDelaySeconds);
  }

  public QueueConsumer withDeadLetterQueue(String value) {
    return new QueueConsumer(
        queue, maxBatchSize, maxBatchTimeoutSeconds, maxRetries, value, retryDelaySeconds);
  }

  public QueueConsumer withRetryDelaySeconds(long value) {
    return new QueueConsumer(
        queue, maxBatchSize, maxBatchTimeoutSeconds, maxRetries, deadLetterQueue, value);
  }

  private static void check(String queue, String setting, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "consumer of queue "
              + queue
              + ": "
              + setting
              + " must be between "
              + min
              + " and "
              + max
              + ", was "
              + value);
    }
  }

  @Override
  public String kind() {
    return "queue";
  }

  @Override
  public String describe() {
    return "consumer of queue " + queue;
  }
}
