package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.kv.KvNamespaceBinding;
import dev.w9y.core.queue.QueueConsumer;
import dev.w9y.core.queue.QueueProducerBinding;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue messages and KV operations per second, JavaScript guests on both ends: a producer sends
 * batches of 100 messages ({@code sendBatch}), a consumer counts them (batches of up to 100); a
 * Worker does 10 puts and 10 gets per request. Prints per process CPU second beside per
 * simulation-thread CPU second and per wall second (see docs/PERFORMANCE.md).
 *
 * <pre>
 * mvn -q -B -o -pl benchmarks -am package -DskipTests dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/cp.txt
 * java -cp benchmarks/target/classes:$(cat /tmp/cp.txt) dev.w9y.benchmarks.PlatformBindingsBenchmark
 * </pre>
 */
public final class PlatformBindingsBenchmark {
  private PlatformBindingsBenchmark() {}

  private static final String QUEUES =
      """
      let consumed = 0;
      export default {
        async fetch(request, env) {
          if (new URL(request.url).pathname === "/count") return new Response(String(consumed));
          const messages = [];
          for (let i = 0; i < 100; i++) messages.push({ body: { i, order: "o" + i } });
          await env.JOBS.sendBatch(messages);
          return new Response("sent");
        },
        async queue(batch) {
          for (const message of batch.messages) { if (message.body.order) consumed++; }
        },
      };
      """;

  private static final String KV =
      """
      export default {
        async fetch(request, env) {
          const n = new URL(request.url).searchParams.get("n");
          for (let i = 0; i < 10; i++) await env.KV.put(`key-${n}-${i}`, `value ${n} ${i}`);
          let found = 0;
          for (let i = 0; i < 10; i++) if ((await env.KV.get(`key-${n}-${i}`)) !== null) found++;
          return new Response(String(found));
        },
      };
      """;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + " of " + rounds);
      queues(200);
      kv(1_000);
    }
  }

  private static void queues(int requests) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("app", JsGuest.fromSource("queues.js", QUEUES))
                    .withPlatformBinding("JOBS", QueueProducerBinding.of("jobs"))
                    .withPlatformTrigger(
                        QueueConsumer.of("jobs")
                            .withMaxBatchSize(100)
                            .withMaxBatchTimeoutSeconds(1))
                    .asPublic())
            .build();
    List<Integer> counted = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 10 + 10))
            .workload(
                () ->
                    driver -> {
                      counted.clear();
                      for (int i = 0; i < requests; i++) {
                        driver.after(
                            Duration.ofMillis(100L * i),
                            () -> driver.fetchExpecting(Request.get("http://app/send"), 200));
                      }
                      driver.after(
                          Duration.ofSeconds(requests / 10 + 5),
                          () ->
                              driver
                                  .fetch(Request.get("http://app/count"))
                                  .onSuccess(r -> counted.add(Integer.parseInt(r.body().text()))));
                    })
            .build();
    SimulationTiming.warmThenReport(
        "queues: sendBatch(100) -> queue(batch) of up to 100",
        "messages delivered",
        simulation,
        result -> {
          int expected = requests * 100;
          if (counted.isEmpty() || counted.get(0) != expected) {
            throw new IllegalStateException("consumed " + counted + " of " + expected);
          }
          return expected;
        });
  }

  private static void kv(int requests) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("app", JsGuest.fromSource("kv.js", KV))
                    .withPlatformBinding("KV", KvNamespaceBinding.of("bench"))
                    .asPublic())
            .build();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 100 + 10))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests; i++) {
                        int n = i;
                        driver.after(
                            Duration.ofMillis(10L * i),
                            () -> driver.fetchExpecting(Request.get("http://app/?n=" + n), 200));
                      }
                    })
            .build();
    SimulationTiming.warmThenReport(
        "kv: 10 put + 10 get per request", "KV operations", simulation, result -> requests * 20);
  }
}
