package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.java.JavaService;
import dev.w9y.core.trace.Divergence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ReplayTest {

  /** Three transfers a second apart through the three-service system. */
  private static Simulation transfers(Topology topology) {
    return Simulation.builder(topology)
        .seed(11)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(
            () ->
                driver -> {
                  for (int i = 1; i <= 3; i++) {
                    int amount = i;
                    driver.after(
                        Duration.ofSeconds(i),
                        () ->
                            driver.fetch(
                                Request.get(
                                    "http://gateway/transfer?from=alice&to=bob&amount=" + amount)));
                  }
                })
        .build()
        .retainingTrace();
  }

  @Test
  void replayingAnUnchangedRunReportsNoDivergence() {
    Simulation simulation = transfers(ThreeServices.topology());

    SimulationResult original = simulation.run();
    SimulationResult replay = simulation.run();

    assertThat(Divergence.between(original.fullTrace(), replay.fullTrace())).isEmpty();
    assertThat(replay.traceSha256()).isEqualTo(original.traceSha256());
  }

  /** The ledger with one changed line: it logs "recorded" where the original logs "appended". */
  static final class ChangedLedger implements JavaService {
    @Override
    public Promise<Response> fetch(Request request, ServiceHost host) {
      host.log("info", "recorded " + request.body().text());
      return Promise.resolved(Response.status(204));
    }
  }

  @Test
  void aOneLineChangeInAServiceIsReportedAtTheFirstEventItChanged() {
    Topology original = ThreeServices.topology();
    Topology changed =
        Topology.builder()
            .service(original.service("gateway"))
            .service(original.service("accounts"))
            .service(ServiceSpec.of("ledger", JavaGuest.of("Ledger", ChangedLedger::new)))
            .build();

    Optional<Divergence> divergence =
        Divergence.between(
            transfers(original).run().fullTrace(), transfers(changed).run().fullTrace());

    assertThat(divergence).isPresent();
    assertThat(divergence.get().actor()).isEqualTo("ledger#0");
    assertThat(divergence.get().expected())
        .contains("\"kind\":\"console\"")
        .contains("appended alice->bob:1");
    assertThat(divergence.get().actual()).contains("recorded alice->bob:1");
    assertThat(divergence.get().describe())
        .contains("event #" + divergence.get().eventIndex() + " by ledger#0")
        .contains("expected: ")
        .contains("actual:   ");
  }

  @Test
  void aBreakpointOverTheWorldPausesAfterTheFirstEventWhereItHoldsAndTheRunGoesOnUnchanged() {
    Simulation simulation = transfers(ThreeServices.topology());
    SimulationResult whole = simulation.run();
    Predicate<World> aliceSpent =
        world ->
            world.isRunning("accounts", 0)
                && world.javaService("accounts", ThreeServices.Accounts.class).balances.get("alice")
                    < 100L;

    try (SimulationRun run = simulation.start()) {
      assertThat(run.runUntil(aliceSpent)).isTrue();
      long pausedAt = run.dispatchedCount();
      assertThat(run.world().javaService("accounts", ThreeServices.Accounts.class).balances)
          .containsEntry("alice", 99L);

      // The same point reached by stepping: the event before it did not satisfy the condition.
      try (SimulationRun stepped = simulation.start()) {
        assertThat(stepped.runTo(pausedAt - 2)).isTrue();
        assertThat(aliceSpent.test(stepped.world())).isFalse();
        assertThat(stepped.step()).isTrue();
        assertThat(aliceSpent.test(stepped.world())).isTrue();
        assertThat(stepped.recentTrace()).isEqualTo(run.recentTrace());
      }
      assertThat(run.runToEnd().traceSha256()).isEqualTo(whole.traceSha256());
    }
  }

  @Test
  void aBreakpointOnATraceKindPausesAfterTheEventThatWroteIt() {
    Simulation simulation = transfers(ThreeServices.topology());

    try (SimulationRun run = simulation.start()) {
      assertThat(run.runUntilRecorded("response.delivered")).isTrue();
      String lastEvent = "\"e\":" + (run.dispatchedCount() - 1) + ",";
      List<String> recent = run.recentTrace();
      assertThat(recent)
          .filteredOn(line -> line.contains("\"kind\":\"response.delivered\""))
          .as("only the last event delivered a response")
          .singleElement()
          .asString()
          .contains(lastEvent);
      assertThat(run.runUntilRecorded("no.such.kind")).as("runs to the end").isFalse();
      assertThat(run.result()).get().extracting(SimulationResult::passed).isEqualTo(true);
    }
  }

  @Test
  void aRunReplayedToAnEventPausesWithTheWorldAsItWasThen() {
    Simulation simulation = transfers(ThreeServices.topology());
    SimulationResult whole = simulation.run();

    try (SimulationRun run = simulation.start()) {
      assertThat(run.step()).isTrue(); // event #0 boots the services
      // Find the event after which the first transfer has been applied.
      long index = 1;
      while (run.world().javaService("accounts", ThreeServices.Accounts.class).balances.get("alice")
          == 100L) {
        assertThat(run.step()).isTrue();
        index++;
      }
      assertThat(
              run.world()
                  .javaService("accounts", ThreeServices.Accounts.class)
                  .balances
                  .get("alice"))
          .isEqualTo(99L);
      assertThat(run.dispatchedCount()).isEqualTo(index);
      assertThat(run.pendingEvents(5))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).startsWith("+"));

      // A fresh replay to the same index sees the same world: time travel by replay.
      try (SimulationRun again = simulation.start()) {
        assertThat(again.runTo(index - 1)).isTrue();
        assertThat(
                again
                    .world()
                    .javaService("accounts", ThreeServices.Accounts.class)
                    .balances
                    .get("alice"))
            .isEqualTo(99L);
        assertThat(again.recentTrace()).isEqualTo(run.recentTrace());
      }

      // Pausing does not perturb the run: finishing it gives the uninterrupted run's trace.
      assertThat(run.runToEnd().traceSha256()).isEqualTo(whole.traceSha256());
    }
  }
}
