package dev.w9y.core.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch handed to a consumer's {@code queue(batch, env, ctx)} handler, and what the handler
 * said of each message: {@code ack()}/{@code retry()} per message, {@code ackAll()}/{@code
 * retryAll()} for the batch. The first word on a message wins (workerd: a later call on the same
 * message is ignored); a batch-wide call covers the messages no per-message call covered.
 */
public final class QueueBatch {
  private final String queue;
  private final List<QueueMessage> messages;
  private final Map<String, Long> retries = new LinkedHashMap<>();
  private final List<String> acks = new ArrayList<>();
  private Boolean all; // true: ackAll, false: retryAll, null: neither
  private long retryAllDelaySeconds = -1;

  private final QueueHandle.Backlog backlog;

  QueueBatch(String queue, List<QueueMessage> messages, QueueHandle.Backlog backlog) {
    this.queue = queue;
    this.messages = List.copyOf(messages);
    this.backlog = backlog;
  }

  /** The queue's backlog once this batch was taken from it ({@code batch.metadata.metrics}). */
  public QueueHandle.Backlog backlog() {
    return backlog;
  }

  public String queue() {
    return queue;
  }

  public List<QueueMessage> messages() {
    return messages;
  }

  private boolean decided(String id) {
    return acks.contains(id) || retries.containsKey(id);
  }

  private void requireMember(String id) {
    for (QueueMessage message : messages) {
      if (message.id().equals(id)) {
        return;
      }
    }
    throw new IllegalArgumentException("message " + id + " is not in this batch of " + queue);
  }

  /** {@code message.ack()}. */
  public void ack(String id) {
    requireMember(id);
    if (!decided(id)) {
      acks.add(id);
    }
  }

  /** {@code message.retry({delaySeconds})}; {@code delaySeconds} negative: the default delay. */
  public void retry(String id, long delaySeconds) {
    requireMember(id);
    if (!decided(id)) {
      retries.put(id, delaySeconds);
    }
  }

  /** {@code batch.ackAll()}. */
  public void ackAll() {
    if (all == null) {
      all = true;
    }
  }

  /** {@code batch.retryAll({delaySeconds})}. */
  public void retryAll(long delaySeconds) {
    if (all == null) {
      all = false;
      retryAllDelaySeconds = delaySeconds;
    }
  }

  /**
   * The delay (seconds; negative: the consumer's default) before {@code message} is retried, or
   * null if it is done: the outcome once the handler has {@code succeeded} or not.
   */
  Long retryDelay(QueueMessage message, boolean succeeded) {
    String id = message.id();
    if (acks.contains(id)) {
      return null;
    }
    if (retries.containsKey(id)) {
      return retries.get(id);
    }
    if (all != null) {
      return all ? null : Long.valueOf(retryAllDelaySeconds);
    }
    return succeeded ? null : Long.valueOf(-1);
  }
}
