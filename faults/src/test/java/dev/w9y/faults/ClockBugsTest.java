package dev.w9y.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A lease whose expiry the lock computes from the caller's clock — the bug class clock faults exist
 * for. Small skews (±5 s) hide it behind the client's safety margin; minutes-wide skews and
 * strobing clocks find it.
 */
class ClockBugsTest {
  private static final long LEASE_MILLIS = 30_000;

  /** The client acts only while its lease has this much left, by its own clock. */
  private static final long MARGIN_MILLIS = 10_000;

  private static final int SEEDS = 50;

  /** What one run's services share: reset by the workload factory before each run. */
  private static final class Run {
    String holder;
    long holderUntil;
    final List<String> violations = new ArrayList<>();
  }

  private Run run = new Run();

  /** A client: on each tick, acts if its lease has time left (by its clock), else re-acquires. */
  private JavaGuest client(String name) {
    long[] until = {0};
    return JavaGuest.handler(
        (request, host) -> {
          long now = host.epochMillis();
          if (until[0] != 0 && now < until[0] - MARGIN_MILLIS) {
            return host.fetch(Request.post("http://resource/write", name));
          }
          long wanted = now + LEASE_MILLIS;
          return host.fetch(Request.post("http://lock/acquire", name + " " + wanted))
              .then(
                  response -> {
                    if (response.status() == 200) {
                      until[0] = wanted;
                    }
                    return response;
                  });
        });
  }

  private Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of(
                "lock",
                JavaGuest.handler(
                    (request, host) -> {
                      String[] ask = request.body().text().split(" ");
                      boolean free =
                          run.holder == null
                              || run.holder.equals(ask[0])
                              || host.epochMillis() >= run.holderUntil;
                      if (!free) {
                        return Promise.resolved(Response.status(409));
                      }
                      run.holder = ask[0];
                      // The bug: the expiry is the caller's clock reading, compared with ours.
                      run.holderUntil = Long.parseLong(ask[1]);
                      return Promise.resolved(Response.ok("granted"));
                    })))
        .service(
            ServiceSpec.of(
                "resource",
                JavaGuest.handler(
                    (request, host) -> {
                      String writer = request.body().text();
                      if (!writer.equals(run.holder)) {
                        run.violations.add(
                            writer + " wrote while " + run.holder + " held the lease");
                      }
                      return Promise.resolved(Response.ok("written"));
                    })))
        .service(ServiceSpec.of("client-a", client("a")).asPublic())
        .service(ServiceSpec.of("client-b", client("b")).asPublic())
        .build();
  }

  private Simulation simulation(long seed) {
    return Simulation.builder(topology())
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(60))
        .always("only the lease holder writes", world -> run.violations.isEmpty())
        .workload(
            () -> {
              run = new Run();
              return clients -> {
                for (int second = 0; second < 60; second++) {
                  clients.after(
                      Duration.ofSeconds(second),
                      () -> clients.fetch(Request.get("http://client-a/tick")));
                  clients.after(
                      Duration.ofMillis(second * 1000L + 500),
                      () -> clients.fetch(Request.get("http://client-b/tick")));
                }
              };
            })
        .build();
  }

  private List<Long> failingSeeds(FaultPlan plan) {
    List<Long> failing = new ArrayList<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      if (!plan.applyTo(simulation(seed)).run().passed()) {
        failing.add(seed);
      }
    }
    return failing;
  }

  @Test
  void theLeaseIsSafeWithTrueClocks() {
    assertThat(failingSeeds(FaultPlan.none())).isEmpty();
  }

  @Test
  void wideSkewsAndStrobingFindTheCallersClockLeaseWithinFiftySeeds() {
    FaultPlan clocksOnly = FaultPlan.none().withClock(FaultPlan.ClockFaults.CHAOS);

    List<Long> failing = failingSeeds(clocksOnly);

    assertThat(failing).as("seeds of %d whose run found the bug", SEEDS).isNotEmpty();
    SimulationResult first = clocksOnly.applyTo(simulation(failing.get(0))).retainingTrace().run();
    assertThat(first.failure().orElseThrow().getMessage()).contains("only the lease holder writes");
    // What found it was a clock fault beyond the margin: a wide skew, a wide jump or a strobe.
    List<Long> clockMoves = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(first.fullTrace(), "first").records()) {
      for (String field : List.of("offsetMs", "jumpMs", "byMs")) {
        if (record.has(field)) {
          clockMoves.add(Math.abs(record.get(field).asLong()));
        }
      }
    }
    assertThat(clockMoves).anySatisfy(ms -> assertThat(ms).isGreaterThan(MARGIN_MILLIS / 2));
  }

  @Test
  void theSameSeedUnderClockFaultsIsTheSameRun() {
    FaultPlan clocksOnly = FaultPlan.none().withClock(FaultPlan.ClockFaults.CHAOS);
    for (long seed = 0; seed < 8; seed++) {
      assertThat(clocksOnly.applyTo(simulation(seed)).run().traceSha256())
          .isEqualTo(clocksOnly.applyTo(simulation(seed)).run().traceSha256());
    }
  }
}
