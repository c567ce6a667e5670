package dev.w9y.compat;

import dev.w9y.core.GuestErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cloudflare Queues in W9Y and in workerd (Miniflare's queueProducers/queueConsumers): what a
 * producer's send/sendBatch answer, and what the consumer's queue() handler is given batch by batch
 * (logged by the probe into a Durable Object and polled: Miniflare delivers on wall time). Each
 * test has a queue of its own, with every consumer setting given (Miniflare's local defaults differ
 * from production's, which W9Y uses). Not compared: message ids and timestamps (random and clock
 * values; only their types are), and which deliveries share a batch beyond what the settings
 * decide.
 */
class QueuesCompatTest {
  private static final Probe QUEUES = queues();

  private static Probe queues() {
    Probe probe = Probe.ofResource("queues.js", "LOG", "Log");
    String[][] producers = {
      {"Q_TYPES", "q-types"},
      {"Q_ERRORS", "q-errors"},
      {"Q_DELAYS", "q-delays"},
      {"Q_RETRIES", "q-retries"},
      {"Q_BATCH_WIDE", "q-batch-wide"},
      {"Q_THROWS", "q-throws"},
      {"Q_BATCHES", "q-batches"},
    };
    for (String[] producer : producers) {
      probe = probe.withQueueProducer(producer[0], producer[1]);
    }
    Probe.Consumer plain = new Probe.Consumer(10, 1, 0, null, 0);
    return probe
        .withQueueConsumer("q-types", plain)
        .withQueueConsumer("q-errors", plain)
        .withQueueConsumer("q-delays", plain)
        .withQueueConsumer("q-retries", new Probe.Consumer(10, 1, 2, "q-dead", 0))
        .withQueueConsumer("q-dead", plain)
        .withQueueConsumer("q-batch-wide", new Probe.Consumer(10, 1, 3, null, 0))
        .withQueueConsumer("q-throws", new Probe.Consumer(10, 1, 1, null, 0))
        .withQueueConsumer("q-batches", new Probe.Consumer(3, 1, 0, null, 0));
  }

  private static Probe.Step send(String queue, String op) {
    return Probe.Step.get("http://api/send?queue=" + queue + "&op=" + op);
  }

  /** The log of {@code queue}, asked every 100 ms until it holds {@code messages} deliveries. */
  private static Probe.Step log(String queue, int messages) {
    return Probe.Step.poll("http://api/log?queue=" + queue + "&messages=" + messages, 100, 100);
  }

  @Test
  void eachContentTypeArrivesAsSentAsInWorkerd() {
    Differential.run(
            QUEUES.with(
                List.of(
                    Probe.Step.get("http://api/shape?queue=q-types"),
                    send("q-types", "types"),
                    log("q-types", 8))))
        .assertSame();
  }

  @Test
  void producersRefuseBadArgumentsAndOversizedMessagesAsInWorkerd() {
    Differential.run(QUEUES.with(List.of(send("q-errors", "errors")))).assertSame();
  }

  /**
   * Documented difference: what Miniflare's local broker refuses as an internal error W9Y refuses
   * with Cloudflare's documented limits in words that name them (and a delay over 12 hours, which
   * Miniflare accepts, W9Y refuses).
   */
  @Test
  void limitsMiniflareLeavesToItsBrokerAreRefusedWithW9ysWords() {
    Differential run = Differential.run(QUEUES.with(List.of(send("q-errors", "brokerErrors"))));
    run.assertSameExcept(0);
    String workerd = run.workerd(0).body();
    String w9y = run.w9y(0).body();
    org.assertj.core.api.Assertions.assertThat(workerd.split("Unknown Internal Error \\(15000\\)"))
        .as("workerd: %s", workerd)
        .hasSize(11);
    org.assertj.core.api.Assertions.assertThat(w9y)
        .contains(
            "Content Type \\\"json\\\" requires a JSON-serializable value, but received: function",
            "Content Type \\\"json\\\" requires a JSON-serializable value, but received: symbol",
            "Queue send failed: message length of 128001 bytes exceeds limit of 128000",
            "Queue sendBatch failed: batch message count of 101 exceeds limit of 100",
            "Queue sendBatch failed: batch size of 300000 bytes exceeds limit of 256000",
            "message in batch has length 128001 bytes which exceeds single message size limit",
            "Queue send failed: message delay -1 is invalid: delaySeconds must be between 0 and 43200",
            "Queue sendBatch failed: message delay -1 is invalid",
            "Queue send failed: message delay 43201 is invalid")
        .doesNotContain("\"ok\"");
  }

  @Test
  void delayedMessagesArriveInALaterBatchAsInWorkerd() {
    Differential.run(QUEUES.with(List.of(send("q-delays", "delays"), log("q-delays", 2))))
        .assertSame();
  }

  @Test
  void retriedMessagesComeBackWithMoreAttemptsThenGoToTheDeadLetterQueueAsInWorkerd() {
    Differential.run(
            QUEUES.with(
                List.of(send("q-retries", "retries"), log("q-dead", 1), log("q-retries", 0))))
        .assertSame();
  }

  /**
   * Documented difference: Cloudflare documents that a call on one message wins over a later
   * batch-wide call, so an acked message is not retried by retryAll() (W9Y); Miniflare retries it.
   */
  @Test
  void retryAllRetriesTheMessagesWithoutACallAndAckAllAcksThem() {
    Differential run =
        Differential.run(
            QUEUES.with(List.of(send("q-batch-wide", "batchWide"), log("q-batch-wide", 5))));
    run.assertSameExcept(1);
    assertSecondDelivery(run, 1, "a", "b", "c");
  }

  /**
   * The second delivery of the scenario's messages: in workerd every message comes back (Miniflare
   * undoes the first message's ack), in W9Y all but the acked first one.
   */
  private static void assertSecondDelivery(Differential run, int request, String... bodies) {
    String workerd = run.workerd(request).body();
    String w9y = run.w9y(request).body();
    for (String body : bodies) {
      String again = "{\"body\":\"" + body + "\",\"attempts\":2,";
      org.assertj.core.api.Assertions.assertThat(workerd).contains(again);
      if (body.equals(bodies[0])) {
        org.assertj.core.api.Assertions.assertThat(w9y).doesNotContain(again);
      } else {
        org.assertj.core.api.Assertions.assertThat(w9y).contains(again);
      }
    }
    org.assertj.core.api.Assertions.assertThat(w9y).doesNotContain("\"attempts\":3");
  }

  @Test
  void batchesHoldAtMostMaxBatchSizeMessagesInOrderAsInWorkerd() {
    Differential.run(QUEUES.with(List.of(send("q-batches", "batches"), log("q-batches", 7))))
        .assertSame();
  }

  /**
   * Documented difference: a handler that throws gets its messages again, but in W9Y (as Cloudflare
   * documents) not one it acked before throwing; Miniflare retries that one too.
   */
  @Test
  void aHandlerThatThrowsGetsItsMessagesAgainButNotAnAckedOne() {
    Differential run =
        Differential.run(
            QUEUES.with(
                List.of(
                    send("q-throws", "throws"),
                    log("q-throws", 3),
                    Probe.Step.sleep(1500),
                    log("q-throws", 0))),
            GuestErrorKind.UNCAUGHT_EXCEPTION);
    run.assertSameExcept(1, 2);
    assertSecondDelivery(run, 2, "a", "b");
  }
}
