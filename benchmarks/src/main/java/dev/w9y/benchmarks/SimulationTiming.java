package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
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
    double seconds = secondsOf(() -> result[0] = simulation.run().orThrow());
    double perSecond = requests / seconds;
    System.out.printf(
        "%s: %d requests in %.2f s = %.0f requests/s (%d events, %.0f events/s)%n",
        label, requests, seconds, perSecond, result[0].events(), result[0].events() / seconds);
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
