package dev.w9y.faults;

import dev.w9y.core.SimulationResult;
import dev.w9y.scheduler.AllowNondeterminism;

/**
 * The bench harness behind docs/PERFORMANCE.md's planted-bug figures: how many seeds and how much
 * wall time a sweep under the default plan needs to find the double charge, and how fast the fixed
 * system sweeps. Run: see docs/PERFORMANCE.md.
 */
public final class PlantedBugSweep {
  private PlantedBugSweep() {}

  @AllowNondeterminism(reason = "bench harness: measures wall time around whole simulations")
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      int failing = 0;
      long first = -1;
      long firstNanos = 0;
      for (long seed = 0; seed < seeds; seed++) {
        SimulationResult result = FaultPlan.chaos().applyTo(Payments.simulation(seed, false)).run();
        if (!result.passed()) {
          failing++;
          if (first < 0) {
            first = seed;
            firstNanos = System.nanoTime() - start;
          }
        }
      }
      long buggyNanos = System.nanoTime() - start;
      start = System.nanoTime();
      int fixedFailing = 0;
      for (long seed = 0; seed < seeds; seed++) {
        if (!FaultPlan.chaos().applyTo(Payments.simulation(seed, true)).run().passed()) {
          fixedFailing++;
        }
      }
      long fixedNanos = System.nanoTime() - start;
      System.out.printf(
          java.util.Locale.ROOT,
          "round %d: buggy: first failing seed %d after %.1f ms; %d of %d seeds fail; sweep %.0f ms (%.0f seeds/s)."
              + " fixed: %d of %d fail; sweep %.0f ms (%.0f seeds/s)%n",
          round,
          first,
          firstNanos / 1e6,
          failing,
          seeds,
          buggyNanos / 1e6,
          seeds / (buggyNanos / 1e9),
          fixedFailing,
          seeds,
          fixedNanos / 1e6,
          seeds / (fixedNanos / 1e9));
    }
  }
}
