package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.http.Request;
import dev.w9y.debugger.Breakpoint;
import dev.w9y.debugger.TimeTravel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Time travel over a long run: the plain-Java three-service system of {@link
 * WorldThroughputBenchmark} serving {@code requests} requests (150,000: about a million events),
 * loaded once per checkpoint interval. Prints the plain run's time, then per interval the load time
 * (wall, simulation-thread CPU, whole-process CPU), the live heap after full collections with the
 * model loaded and after it is closed, and the time of 1,000 jumps to random events (each
 * rebuilding the whole state there), of a reverse-continue across the whole run and of a {@code
 * why}.
 *
 * <p>{@code java -Xmx4g -cp <class path> dev.w9y.benchmarks.TimeTravelBenchmark [requests]
 * [interval...]} (defaults 150,000 and 256 1024 4096); see docs/PERFORMANCE.md, "Time travel".
 */
public final class TimeTravelBenchmark {
  private static final int JUMPS = 1_000;

  private TimeTravelBenchmark() {}

  static Simulation simulation(int requests) {
    return Simulation.builder(WorldThroughputBenchmark.topology())
        .seed(1)
        .safetyPhase(Duration.ofMillis(requests + 5_000L))
        .workload(
            () ->
                driver -> {
                  for (int i = 0; i < requests; i++) {
                    int amount = i % 7 + 1;
                    driver.after(
                        Duration.ofMillis(i),
                        () ->
                            driver.fetch(Request.get("http://gateway/transfer?amount=" + amount)));
                  }
                })
        .build();
  }

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
    int[] intervals = {256, 1024, 4096};
    if (args.length > 1) {
      intervals = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        intervals[i - 1] = Integer.parseInt(args[i]);
      }
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Simulation simulation = simulation(requests);
    SimulationResult[] plain = new SimulationResult[1];
    long before = SimulationTiming.processCpuNanos();
    SimulationTiming.Timed run = SimulationTiming.timed(() -> plain[0] = simulation.run());
    System.out.printf(
        "plain run: %,d events, %,d records, %.1f s wall, %.1f s thread CPU, %.1f s process CPU,"
            + " hash %s%n",
        plain[0].events(),
        plain[0].traceRecords(),
        run.wallSeconds(),
        run.cpuSeconds(),
        (SimulationTiming.processCpuNanos() - before) / 1e9,
        plain[0].traceSha256().substring(0, 16));
    long baseline = liveHeapBytes(memory);
    System.out.printf("live heap without a model: %d MB%n", baseline >> 20);
    for (int interval : intervals) {
      measure(simulation, interval, plain[0].traceSha256(), memory, baseline);
    }
  }

  private static void measure(
      Simulation simulation, int interval, String plainHash, MemoryMXBean memory, long baseline) {
    TimeTravel[] loaded = new TimeTravel[1];
    long before = SimulationTiming.processCpuNanos();
    SimulationTiming.Timed load =
        SimulationTiming.timed(() -> loaded[0] = TimeTravel.load(simulation, interval));
    double processSeconds = (SimulationTiming.processCpuNanos() - before) / 1e9;
    TimeTravel tt = loaded[0];
    if (!tt.result().traceSha256().equals(plainHash)) {
      throw new IllegalStateException("the recorded run's hash differs from the plain run's");
    }
    long withModel = liveHeapBytes(memory);
    SplittableRandom random = new SplittableRandom(42);
    long events = tt.eventCount();
    long worst = 0;
    long total = 0;
    long stateEntries = 0;
    for (int i = 0; i < JUMPS; i++) {
      long target = random.nextLong(events);
      long[] entries = new long[1];
      long nanos =
          SimulationTiming.nanosOf(
              () -> entries[0] = tt.goTo(target).state().pending().size() + tt.records().size());
      stateEntries += entries[0];
      worst = Math.max(worst, nanos);
      total += nanos;
    }
    tt.goTo(events - 1);
    double reverse =
        SimulationTiming.secondsOf(() -> tt.reverseContinueTo(Breakpoint.kind("workload.start")));
    double why = SimulationTiming.secondsOf(() -> tt.why("m" + (events / 14)));
    System.out.printf(
        "checkpoint every %d: load %.1f s wall, %.1f s thread CPU, %.1f s process CPU;"
            + " live heap with the model %d MB (+%d MB); jumps: mean %.2f ms, worst %.2f ms"
            + " (%d entries read); reverse-continue over the run %.2f s; why %.2f s%n",
        interval,
        load.wallSeconds(),
        load.cpuSeconds(),
        processSeconds,
        withModel >> 20,
        (withModel - baseline) >> 20,
        total / 1e6 / JUMPS,
        worst / 1e6,
        stateEntries,
        reverse,
        why);
    tt.close();
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
