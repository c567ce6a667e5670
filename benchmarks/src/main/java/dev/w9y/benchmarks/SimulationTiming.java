package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Wall-time measurement for the benchmarks' mains. {@link #nanosOf} is the only place the
 * benchmarks read the clock, and only around whole runs (or host calls between events), outside
 * every simulation: it times runs, it never feeds one (the benchmarks module is not under the
 * nondeterminism ban for this reason).
 */
final class SimulationTiming {
  private SimulationTiming() {}

  /** Wall time {@code work} took, in nanoseconds. */
  static long nanosOf(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  /**
   * Wall time and this thread's CPU time for one piece of work. The CPU time leaves out what the
   * machine's other tenants take (the CI machines' virtual CPUs report up to 100 % steal, which
   * moves wall-time figures by 2× between runs), and it is what "on one core" means: the simulation
   * thread's own work, without GraalJS's compiler threads on the other core.
   */
  record Timed(long wallNanos, long cpuNanos) {
    double wallSeconds() {
      return wallNanos / 1e9;
    }

    double cpuSeconds() {
      return cpuNanos / 1e9;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Wall and CPU time of {@code work} on the calling thread. */
  static Timed timed(Runnable work) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long wall = nanosOf(work);
    return new Timed(wall, THREADS.getCurrentThreadCpuTime() - cpuStart);
  }

  /**
   * CPU time of the whole process so far (every thread: GC and compiler threads too), which is what
   * a user pays; set beside the simulation thread's own CPU time.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Runs {@code simulation} three times with other seeds to warm up, then once timed, and prints
   * {@code count} of the timed run's {@code unit} per CPU second of the whole process, per CPU
   * second of the simulation thread, and per wall second.
   */
  static SimulationResult warmThenReport(
      String label,
      String unit,
      Simulation simulation,
      java.util.function.ToIntFunction<SimulationResult> count) {
    for (int i = 0; i < 3; i++) {
      simulation.withSeed(100 + i).run().orThrow();
    }
    SimulationResult[] result = new SimulationResult[1];
    long processStart = processCpuNanos();
    Timed time = timed(() -> result[0] = simulation.run().orThrow());
    double processCpu = (processCpuNanos() - processStart) / 1e9;
    int n = count.applyAsInt(result[0]);
    System.out.printf(
        "%s: %d %s; %.0f per process CPU s (%.2f s), %.0f per simulation-thread CPU s"
            + " (%.2f s), %.0f per wall s (%.2f s); %d events%n",
        label,
        n,
        unit,
        n / processCpu,
        processCpu,
        n / time.cpuSeconds(),
        time.cpuSeconds(),
        n / time.wallSeconds(),
        time.wallSeconds(),
        result[0].events());
    return result[0];
  }

  /** Wall time {@code work} took, in seconds. */
  static double secondsOf(Runnable work) {
    return nanosOf(work) / 1e9;
  }

  /**
   * One simulation in which the workload sends {@code requests} requests, one per virtual
   * millisecond, timed after three warm-up runs of other seeds (GraalJS specializes its nodes and
   * the JVM compiles the interpreters, so first runs are slower). Prints and returns requests/s.
   */
  static double requestsPerSecond(
      String label, Topology topology, int requests, IntFunction<Request> request) {
    Simulation simulation =
        Simulation.builder(topology)
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 1000 + 5))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests; i++) {
                        int index = i;
                        driver.after(
                            Duration.ofMillis(i), () -> driver.fetch(request.apply(index)));
                      }
                    })
            .build();
    for (int i = 0; i < 3; i++) {
      simulation.withSeed(100 + i).run().orThrow();
    }
    SimulationResult[] result = new SimulationResult[1];
    Timed time = timed(() -> result[0] = simulation.run().orThrow());
    double perSecond = requests / time.wallSeconds();
    System.out.printf(
        "%s: %d requests in %.2f s = %.0f requests/s; %.2f CPU s = %.0f requests per CPU second"
            + " (%d events)%n",
        label,
        requests,
        time.wallSeconds(),
        perSecond,
        time.cpuSeconds(),
        requests / time.cpuSeconds(),
        result[0].events());
    return perSecond;
  }

  /** The fastest of {@code runs} runs of {@code simulation} (seeds 0, 1, ...), in nanoseconds. */
  static long bestNanosOf(Simulation simulation, int runs) {
    long best = Long.MAX_VALUE;
    for (int run = 0; run < runs; run++) {
      long seed = run;
      best = Math.min(best, nanosOf(() -> simulation.withSeed(seed).run().orThrow()));
    }
    return best;
  }

  /** Milliseconds per run of {@code simulation} (other seeds), after warm-up runs. */
  static double millisPerRun(Simulation simulation, int warmUp, int runs) {
    for (int i = 0; i < warmUp; i++) {
      simulation.withSeed(i).run().orThrow();
    }
    long nanos =
        nanosOf(
            () -> {
              for (int i = 0; i < runs; i++) {
                simulation.withSeed(i).run().orThrow();
              }
            });
    return nanos / 1e6 / runs;
  }
}
