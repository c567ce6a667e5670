package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaDurableObject;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Process and storage faults on a durable object that caches its stored counter in memory. */
class ObjectFaultsTest {
  private final List<String> answers = new ArrayList<>();

  /** Keeps the count in storage and a cached copy in memory. */
  static final class CachedCounter implements JavaDurableObject {
    long cached;
    boolean loaded;

    CachedCounter(DurableObjectHost host) {}

    @Override
    public Promise<Response> fetch(Request request, DurableObjectHost host) {
      return host.storage()
          .get("n")
          .thenCompose(
              stored -> {
                long durable =
                    stored
                        .map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)))
                        .orElse(0L);
                String report = "stored=" + durable + " cached=" + cached + " loaded=" + loaded;
                loaded = true;
                cached = durable + 1;
                return host.storage()
                    .put("n", Long.toString(durable + 1).getBytes(StandardCharsets.UTF_8))
                    .then(v -> Response.ok(report));
              });
    }
  }

  private SimulationResult run(FaultPlan plan) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "front",
                        JavaGuest.of(
                                "Front",
                                () ->
                                    (request, host) -> {
                                      var ns = host.durableObjects("COUNTER");
                                      return ns.fetch(ns.idFromName("c"), request);
                                    })
                            .withDurableObject("CachedCounter", CachedCounter::new))
                    .asPublic()
                    .withDurableObject("COUNTER", "CachedCounter"))
            .latency(Distribution.fixed(Duration.ofMillis(1)))
            .build();
    Simulation simulation =
        Simulation.builder(topology)
            .seed(4)
            // The front passes its failed fetches on as 500s: these tests look at the faults.
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .safetyPhase(Duration.ofSeconds(30))
            .workload(
                () ->
                    d -> {
                      for (int i = 0; i < 10; i++) {
                        d.after(
                            Duration.ofSeconds(2L * i + 1),
                            () ->
                                d.fetch(Request.get("http://front/"))
                                    .whenComplete(
                                        (r, e) ->
                                            answers.add(
                                                e != null
                                                    ? "failed"
                                                    : r.status() + " " + r.body().text())));
                      }
                    })
            .build()
            .retainingTrace();
    return plan.applyTo(simulation).run();
  }

  @Test
  void aCrashedObjectLosesItsCachedCounterButNotItsStoredOne() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withProcess(
                    FaultPlan.ProcessFaults.NONE.withObjectCrashes(
                        Distribution.fixed(Duration.ofSeconds(6)))));

    assertThat(result.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"family\":\"process.object-crash\""));
    // After a crash the object starts fresh (loaded=false) but finds its stored count intact.
    assertThat(answers).contains("200 stored=0 cached=0 loaded=false");
    assertThat(answers.stream().filter(a -> a.contains("loaded=false")).count()).isGreaterThan(1);
    assertThat(answers.stream().filter(a -> a.contains("loaded=false") && !a.contains("stored=0")))
        .isNotEmpty();
  }

  @Test
  void idleObjectsAreEvicted() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withProcess(
                    FaultPlan.ProcessFaults.NONE.withEvictions(
                        Distribution.fixed(Duration.ofMillis(2_500)))));

    assertThat(result.fullTrace()).anySatisfy(l -> assertThat(l).contains("evicted while idle"));
    assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("200"));
  }

  @Test
  void aFailedWriteResetsTheObjectAndItsCallerSeesAnError() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withStorage(FaultPlan.StorageFaults.NONE.withWriteFailure(Ratio.of(1, 2))));

    assertThat(result.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"family\":\"storage.write-failure\""));
    assertThat(result.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"kind\":\"object.reset\""));
    assertThat(answers).contains("500 Internal Server Error");
  }

  @Test
  void aCrashAfterADurableWriteKeepsTheWriteButLosesItsAcknowledgement() {
    SimulationResult result =
        run(
            FaultPlan.none()
                .withStorage(FaultPlan.StorageFaults.NONE.withCrashAfterWrite(Ratio.ALWAYS)));

    // Every answer is lost, yet every write stayed: each request sees the previous one's count.
    assertThat(answers).containsOnly("500 Internal Server Error");
    assertThat(result.fullTrace().stream().filter(l -> l.contains("\"kind\":\"storage.durable\"")))
        .hasSize(10);
  }

  @Test
  void slowStorageIsSlowerAndTraced() {
    SimulationResult slow =
        run(
            FaultPlan.none()
                .withStorage(
                    FaultPlan.StorageFaults.NONE.withSlow(
                        Ratio.ALWAYS, Distribution.fixed(Duration.ofMillis(100)))));

    assertThat(slow.fullTrace())
        .anySatisfy(l -> assertThat(l).contains("\"family\":\"storage.slow\""));
    assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("200"));
  }
}
