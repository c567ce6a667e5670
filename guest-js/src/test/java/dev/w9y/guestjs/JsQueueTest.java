package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.http.Request;
import dev.w9y.core.queue.QueueConsumer;
import dev.w9y.core.queue.QueueProducerBinding;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cloudflare Queues from JavaScript: the producer binding ({@code send}, {@code sendBatch}, content
 * types, delays, limits in workerd's words) and a consumer's {@code queue(batch, env, ctx)} handler
 * (batch size and timeout, {@code ack}/{@code retry}, {@code ackAll}/{@code retryAll}, retries with
 * delays, {@code max_retries} and the dead-letter queue).
 */
class JsQueueTest {

  /**
   * A Worker that produces to "jobs" and consumes "jobs" and "dead": each delivery is remembered as
   * one line (queue, batch number, body, attempts), served at /seen.
   */
  private static final String APP =
      """
      const seen = [];
      let batches = 0;
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const out = [];
          const t = async (name, f) => {
            try { out.push(name + " => " + JSON.stringify(await f())); }
            catch (e) { out.push(name + " !! " + e.name + ": " + e.message); }
          };
          switch (url.pathname) {
            case "/types":
              await t("v8", () => env.JOBS.send({ kind: "v8", at: new Date(0), tags: new Set(["a"]) }, { contentType: "v8" }));
              await t("json", () => env.JOBS.send({ kind: "json" }, { contentType: "json" }));
              await t("text", () => env.JOBS.send("plain", { contentType: "text" }));
              await t("bytes", () => env.JOBS.send(new Uint8Array([1, 2, 3]), { contentType: "bytes" }));
              break;
            case "/errors":
              await t("too big", () => env.JOBS.send("x".repeat(128001), { contentType: "text" }));
              await t("128000 ok", () => env.JOBS.send("y".repeat(128000), { contentType: "text" }));
              await t("bad type", () => env.JOBS.send("a", { contentType: "nope" }));
              await t("text object", () => env.JOBS.send({ a: 1 }, { contentType: "text" }));
              await t("bytes string", () => env.JOBS.send("abc", { contentType: "bytes" }));
              await t("undefined", () => env.JOBS.send(undefined));
              await t("delay", () => env.JOBS.send("a", { delaySeconds: 43201 }));
              await t("batch 101", () => env.JOBS.sendBatch(Array.from({ length: 101 }, () => ({ body: 1 }))));
              await t("batch big", () => env.JOBS.sendBatch([{ body: "z".repeat(127000), contentType: "text" }, { body: "z".repeat(127000), contentType: "text" }, { body: "z".repeat(3000), contentType: "text" }]));
              await t("batch no body", () => env.JOBS.sendBatch([{ nobody: 1 }]));
              break;
            case "/batch": {
              const n = Number(url.searchParams.get("n"));
              const messages = Array.from({ length: n }, (_, i) => ({ body: { n: i, mode: url.searchParams.get("mode") } }));
              const delay = url.searchParams.get("delay");
              await t("sendBatch", () => env.JOBS.sendBatch(messages, delay ? { delaySeconds: Number(delay) } : undefined));
              break;
            }
            case "/one":
              await t("send", () => env.JOBS.send({ n: 0, mode: url.searchParams.get("mode") },
                url.searchParams.has("delay") ? { delaySeconds: Number(url.searchParams.get("delay")) } : undefined));
              break;
            case "/seen":
              return new Response(seen.join("\\n"));
          }
          return new Response(out.join("\\n"));
        },
        async queue(batch, env, ctx) {
          const number = ++batches;
          if (batch.queue === "dead") {
            for (const message of batch.messages) {
              seen.push(`dead #${number} ${JSON.stringify(message.body)} attempts=${message.attempts}`);
            }
            return;
          }
          for (const message of batch.messages) {
            const body = message.body;
            const shown = body instanceof ArrayBuffer ? [...new Uint8Array(body)]
              : body instanceof Object && body.tags ? { ...body, tags: [...body.tags], at: body.at.getTime() } : body;
            seen.push(`${batch.queue} #${number} ${JSON.stringify(shown)} attempts=${message.attempts}`
              + ` id=${message.id.length} ts=${message.timestamp instanceof Date}`);
            const mode = body?.mode;
            if (mode === "ack-then-throw" && body.n === 0) message.ack();
            if (mode === "retry-one" && body.n === 1 && message.attempts === 1) message.retry({ delaySeconds: 7 });
            if (mode === "ack-retry" ) { message.ack(); message.retry(); }
          }
          const mode = batch.messages[0].body?.mode;
          if (mode === "retry-all" && batch.messages[0].attempts === 1) batch.retryAll({ delaySeconds: 3 });
          if (mode === "ack-all-then-throw") { batch.ackAll(); throw new Error("after ackAll"); }
          if (mode === "ack-then-throw" || mode === "always-throw") throw new Error("consumer failed");
        },
      };
      """;

  private static Topology app(QueueConsumer jobs) {
    return Topology.builder()
        .service(
            ServiceSpec.of("app", JsGuest.fromSource("app.js", APP))
                .withPlatformBinding("JOBS", QueueProducerBinding.of("jobs"))
                .withPlatformTrigger(jobs)
                .withPlatformTrigger(QueueConsumer.of("dead").withMaxBatchTimeoutSeconds(1))
                .asPublic())
        .build();
  }

  private static final QueueConsumer JOBS =
      QueueConsumer.of("jobs").withMaxBatchSize(3).withMaxBatchTimeoutSeconds(2);

  /** The run, its outcomes and trace: requests at the given seconds ("12 /seen"). */
  private record Run(SimulationResult result, List<String> outcomes) {
    List<JsonNode> records(String kind) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
        if (kind.equals(record.path("kind").asString(""))) {
          found.add(record);
        }
      }
      return found;
    }

    String last() {
      return outcomes.get(outcomes.size() - 1);
    }
  }

  private static Run run(Topology topology, boolean tolerateErrors, String... timedPaths) {
    List<String> outcomes = new ArrayList<>();
    Consumer<WorkloadDriver> workload =
        driver -> {
          for (String timed : timedPaths) {
            String[] parts = timed.split(" ", 2);
            driver.after(
                Duration.ofMillis((long) (Double.parseDouble(parts[0]) * 1000)),
                () -> JsWorld.send(driver, Request.get("http://app" + parts[1]), outcomes));
          }
        };
    Simulation.Builder builder =
        Simulation.builder(topology)
            .seed(11)
            .workload(() -> workload::accept)
            .safetyPhase(Duration.ofMinutes(2));
    if (tolerateErrors) {
      builder.tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION);
    }
    SimulationResult result = builder.build().retainingTrace().run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    return new Run(result, outcomes);
  }

  /** A send's answer: the backlog and the oldest waiting message's time (seconds.millis). */
  private static String metrics(int count, int bytes, String oldest) {
    return "{\"metadata\":{\"metrics\":{\"backlogCount\":"
        + count
        + ",\"backlogBytes\":"
        + bytes
        + ",\"oldestMessageTimestamp\":\"2026-01-01T00:00:"
        + oldest
        + "Z\"}}}";
  }

  @Test
  void everyContentTypeArrivesAsItWasSentInBatchesOfAtMostMaxBatchSize() {
    Run run = run(app(JOBS), false, "0 /types", "10 /seen");
    assertThat(run.outcomes.get(0))
        .isEqualTo(
            // the backlog after each send: messages waiting, their bytes, the oldest one's time
            "200 v8 => "
                + metrics(1, 37, "00.001")
                + "\njson => "
                + metrics(2, 52, "00.001")
                // the third fills a batch: it leaves in the next event, after the send answered
                + "\ntext => "
                + metrics(3, 57, "00.001")
                + "\nbytes => "
                + metrics(1, 3, "00.017"));
    // Three fill a batch (sent at once), the fourth waits max_batch_timeout (2 s).
    assertThat(run.last())
        .isEqualTo(
            "200 jobs #1 {\"kind\":\"v8\",\"at\":0,\"tags\":[\"a\"]} attempts=1 id=32 ts=true\n"
                + "jobs #1 {\"kind\":\"json\"} attempts=1 id=32 ts=true\n"
                + "jobs #1 \"plain\" attempts=1 id=32 ts=true\n"
                + "jobs #2 [1,2,3] attempts=1 id=32 ts=true");
    List<JsonNode> flushes = run.records("queue.flush");
    assertThat(flushes).hasSize(2);
    assertThat(flushes.get(0).path("full").asBoolean()).isTrue();
    assertThat(flushes.get(1).path("full").asBoolean()).isFalse();
    long waited =
        flushes.get(1).path("t").asLong() - run.records("queue.send").get(3).path("t").asLong();
    assertThat(waited).isEqualTo(2_000_000_000L);
  }

  @Test
  void badSendsAreRefusedInWorkerdsWords() {
    Run run = run(app(JOBS), false, "0 /errors");
    assertThat(run.outcomes.get(0).substring(4).split("\n"))
        .containsExactly(
            "too big !! Error: Queue send failed: message length of 128001 bytes exceeds limit of"
                + " 128000",
            "128000 ok => " + metrics(1, 128000, "00.009"),
            "bad type !! TypeError: Unsupported queue message content type: nope",
            "text object !! TypeError: Content Type \"text\" requires a value of type string, but"
                + " received: object",
            "bytes string !! TypeError: Content Type \"bytes\" requires a value of type"
                + " ArrayBufferView, but received: string",
            "undefined !! TypeError: Message body cannot be undefined",
            "delay !! Error: Queue send failed: message delay 43201 is invalid: delaySeconds must be"
                + " between 0 and 43200",
            "batch 101 !! Error: Queue sendBatch failed: batch message count of 101 exceeds limit"
                + " of 100",
            "batch big !! Error: Queue sendBatch failed: batch size of 257000 bytes exceeds limit"
                + " of 256000",
            "batch no body !! TypeError: Message body cannot be undefined");
  }

  @Test
  void aThrowingHandlerRetriesWhatItDidNotAckUntilMaxRetriesThenTheDeadLetterQueue() {
    Run run =
        run(
            app(JOBS.withMaxRetries(2).withDeadLetterQueue("dead")),
            true,
            "0 /batch?n=2&mode=ack-then-throw",
            "30 /seen");
    // Message 0 was acked before the throw; message 1 is retried (attempts 2, 3), then goes to
    // "dead" after max_retries = 2 retries, with attempts starting again at 1.
    assertThat(run.last())
        .isEqualTo(
            "200 jobs #1 {\"n\":0,\"mode\":\"ack-then-throw\"} attempts=1 id=32 ts=true\n"
                + "jobs #1 {\"n\":1,\"mode\":\"ack-then-throw\"} attempts=1 id=32 ts=true\n"
                + "jobs #2 {\"n\":1,\"mode\":\"ack-then-throw\"} attempts=2 id=32 ts=true\n"
                + "jobs #3 {\"n\":1,\"mode\":\"ack-then-throw\"} attempts=3 id=32 ts=true\n"
                + "dead #4 {\"n\":1,\"mode\":\"ack-then-throw\"} attempts=1");
    List<JsonNode> settled = run.records("queue.settled");
    assertThat(settled.get(0).path("outcome").asString()).isEqualTo("exception");
    assertThat(settled.get(2).path("deadLetterQueue").asString()).isEqualTo("dead");
    assertThat(run.records("guest.error")).hasSize(3);
  }

  @Test
  void withoutADeadLetterQueueAMessagePastMaxRetriesIsDropped() {
    Run run = run(app(JOBS.withMaxRetries(0)), true, "0 /one?mode=always-throw", "20 /seen");
    assertThat(run.last())
        .isEqualTo("200 jobs #1 {\"n\":0,\"mode\":\"always-throw\"} attempts=1 id=32 ts=true");
    assertThat(run.records("queue.settled").get(0).path("dropped")).hasSize(1);
  }

  @Test
  void retryWithDelayRetryAllAckAllAndTheFirstWordOnAMessageWins() {
    Run run =
        run(
            app(JOBS.withRetryDelaySeconds(1)),
            true,
            "0 /batch?n=2&mode=retry-one",
            "20 /batch?n=2&mode=retry-all",
            "40 /batch?n=1&mode=ack-all-then-throw",
            "60 /batch?n=1&mode=ack-retry",
            "80 /seen");
    assertThat(run.last())
        .isEqualTo(
            "200 jobs #1 {\"n\":0,\"mode\":\"retry-one\"} attempts=1 id=32 ts=true\n"
                + "jobs #1 {\"n\":1,\"mode\":\"retry-one\"} attempts=1 id=32 ts=true\n"
                + "jobs #2 {\"n\":1,\"mode\":\"retry-one\"} attempts=2 id=32 ts=true\n"
                + "jobs #3 {\"n\":0,\"mode\":\"retry-all\"} attempts=1 id=32 ts=true\n"
                + "jobs #3 {\"n\":1,\"mode\":\"retry-all\"} attempts=1 id=32 ts=true\n"
                + "jobs #4 {\"n\":0,\"mode\":\"retry-all\"} attempts=2 id=32 ts=true\n"
                + "jobs #4 {\"n\":1,\"mode\":\"retry-all\"} attempts=2 id=32 ts=true\n"
                + "jobs #5 {\"n\":0,\"mode\":\"ack-all-then-throw\"} attempts=1 id=32 ts=true\n"
                + "jobs #6 {\"n\":0,\"mode\":\"ack-retry\"} attempts=1 id=32 ts=true");
    List<JsonNode> retries = run.records("queue.retry");
    // retry({delaySeconds: 7}) waits 7 s, retryAll({delaySeconds: 3}) 3 s.
    assertThat(retries).hasSize(3);
    List<JsonNode> settled = run.records("queue.settled");
    long retriedAt = settled.get(0).path("t").asLong();
    assertThat(retries.get(0).path("t").asLong() - retriedAt).isEqualTo(7_000_000_000L);
  }

  @Test
  void delaySecondsHoldsAMessageBack() {
    Run run = run(app(JOBS.withMaxBatchSize(1)), false, "0 /one?delay=30", "20 /seen", "40 /seen");
    assertThat(run.outcomes.get(1)).isEqualTo("200 ");
    assertThat(run.outcomes.get(2))
        .isEqualTo("200 jobs #1 {\"n\":0,\"mode\":null} attempts=1 id=32 ts=true");
  }

  @Test
  void theSameSeedGivesTheSameTrace() {
    Run first = run(app(JOBS), true, "0 /batch?n=5&mode=retry-one", "10 /seen");
    Run second = run(app(JOBS), true, "0 /batch?n=5&mode=retry-one", "10 /seen");
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
  }
}
