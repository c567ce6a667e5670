package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

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
 * What a black-box harness needs from its workload: a step after the faults are healed, and an
 * answer that fails the seed.
 */
class WorkloadHooksTest {
  private final List<String> log = new ArrayList<>();

  /** A service whose /check answers 200 once /work has been called twice, else 409. */
  private static Topology harness() {
    int[] worked = {0};
    return Topology.builder()
        .service(
            ServiceSpec.of(
                    "driver",
                    JavaGuest.handler(
                        (request, host) -> {
                          if (request.parsedUrl().path().equals("/work")) {
                            worked[0]++;
                            return Promise.resolved(Response.ok("worked " + worked[0]));
                          }
                          return Promise.resolved(
                              worked[0] >= 2
                                  ? Response.ok("consistent")
                                  : Response.text(409, "only " + worked[0] + " of 2 applied"));
                        }))
                .asPublic())
        .build();
  }

  private Simulation simulation(int workRequests) {
    return Simulation.builder(harness())
        .seed(8)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(
            () -> {
              log.clear();
              return clients -> {
                for (int i = 0; i < workRequests; i++) {
                  clients.fetch(Request.post("http://driver/work", ""));
                }
                clients.afterHealed(
                    Duration.ofSeconds(5),
                    () -> {
                      log.add("healed at " + clients.nowNanos() / 1_000_000_000L + "s");
                      clients
                          .fetchExpecting(Request.get("http://driver/check"), 200)
                          .onSuccess(response -> log.add("checked " + response.status()));
                    });
              };
            })
        .build()
        .retainingTrace();
  }

  @Test
  void anAfterHealedStepRunsOnceTheFaultsAreHealedAndSettledAndTheRunWaitsForItsAnswer() {
    SimulationResult result = simulation(2).run();

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(log).containsExactly("healed at 15s", "checked 200");
    assertThat(kinds(result))
        .containsSubsequence(
            "phase.safety-end", "phase.liveness", "workload.after-healed", "response.delivered");
  }

  @Test
  void anUnexpectedStatusFailsTheSeedQuotingTheRequestAndTheResponse() {
    SimulationResult result = simulation(1).run();

    assertThat(result.failure()).get().isInstanceOf(CheckFailed.class);
    assertThat(result.failure().get().getMessage())
        .contains("GET http://driver/check answered 409, expected 200: only 1 of 2 applied");
    assertThat(kinds(result)).contains("check.failed");
  }

  private static List<String> kinds(SimulationResult result) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      kinds.add(record.get("kind").asString());
    }
    return kinds;
  }
}
