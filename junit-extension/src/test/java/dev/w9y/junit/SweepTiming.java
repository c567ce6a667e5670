package dev.w9y.junit;

import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.Payments;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Files;

/**
 * The bench harness behind docs/PERFORMANCE.md's fuzz throughput with {@link Simulations}: the
 * fixed payments system under the default plan, swept for a time budget with 1 and then 2 threads.
 * Usage: {@code SweepTiming <seconds>}.
 */
public final class SweepTiming {
  private SweepTiming() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
    SeedRunner runner =
        new SeedRunner(
            "Payments#fixed",
            "mvn test",
            Files.createTempDirectory("w9y-sweep"),
            FaultPlan.chaos(),
            50,
            false);
    // Warm-up, so both measurements run compiled code.
    Simulations.sweep(
        "warm-up",
        seed -> Payments.simulation(seed, true),
        SeedSelection.derivedSeeds("warm"),
        runner,
        2,
        Ratio.NEVER,
        5_000_000_000L);
    for (int threads = 1; threads <= 2; threads++) {
      Simulations.SweepResult result =
          Simulations.sweep(
              "Payments#fixed",
              seed -> Payments.simulation(seed, true),
              SeedSelection.derivedSeeds("Payments#fixed/" + threads),
              runner,
              threads,
              Ratio.of(1, 20),
              seconds * 1_000_000_000L);
      System.out.print(threads + " thread(s): " + result.summary());
    }
  }
}
