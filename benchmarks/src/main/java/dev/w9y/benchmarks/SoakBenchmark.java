package dev.w9y.benchmarks;

import dev.w9y.guestjs.internal.JsSandbox;
import dev.w9y.selfcheck.JsWorkload;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * A CI fuzz job in miniature: the determinism self-check's JavaScript workload (a gateway with a
 * durable-object namespace and a cron, a store, {@code FaultPlan.swarm()}) run seed after seed in
 * one JVM. Every {@code blockSeeds} seeds it prints the live heap after full collections, the
 * GraalJS contexts still open, and the block's rate per wall second, per CPU second of the whole
 * process (GC and compiler threads included) and per CPU second of the simulation thread. A run
 * that keeps anything shows as a rising heap and a falling rate.
 *
 * <p>{@code java -cp <class path> dev.w9y.benchmarks.SoakBenchmark [seeds] [blockSeeds]} (defaults
 * 10,000 and 1,000); see docs/PERFORMANCE.md.
 */
public final class SoakBenchmark {
  private SoakBenchmark() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.out.printf(
        "%-12s %10s %9s %9s %12s %12s %9s%n",
        "seeds", "live MB", "contexts", "seeds/s", "/process-s", "/thread-s", "failed");
    System.out.printf(
        "%-12s %10d %9d%n", "0", liveHeapBytes(memory) >> 20, JsSandbox.openContexts());
    int failed = 0;
    for (int from = 0; from < seeds; from += block) {
      int to = Math.min(seeds, from + block);
      int first = from;
      int[] blockFailed = new int[1];
      long processCpuStart = SimulationTiming.processCpuNanos();
      SimulationTiming.Timed time =
          SimulationTiming.timed(
              () -> {
                for (long seed = first; seed < to; seed++) {
                  if (!JsWorkload.run(seed).passed()) {
                    blockFailed[0]++;
                  }
                }
              });
      double processCpuSeconds = (SimulationTiming.processCpuNanos() - processCpuStart) / 1e9;
      failed += blockFailed[0];
      int count = to - from;
      System.out.printf(
          "%-12s %10d %9d %9.1f %12.1f %12.1f %9d%n",
          from + "-" + to,
          liveHeapBytes(memory) >> 20,
          JsSandbox.openContexts(),
          count / time.wallSeconds(),
          count / processCpuSeconds,
          count / time.cpuSeconds(),
          blockFailed[0]);
    }
    System.out.printf(
        "%d seeds, %d failed (swarm faults: failures are the workload's)%n", seeds, failed);
  }

  /** Heap in use after full collections (the least of three: one may leave garbage behind). */
  private static long liveHeapBytes(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
