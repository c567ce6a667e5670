package dev.w9y.samples.tickets;

import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.util.ArrayList;

/**
 * The naive box office as a simulation test that fails: the walk-through of getting from a red seed
 * to its exact replay. Its name is outside Surefire's default patterns, so {@code mvn test} does
 * not run it; run it by name:
 *
 * <pre>
 * mvn test -pl samples -Dtest=NaiveBoxOfficeSimulation          # finds failing seeds, prints reports
 * mvn test -pl samples -Dtest=NaiveBoxOfficeSimulation -Dseed=N # replays seed N: same trace hash
 * </pre>
 */
class NaiveBoxOfficeSimulation {
  @W9ySimulation(seeds = 20)
  void noSeatIsSoldTwice(W9yRun run) {
    run.check(Tickets.simulation("naive-box-office.js", run.seed(), new ArrayList<>()));
  }
}
