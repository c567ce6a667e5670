package dev.w9y.samples.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketsTest {
  @W9ySimulation(seeds = 20)
  void noSeatIsSoldTwice(W9yRun run) {
    List<Integer> seats = new ArrayList<>();
    run.check(Tickets.simulation("box-office.js", run.seed(), seats));

    assertThat(seats).hasSizeLessThanOrEqualTo(Tickets.CAPACITY);
  }

  /** The naive box office passes most seeds; W9Y finds one that oversells and replays it. */
  @Test
  void theNaiveBoxOfficeOversellsOnSomeSeedAndThatSeedReplaysExactly() {
    SimulationResult failing = null;
    for (long seed = 1; seed <= 40 && failing == null; seed++) {
      SimulationResult result =
          Tickets.simulation("naive-box-office.js", seed, new ArrayList<>()).run();
      if (!result.passed()) {
        failing = result;
      }
    }

    assertThat(failing).as("a seed within 40 that oversells").isNotNull();
    assertThat(failing.failure().orElseThrow().getMessage()).contains("no seat is sold twice");
    SimulationResult replay =
        Tickets.simulation("naive-box-office.js", failing.seed(), new ArrayList<>()).run();
    assertThat(replay.traceSha256()).isEqualTo(failing.traceSha256());
  }

  /**
   * The JUnit extension replays a failing seed (and shrinks it) by running the same {@code
   * Simulation} again, so the lists the checks read must start empty on every run: once they kept
   * the first run's seats, and the replay failed at its first event with another trace.
   */
  @Test
  void runningTheSameSimulationAgainIsTheSameRun() {
    List<Integer> seats = new ArrayList<>();
    Simulation simulation = Tickets.simulation("naive-box-office.js", 195988461L, seats);

    SimulationResult first = simulation.run();
    List<Integer> firstSeats = List.copyOf(seats);
    SimulationResult again = simulation.run();

    assertThat(first.passed()).as("this seed oversells").isFalse();
    assertThat(again.events()).isEqualTo(first.events());
    assertThat(again.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(seats).isEqualTo(firstSeats);
  }
}
