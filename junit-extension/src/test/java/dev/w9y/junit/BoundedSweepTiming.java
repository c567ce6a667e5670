package dev.w9y.junit;

import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.Payments;
import dev.w9y.scheduler.Ratio;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.stream.LongStream;

/**
 * The bench harness behind docs/PERFORMANCE.md's "bounded sweeps": the buggy payments system under
 * the default plan, the same seeds swept with every failure shrunk, with the first three shrunk,
 * and stopping at the first failure, on one thread. Prints seeds, failures, wall time and the whole
 * process's CPU time (GC and compiler threads included) of each. Usage: {@code BoundedSweepTiming
 * <seeds>}.
 */
public final class BoundedSweepTiming {
  private BoundedSweepTiming() {}

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    SeedRunner runner =
        new SeedRunner(
            "Payments#buggy",
            "mvn test",
            Files.createTempDirectory("w9y-bounded-sweep"),
            FaultPlan.chaos(),
            50,
            false);
    // Warm-up on other seeds, so every measurement runs compiled code.
    sweep(runner, 1_000_000, 100, Simulations.Bounds.UNBOUNDED);
    for (int round = 1; round <= 2; round++) {
      for (Simulations.Bounds bounds :
          new Simulations.Bounds[] {
            Simulations.Bounds.UNBOUNDED,
            new Simulations.Bounds(0, 3),
            Simulations.Bounds.FIRST_FAILURE
          }) {
        long cpu = processCpuNanos();
        Simulations.SweepResult result = sweep(runner, 0, seeds, bounds);
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        System.out.printf(
            "round %d, stop after %s failures, shrink %s: %d seeds, %d failed, %.2f s wall,"
                + " %.2f process CPU-s, %.1f seeds per process CPU-s%n",
            round,
            bounds.stopAfterFailures() == 0 ? "no" : Integer.toString(bounds.stopAfterFailures()),
            bounds.maxShrunk() == Integer.MAX_VALUE ? "all" : Integer.toString(bounds.maxShrunk()),
            result.seedsRun(),
            result.failures().size(),
            result.seconds(),
            cpuSeconds,
            result.seedsRun() / cpuSeconds);
      }
    }
  }

  private static Simulations.SweepResult sweep(
      SeedRunner runner, long first, int count, Simulations.Bounds bounds) {
    return Simulations.sweep(
        "Payments#buggy",
        seed -> Payments.simulation(seed, false),
        LongStream.range(first, first + count).boxed(),
        runner,
        1,
        Ratio.NEVER,
        0,
        bounds);
  }
}
