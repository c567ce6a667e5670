package dev.w9y.samples.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.kv.KvNamespaceBinding;
import dev.w9y.core.queue.QueueConsumer;
import dev.w9y.core.queue.QueueProducerBinding;
import dev.w9y.faults.FaultKind;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KV and queue fault families: each recorded with a stable id, switched off by id
 * (withSuppressed) and by kind (sparingKinds), and what each does to a run.
 */
class PlatformFaultsTest {
  private static final String KV_APP =
      """
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          if (url.pathname === "/set") { await env.KV.put("k", "new"); return new Response("set"); }
          return new Response(String(await env.KV.get("k", { cacheTtl: 30 })));
        },
      };
      """;

  private static final FaultPlan ALWAYS_STALE =
      FaultPlan.none()
          .withPlatform(
              FaultPlan.PlatformFaults.NONE.withKvStaleRead(
                  Ratio.of(1, 1), new Distribution.Fixed(30_000_000_000L)));

  /** admin writes at t=1; app reads at t=2 and t=33 (its cacheTtl is 30 s). */
  private static List<String> kvRun(FaultPlan plan, List<String> trace) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("admin", JsGuest.fromSource("a.js", KV_APP))
                    .withPlatformBinding("KV", KvNamespaceBinding.of("ns"))
                    .asPublic())
            .service(
                ServiceSpec.of("app", JsGuest.fromSource("b.js", KV_APP))
                    .withPlatformBinding("KV", KvNamespaceBinding.of("ns"))
                    .asPublic())
            .build();
    List<String> answers = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(5)
            .workload(
                () -> {
                  answers.clear();
                  return clients -> {
                    clients.after(
                        Duration.ofSeconds(1),
                        () -> clients.fetch(Request.get("http://admin/set")));
                    for (long at : new long[] {2, 33}) {
                      clients.after(
                          Duration.ofSeconds(at),
                          () ->
                              clients
                                  .fetch(Request.get("http://app/get"))
                                  .onSuccess(r -> answers.add(r.body().text())));
                    }
                  };
                })
            .build()
            .retainingTrace();
    SimulationResult result = plan.applyTo(simulation).run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    trace.addAll(result.fullTrace());
    return answers;
  }

  @Test
  void aLatePropagationIsAStaleReadUntilTheWriteArrivesAndCanBeSwitchedOffById() {
    List<String> trace = new ArrayList<>();
    assertThat(kvRun(ALWAYS_STALE, trace)).containsExactly("null", "new");
    String id = "kv.stale-read:app#0/propagation#1";
    assertThat(trace).anyMatch(line -> line.contains("\"fault\":\"" + id + "\""));
    assertThat(FaultKind.ofFaultId(id)).isEqualTo(FaultKind.KV);

    List<String> suppressedTrace = new ArrayList<>();
    assertThat(kvRun(ALWAYS_STALE.withSuppressed(List.of(id)), suppressedTrace))
        .containsExactly("new", "new");
    assertThat(suppressedTrace).anyMatch(line -> line.contains("fault.suppressed"));
    assertThat(kvRun(ALWAYS_STALE.sparingKinds(FaultKind.KV), new ArrayList<>()))
        .containsExactly("new", "new");
  }

  private static final String QUEUE_APP =
      """
      const seen = [];
      export default {
        async fetch(request, env) {
          if (new URL(request.url).pathname === "/send") { await env.Q.send("m"); return new Response("ok"); }
          return new Response(seen.join(","));
        },
        async queue(batch) { for (const m of batch.messages) seen.push(`${m.body}:${m.attempts}`); },
      };
      """;

  private static SimulationResult queueRun(FaultPlan plan, List<String> answers) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("app", JsGuest.fromSource("q.js", QUEUE_APP))
                    .withPlatformBinding("Q", QueueProducerBinding.of("jobs"))
                    .withPlatformTrigger(QueueConsumer.of("jobs").withMaxBatchSize(1))
                    .asPublic())
            .build();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(5)
            .workload(
                () -> {
                  answers.clear();
                  return clients -> {
                    clients.fetch(Request.get("http://app/send"));
                    clients.after(
                        Duration.ofSeconds(30),
                        () ->
                            clients
                                .fetch(Request.get("http://app/seen"))
                                .onSuccess(r -> answers.add(r.body().text())));
                  };
                })
            .build()
            .retainingTrace();
    SimulationResult result = plan.applyTo(simulation).run();
    assertThat(result.passed()).as(result.summary()).isTrue();
    return result;
  }

  private static long timeOf(SimulationResult result, String kind) {
    for (String line : result.fullTrace()) {
      if (line.contains("\"kind\":\"" + kind + "\"")) {
        return Long.parseLong(line.replaceAll(".*\"t\":([0-9]+).*", "$1"));
      }
    }
    throw new AssertionError("no " + kind + " record");
  }

  @Test
  void aDelayedMessageArrivesLateAndADuplicateArrivesAgainWithTheSameBody() {
    FaultPlan delayed =
        FaultPlan.none()
            .withPlatform(
                FaultPlan.PlatformFaults.NONE.withQueueDelay(
                    Ratio.of(1, 1), new Distribution.Fixed(10_000_000_000L)));
    List<String> answers = new ArrayList<>();
    SimulationResult late = queueRun(delayed, answers);
    assertThat(answers).containsExactly("m:1");
    assertThat(late.fullTrace()).anyMatch(l -> l.contains("\"fault\":\"queue.delay:jobs/send#1\""));
    assertThat(timeOf(late, "queue.ready") - timeOf(late, "queue.send")).isEqualTo(10_000_000_000L);

    FaultPlan duplicated =
        FaultPlan.none()
            .withPlatform(
                FaultPlan.PlatformFaults.NONE.withQueueDuplicate(
                    Ratio.of(1, 1), new Distribution.Fixed(2_000_000_000L)));
    SimulationResult twice = queueRun(duplicated, answers);
    // At-least-once: the acked message comes again, 2 s later and one attempt higher; each
    // duplicate is a delivery of its own, duplicated again here (every delivery is).
    assertThat(answers.get(0)).startsWith("m:1,m:2");
    assertThat(twice.fullTrace())
        .anyMatch(l -> l.contains("\"fault\":\"queue.duplicate:jobs/delivery#1\""));
    assertThat(FaultKind.ofFaultId("queue.duplicate:jobs/delivery#1")).isEqualTo(FaultKind.QUEUE);

    assertThat(queueRun(duplicated.sparingKinds(FaultKind.QUEUE), answers).passed()).isTrue();
    assertThat(answers).containsExactly("m:1");
  }

  @Test
  void aConsumerCrashMidBatchRedeliversTheBatch() {
    FaultPlan crash =
        FaultPlan.none()
            .withPlatform(FaultPlan.PlatformFaults.NONE.withQueueConsumerCrash(Ratio.of(1, 1)))
            .withProcess(
                FaultPlan.ProcessFaults.NONE.withInstanceCrashes(
                    null, new Distribution.Fixed(1_000_000_000L)));
    List<String> answers = new ArrayList<>();
    SimulationResult result = queueRun(crash, answers);
    // Every batch loses its consumer: attempts 1 to 4 (max_retries 3), then the message is dropped.
    assertThat(result.fullTrace())
        .anyMatch(l -> l.contains("\"fault\":\"queue.consumer-crash:jobs/batch#4\""));
    assertThat(result.fullTrace())
        .filteredOn(l -> l.contains("\"outcome\":\"crashed\""))
        .hasSize(4);
    assertThat(result.fullTrace()).anyMatch(l -> l.contains("\"dropped\":["));
    assertThat(result.fullTrace())
        .filteredOn(l -> l.contains("\"kind\":\"instance.crashed\""))
        .hasSize(4);
    assertThat(answers).containsExactly("");
    assertThat(FaultKind.ofFaultId("queue.consumer-crash:jobs/batch#1")).isEqualTo(FaultKind.QUEUE);
  }
}
