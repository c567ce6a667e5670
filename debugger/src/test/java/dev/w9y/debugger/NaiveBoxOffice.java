package dev.w9y.debugger;

import dev.w9y.core.Simulation;
import dev.w9y.samples.tickets.Tickets;
import java.nio.file.Path;
import java.util.ArrayList;

/** The samples' naive box office, whose seed 195988461 sells a seat twice (README). */
final class NaiveBoxOffice {
  static final long FAILING_SEED = 195988461L;
  static final Path SOURCES = Path.of("..", "samples", "src", "main", "js", "tickets");

  private NaiveBoxOffice() {}

  static Simulation failingSeed() {
    return Tickets.simulation(SOURCES, "naive-box-office.js", FAILING_SEED, new ArrayList<>());
  }
}
