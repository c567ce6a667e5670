package dev.w9y.core.queue;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.core.platform.PlatformTrigger;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every queue of a run (the world's one {@link PlatformContext#shared shared} queue state): the
 * messages waiting in each, its consumer, and the batch it is handling. One batch of a queue is in
 * flight at a time; a batch goes when it is full or when its oldest message has waited the
 * consumer's {@code max_batch_timeout}. What the handler did decides each message's fate: acked
 * (done; a fault may still deliver it again), retried (after its delay, with {@code attempts} one
 * higher), or, past {@code max_retries}, sent to the dead-letter queue or dropped. A handler that
 * throws or whose instance crashes retries every message it did not acknowledge itself (a crash,
 * those too: the acknowledgements never left the instance).
 */
final class QueueBroker {
  /** How long a queue waits for a consumer instance to run again when none does. */
  static final long NO_CONSUMER_RETRY_NANOS = 1_000_000_000L;

  private final PlatformContext platform;
  private final QueueHooks hooks;
  private final RandomStream ids;
  private final Map<String, Queue> queues = new TreeMap<>();
  private final Map<String, Consumer> consumers = new TreeMap<>();

  private record Consumer(String service, QueueConsumer settings) {}

  private static final class Queue {
    final String name;
    final List<QueueMessage> ready = new ArrayList<>();
    long readyBytes;
    PlatformContext.Cancellable flush;
    boolean flushNow;
    boolean inFlight;

    Queue(String name) {
      this.name = name;
    }
  }

  QueueBroker(PlatformContext platform) {
    this.platform = platform;
    this.hooks = platform.hooks(QueueHooks.class, QueueHooks.NONE);
    this.ids = platform.random("queue/ids");
    for (ServiceSpec spec : platform.topology().services()) {
      for (PlatformTrigger trigger : spec.platformTriggers()) {
        if (trigger instanceof QueueConsumer consumer) {
          Consumer existing = consumers.get(consumer.queue());
          if (existing != null) {
            throw new IllegalArgumentException(
                "queue "
                    + consumer.queue()
                    + " has two consumers, services '"
                    + existing.service()
                    + "' and '"
                    + spec.name()
                    + "' (Cloudflare allows one push consumer per queue)");
          }
          consumers.put(consumer.queue(), new Consumer(spec.name(), consumer));
        }
      }
    }
  }

  private Queue queue(String name) {
    return queues.computeIfAbsent(name, Queue::new);
  }

  QueueHandle.Backlog backlog(String queue) {
    return backlogAfter(queue(queue), 0);
  }

  /** The backlog of {@code q} once its first {@code taken} ready messages are taken away. */
  private static QueueHandle.Backlog backlogAfter(Queue q, int taken) {
    long bytes = q.readyBytes;
    for (QueueMessage message : q.ready.subList(0, taken)) {
      bytes -= message.body().length;
    }
    long oldest = -1;
    for (QueueMessage message : q.ready.subList(taken, q.ready.size())) {
      if (oldest < 0 || message.timestampMillis() < oldest) {
        oldest = message.timestampMillis();
      }
    }
    return new QueueHandle.Backlog(q.ready.size() - taken, bytes, oldest);
  }

  private String newId() {
    StringBuilder id = new StringBuilder(32);
    for (int i = 0; i < 2; i++) {
      String part = Long.toHexString(ids.nextLong());
      id.append("0".repeat(16 - part.length())).append(part);
    }
    return id.toString();
  }

  /** A message sent by {@code producer}: delivered after {@code delaySeconds} (and any fault). */
  void enqueue(
      String producer,
      String queue,
      String contentType,
      byte[] body,
      long sentAtMillis,
      long delaySeconds) {
    QueueMessage message = new QueueMessage(newId(), sentAtMillis, contentType, body, 1);
    long delay =
        delaySeconds * 1_000_000_000L + Math.max(0, hooks.queueSendDelayNanos(producer, queue));
    arriveAfter(queue, message, delay, "queue.ready");
  }

  private void arriveAfter(String queue, QueueMessage message, long delayNanos, String kind) {
    if (delayNanos <= 0) {
      arrive(queue(queue), message);
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queue", queue);
    details.put("id", message.id());
    details.put("attempts", (long) message.attempts());
    platform.schedule(
        delayNanos, "queue:" + queue, kind, details, () -> arrive(queue(queue), message));
  }

  private void arrive(Queue q, QueueMessage message) {
    q.ready.add(message);
    q.readyBytes += message.body().length;
    ensureFlush(q);
  }

  private void ensureFlush(Queue q) {
    Consumer consumer = consumers.get(q.name);
    if (consumer == null || q.inFlight || q.ready.isEmpty()) {
      return;
    }
    boolean full = q.ready.size() >= consumer.settings().maxBatchSize();
    if (q.flush != null) {
      if (q.flushNow || !full) {
        return;
      }
      q.flush.cancel();
    }
    long delay = full ? 0 : consumer.settings().maxBatchTimeoutSeconds() * 1_000_000_000L;
    q.flushNow = delay == 0;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queue", q.name);
    details.put("full", full);
    q.flush = platform.schedule(delay, "queue:" + q.name, "queue.flush", details, () -> flush(q));
  }

  private void flush(Queue q) {
    q.flush = null;
    q.flushNow = false;
    Consumer consumer = consumers.get(q.name);
    if (q.ready.isEmpty() || q.inFlight) {
      return;
    }
    int size = Math.min(q.ready.size(), consumer.settings().maxBatchSize());
    List<QueueMessage> taken = new ArrayList<>(q.ready.subList(0, size));
    QueueBatch batch = new QueueBatch(q.name, taken, backlogAfter(q, size));
    PlatformContext.Dispatch dispatch = platform.dispatch(consumer.service(), "queue", batch, true);
    if (dispatch == null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("queue", q.name);
      details.put("consumer", consumer.service());
      platform.record("queue:" + q.name, "queue.no-consumer", details);
      q.flushNow = true;
      q.flush =
          platform.schedule(
              NO_CONSUMER_RETRY_NANOS, "queue:" + q.name, "queue.flush", details, () -> flush(q));
      return;
    }
    q.ready.subList(0, size).clear();
    for (QueueMessage message : taken) {
      q.readyBytes -= message.body().length;
    }
    q.inFlight = true;
    List<Object> messageIds = new ArrayList<>();
    List<Object> attempts = new ArrayList<>();
    for (QueueMessage message : taken) {
      messageIds.add(message.id());
      attempts.add((long) message.attempts());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queue", q.name);
    details.put("consumer", dispatch.actor());
    details.put("ids", messageIds);
    details.put("attempts", attempts);
    platform.record("queue:" + q.name, "queue.batch", details);
    // A consumer crash (the hook crashes the instance in the next event) loses the batch's outcome
    // even if the handler finished first: its acknowledgements never reached the queue.
    boolean crashing = hooks.queueConsumerCrash(dispatch.actor(), q.name);
    dispatch
        .result()
        .whenComplete((ok, error) -> settle(q, consumer, dispatch.actor(), batch, error, crashing));
  }

  private void settle(
      Queue q,
      Consumer consumer,
      String actor,
      QueueBatch batch,
      Throwable error,
      boolean crashing) {
    q.inFlight = false;
    boolean crashed =
        crashing
            || (error != null
                && error.getMessage() != null
                && error.getMessage().startsWith(actor + " crashed"));
    List<Object> acked = new ArrayList<>();
    List<Object> retried = new ArrayList<>();
    List<Object> deadLettered = new ArrayList<>();
    List<Object> dropped = new ArrayList<>();
    QueueConsumer settings = consumer.settings();
    for (QueueMessage message : batch.messages()) {
      Long delaySeconds = crashed ? Long.valueOf(-1) : batch.retryDelay(message, error == null);
      if (delaySeconds == null) {
        acked.add(message.id());
        long again = hooks.queueDuplicateAfterNanos(q.name, message.id());
        if (again >= 0) {
          arriveAfter(q.name, message.nextAttempt(), Math.max(1, again), "queue.duplicate");
        }
        continue;
      }
      if (message.attempts() <= settings.maxRetries()) {
        retried.add(message.id());
        long seconds = delaySeconds >= 0 ? delaySeconds : settings.retryDelaySeconds();
        arriveAfter(q.name, message.nextAttempt(), seconds * 1_000_000_000L, "queue.retry");
      } else if (settings.deadLetterQueue() != null) {
        deadLettered.add(message.id());
        arrive(
            queue(settings.deadLetterQueue()),
            new QueueMessage(
                message.id(), message.timestampMillis(), message.contentType(), message.body(), 1));
      } else {
        dropped.add(message.id());
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queue", q.name);
    details.put("consumer", actor);
    details.put("outcome", crashed ? "crashed" : error == null ? "ok" : "exception");
    details.put("acked", acked);
    details.put("retried", retried);
    if (!deadLettered.isEmpty()) {
      details.put("deadLettered", deadLettered);
      details.put("deadLetterQueue", settings.deadLetterQueue());
    }
    if (!dropped.isEmpty()) {
      details.put("dropped", dropped);
    }
    platform.record("queue:" + q.name, "queue.settled", details);
    ensureFlush(q);
  }
}
