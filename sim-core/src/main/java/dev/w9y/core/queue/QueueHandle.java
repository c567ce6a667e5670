package dev.w9y.core.queue;

import dev.w9y.core.async.Promise;
import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One guest's producer handle on a queue: {@code send} and {@code sendBatch}, with Cloudflare's
 * limits checked in workerd's words. A send takes a seeded latency (an event of its own, {@code
 * queue.send}); the message is then stored, and delivered after its delay.
 */
public final class QueueHandle {
  /** Cloudflare's limits (developers.cloudflare.com/queues/platform/limits; Miniflare's broker). */
  public static final int MAX_MESSAGE_BYTES = 128_000;

  public static final int MAX_BATCH_MESSAGES = 100;
  public static final int MAX_BATCH_BYTES = 256_000;
  public static final long MAX_DELAY_SECONDS = 43_200; // 12 hours

  static final List<String> CONTENT_TYPES = List.of("text", "json", "bytes", "v8");

  /** A send's latency. */
  static final Distribution LATENCY = new Distribution.Uniform(1_000_000L, 10_000_000L);

  private final PlatformAccess access;
  private final QueueProducerBinding binding;
  private final PlatformContext platform;
  private final RandomStream latency;

  QueueHandle(PlatformAccess access, QueueProducerBinding binding) {
    this.access = access;
    this.binding = binding;
    this.platform = access.platform();
    this.latency = platform.random("queue/latency/" + access.actor());
  }

  /**
   * A send's {@code delaySeconds} when the call gave none (then the binding's {@code
   * delivery_delay} applies); every other value, negative ones too, is what the guest asked for and
   * is checked.
   */
  public static final long DEFAULT_DELAY = Long.MIN_VALUE;

  /**
   * One message to send: its body's bytes in {@code contentType}, its own delay ({@link
   * #DEFAULT_DELAY}: none).
   */
  public record Outgoing(String contentType, byte[] body, long delaySeconds) {}

  /**
   * The queue's backlog as workerd reports it ({@code metadata.metrics}): messages waiting, their
   * bytes, and the oldest one's timestamp (epoch ms; -1 when none waits).
   */
  public record Backlog(long count, long bytes, long oldestTimestampMillis) {}

  public String queue() {
    return binding.queue();
  }

  /**
   * {@code send(body, {contentType, delaySeconds})}; {@code delaySeconds} {@link #DEFAULT_DELAY}:
   * none given.
   */
  public Promise<Backlog> send(String contentType, byte[] body, long delaySeconds) {
    QueueException refused = null;
    try {
      checkMessage("send", contentType, body.length, delaySeconds);
      if (body.length > MAX_MESSAGE_BYTES) {
        throw new QueueException(
            "Queue send failed: message length of "
                + body.length
                + " bytes exceeds limit of "
                + MAX_MESSAGE_BYTES);
      }
    } catch (QueueException e) {
      refused = e;
    }
    return run(
        "queue.send",
        List.of(new Outgoing(contentType, body, delaySeconds)),
        DEFAULT_DELAY,
        refused);
  }

  /**
   * {@code sendBatch(messages, {delaySeconds})}; {@code delaySeconds} {@link #DEFAULT_DELAY}: none
   * given.
   */
  public Promise<Backlog> sendBatch(List<Outgoing> messages, long delaySeconds) {
    QueueException refused = null;
    try {
      if (messages.size() > MAX_BATCH_MESSAGES) {
        throw new QueueException(
            "Queue sendBatch failed: batch message count of "
                + messages.size()
                + " exceeds limit of "
                + MAX_BATCH_MESSAGES);
      }
      checkDelay("sendBatch", delaySeconds);
      long total = 0;
      for (Outgoing message : messages) {
        checkMessage(
            "sendBatch", message.contentType(), message.body().length, message.delaySeconds());
        if (message.body().length > MAX_MESSAGE_BYTES) {
          throw new QueueException(
              "Queue sendBatch failed: message in batch has length "
                  + message.body().length
                  + " bytes which exceeds single message size limit of "
                  + MAX_MESSAGE_BYTES);
        }
        total += message.body().length;
      }
      if (total > MAX_BATCH_BYTES) {
        throw new QueueException(
            "Queue sendBatch failed: batch size of "
                + total
                + " bytes exceeds limit of "
                + MAX_BATCH_BYTES);
      }
    } catch (QueueException e) {
      refused = e;
    }
    return run("queue.sendBatch", messages, delaySeconds, refused);
  }

  private static void checkMessage(String call, String contentType, int length, long delay) {
    if (!CONTENT_TYPES.contains(contentType)) {
      throw new QueueException("Unsupported queue message content type: " + contentType);
    }
    checkDelay(call, delay);
  }

  private static void checkDelay(String call, long delaySeconds) {
    if (delaySeconds != DEFAULT_DELAY && (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS)) {
      throw new QueueException(
          "Queue "
              + call
              + " failed: message delay "
              + delaySeconds
              + " is invalid: delaySeconds must be between 0 and "
              + MAX_DELAY_SECONDS);
    }
  }

  private Promise<Backlog> run(
      String kind, List<Outgoing> messages, long batchDelaySeconds, QueueException refused) {
    PlatformAccess.Operation operation = access.operation();
    Promise.Deferred<Backlog> result = Promise.deferred();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queue", binding.queue());
    details.put("messages", (long) messages.size());
    if (refused != null) {
      details.put("error", refused.getMessage());
    }
    long sentAtMillis = platform.epochMillis();
    platform.schedule(
        latency.sampleNanos(LATENCY),
        access.actor(),
        kind,
        details,
        () -> {
          if (refused != null) {
            operation.complete(() -> result.reject(refused));
            return;
          }
          QueueBroker broker = platform.shared(QueueBroker.class, QueueBroker::new);
          long defaultDelay =
              batchDelaySeconds != DEFAULT_DELAY
                  ? batchDelaySeconds
                  : binding.deliveryDelaySeconds();
          for (Outgoing message : messages) {
            long delay =
                message.delaySeconds() != DEFAULT_DELAY ? message.delaySeconds() : defaultDelay;
            broker.enqueue(
                access.actor(),
                binding.queue(),
                message.contentType(),
                message.body(),
                sentAtMillis,
                delay);
          }
          Backlog backlog = broker.backlog(binding.queue());
          operation.complete(() -> result.resolve(backlog));
        });
    return result.promise();
  }
}
