package dev.w9y.debugger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationRun;
import dev.w9y.core.World;
import dev.w9y.core.http.Json;
import dev.w9y.faults.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeTravelTest {
  /** The naive box office under chaos: drops, delays, crashes... on a seed that injects some. */
  private static Simulation underChaos(long seed) {
    return NaiveBoxOffice.seed(seed).withFaults(FaultPlan.chaos().injector());
  }

  @Test
  void recordingDoesNotChangeTheRunItsTraceHashIsTheUnrecordedOnes() {
    for (Simulation simulation :
        List.of(NaiveBoxOffice.failingSeed(), NaiveBoxOffice.seed(7), underChaos(3))) {
      String unrecorded = simulation.run().traceSha256();
      try (TimeTravel tt = TimeTravel.load(simulation)) {
        assertThat(tt.result().traceSha256()).isEqualTo(unrecorded);
        assertThat(tt.recordCount()).isEqualTo(tt.result().traceRecords());
      }
    }
  }

  @Test
  void jumpsInAnyOrderRebuildTheStatesAForwardWalkSees() {
    // A forward walk applies every delta in turn from event 0; jumps in any order start from the
    // checkpoints (copies of the recorder's own state) of another load with another interval.
    Simulation simulation = underChaos(3);
    try (TimeTravel every = TimeTravel.load(simulation, 1);
        TimeTravel sparse = TimeTravel.load(simulation, 7)) {
      List<String> walked = new ArrayList<>();
      for (long event = 0; event < every.eventCount(); event++) {
        walked.add(every.stateAfter(event).render());
      }
      long events = every.eventCount();
      assertThat(events).isGreaterThan(50);
      List<Long> order = new ArrayList<>();
      for (long i = events - 1; i >= 0; i -= 3) {
        order.add(i);
      }
      for (long i = 0; i < events; i += 2) {
        order.add(i);
      }
      for (long i = 1; i < events; i += 2) {
        order.add(i);
      }
      for (long event : order) {
        assertThat(sparse.goTo(event).state().render())
            .as("state after #%d", event)
            .isEqualTo(walked.get((int) event));
      }
    }
  }

  @Test
  void backThenStepLandsOnByteIdenticalRecordsAndState() {
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed(), 16)) {
      tt.goTo(40);
      List<String> records = tt.records();
      String state = tt.state().render();
      tt.back(25).step(25);
      assertThat(tt.position()).isEqualTo(40);
      assertThat(tt.records()).isEqualTo(records);
      assertThat(tt.state().render()).isEqualTo(state);
      assertThat(tt.back(1000).position()).isZero();
      assertThat(tt.step(1_000_000).position()).isEqualTo(tt.eventCount() - 1);
    }
  }

  @Test
  void loadingTheSameSeedTwiceGivesTheSameRecordsAndStates() {
    try (TimeTravel first = TimeTravel.load(underChaos(3));
        TimeTravel second = TimeTravel.load(underChaos(3))) {
      assertThat(second.result().traceSha256()).isEqualTo(first.result().traceSha256());
      assertThat(second.eventCount()).isEqualTo(first.eventCount());
      for (long event = 0; event < first.eventCount(); event++) {
        assertThat(second.recordsOf(event)).isEqualTo(first.recordsOf(event));
        assertThat(second.stateAfter(event).render()).isEqualTo(first.stateAfter(event).render());
      }
    }
  }

  @Test
  void theStateIsWhatALiveReplayToTheSameEventHas() {
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      for (long event : new long[] {10, 49, 58, 73}) {
        RunState state = tt.stateAfter(event);
        try (SimulationRun live = tt.replayTo(event)) {
          World world = live.world();
          Map<String, String> storage = new TreeMap<>();
          for (World.ObjectRef ref : world.objects()) {
            world
                .durableStorage(ref)
                .forEach(
                    (key, value) ->
                        storage.put(world.objectActor(ref) + " " + key, StoredValues.text(value)));
          }
          assertThat(state.storage()).as("storage after #%d", event).isEqualTo(storage);
          List<String> livePending = new ArrayList<>();
          live.pendingScheduled()
              .forEach(e -> livePending.add(e.sequence() + " " + e.label() + " " + e.isPending()));
          assertThat(livePending)
              .as("pending after #%d: %s", event, state.pending())
              .hasSize(state.pending().size());
          List<String> recent = live.recentTrace();
          List<String> records = tt.recordsOf(event);
          assertThat(recent.get(recent.size() - 1)).isEqualTo(records.get(records.size() - 1));
        }
      }
    }
  }

  @Test
  void reverseContinueFromTheFailureReachesTheFirstDoubleSale() {
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      long failure = tt.result().failure().orElseThrow().eventIndex();
      tt.goTo(failure);
      assertThat(String.join("\n", tt.records())).contains("\"kind\":\"check.failed\"");
      Breakpoint doubleSale = NaiveBoxOffice.seatSoldAgain();
      List<Long> hits = new ArrayList<>();
      while (tt.reverseContinueTo(doubleSale)) {
        hits.add(tt.position());
      }
      long first = hits.get(hits.size() - 1);
      assertThat(tt.position()).isEqualTo(first);
      // It is the second sale of its seat: exactly one sale of that seat comes before it.
      int seat = -1;
      for (String line : tt.records()) {
        seat = Math.max(seat, NaiveBoxOffice.seatSold(Json.MAPPER.readTree(line)));
      }
      int salesOfSeatBefore = 0;
      for (long event = 0; event < first; event++) {
        for (String line : tt.recordsOf(event)) {
          salesOfSeatBefore += NaiveBoxOffice.seatSold(Json.MAPPER.readTree(line)) == seat ? 1 : 0;
        }
      }
      assertThat(seat).isPositive();
      assertThat(salesOfSeatBefore).isEqualTo(1);
      // ...and continuing forwards from the start finds the same first double sale.
      assertThat(tt.goTo(0).continueTo(doubleSale)).isTrue();
      assertThat(tt.position()).isEqualTo(first);
      // The durable count is stale there: it still reads what the first sale wrote.
      assertThat(tt.state().storage().values()).containsExactly(String.valueOf(seat));
    }
  }

  @Test
  void whyFollowsABuyerThroughTheWorkerTheObjectAndPayments() {
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      String why = tt.why("m13");
      // The buyer's request to the worker, the worker's call to the object, the object's call to
      // payments, the object's storage and the answers on the way back, in order.
      assertThat(why).startsWith("m13\n  #2 ");
      assertThat(why)
          .containsSubsequence(
              "request.sent workload",
              "request.delivered box-office",
              "caused m",
              "request.sent box-office#0",
              "request.delivered EVENTS:",
              "caused m",
              "request.sent EVENTS:",
              "response.sent payments#0",
              "storage.write EVENTS:",
              "response.sent EVENTS:",
              "response.sent box-office#0",
              "response.delivered workload",
              "faults: none");
      assertThat(tt.why("m99999")).isEqualTo("no request m99999 in this run\n");
      assertThatThrownBy(() -> tt.why("x1")).hasMessageContaining("request ids look like m12");
    }
  }

  @Test
  void aFaultOnARequestShowsInItsChainAndAFaultBreakpointStopsAtIt() {
    try (TimeTravel tt = TimeTravel.load(underChaos(3))) {
      assertThat(tt.continueTo(Breakpoint.fault())).isTrue();
      String injected =
          tt.records().stream()
              .filter(l -> l.contains("\"kind\":\"fault.injected\""))
              .findFirst()
              .orElseThrow();
      // Find a request whose network fate was a fault, and check its chain names it.
      Breakpoint dropped =
          Breakpoint.kind("request.dropped").or(Breakpoint.kind("request.duplicated"));
      tt.goTo(0);
      assertThat(injected).contains("\"fault\":");
      assertThat(tt.continueTo(dropped)).isTrue();
      String id = null;
      for (String line : tt.records()) {
        if (line.contains("\"kind\":\"request.dropped\"")
            || line.contains("\"kind\":\"request.duplicated\"")) {
          id = Json.MAPPER.readTree(line).get("id").asString();
        }
      }
      assertThat(tt.why(id)).contains("faults: #").contains("fault.injected");
      assertThat(tt.state().requests().get(id)).matches(".*(dropped|duplicated).*");
    }
  }

  @Test
  void goToTimeLandsOnTheLastEventAtOrBeforeIt() {
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      long t = tt.timeNanos(30);
      tt.goToTime(Duration.ofNanos(t));
      assertThat(tt.timeNanos(tt.position())).isEqualTo(t);
      assertThat(tt.position() + 1 == tt.eventCount() || tt.timeNanos(tt.position() + 1) > t)
          .isTrue();
      assertThat(tt.goToTime(Duration.ZERO).timeNanos(tt.position())).isZero();
      assertThatThrownBy(() -> tt.goTo(tt.eventCount()))
          .hasMessage(
              "no event #"
                  + tt.eventCount()
                  + " (the run has #0 to #"
                  + (tt.eventCount() - 1)
                  + ")");
    }
  }
}
