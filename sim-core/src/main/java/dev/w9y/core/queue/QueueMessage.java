package dev.w9y.core.queue;

/**
 * One message as a consumer receives it: {@code id}, {@code timestampMillis} (when it was sent),
 * the body's bytes in its {@code contentType} ({@code text}, {@code json}, {@code bytes}, {@code
 * v8}), and {@code attempts} (1 on the first delivery).
 */
public record QueueMessage(
    String id, long timestampMillis, String contentType, byte[] body, int attempts) {
  QueueMessage nextAttempt() {
    return new QueueMessage(id, timestampMillis, contentType, body, attempts + 1);
  }
}
