package dev.w9y.benchmarks;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The boot time of a wrangler project of three Workers (guest-js's test fixture {@code
 * wrangler-project}: a TOML gateway with a service binding, a cross-script durable object and a
 * cron, a JSONC users Worker with a CommonJS module, a JSON counters Worker with a Text module).
 * One round is: read the three configurations and the modules beside them ({@code
 * Topology.fromWrangler}), then run a simulation until each Worker has answered once (the gateway's
 * {@code /hello} reaches users, {@code /count} the counters' object). Prints each round's read and
 * run time, wall and whole-process CPU (GC and compiler threads included); the first round is a
 * cold JVM's.
 *
 * <p>{@code java -cp <class path> dev.w9y.benchmarks.WranglerBootBenchmark [rounds] [project
 * directory]} (defaults 20 and {@code guest-js/src/test/resources/wrangler-project}); see
 * docs/PERFORMANCE.md.
 */
public final class WranglerBootBenchmark {
  private WranglerBootBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path project =
        Path.of(args.length > 1 ? args[1] : "guest-js/src/test/resources/wrangler-project");
    Path[] configs = {
      project.resolve("gateway/wrangler.toml"),
      project.resolve("users/wrangler.jsonc"),
      project.resolve("counters/wrangler.json"),
    };
    System.out.printf(
        "%-6s %10s %12s %10s %12s %12s %12s%n",
        "round", "read ms", "read cpu ms", "run ms", "run cpu ms", "total ms", "total cpu ms");
    double warmWall = 0;
    double warmCpu = 0;
    int warm = 0;
    for (int round = 1; round <= rounds; round++) {
      Topology[] topology = new Topology[1];
      long cpu0 = SimulationTiming.processCpuNanos();
      long read = SimulationTiming.nanosOf(() -> topology[0] = Topology.fromWrangler(configs));
      long cpu1 = SimulationTiming.processCpuNanos();
      SimulationResult[] result = new SimulationResult[1];
      long run = SimulationTiming.nanosOf(() -> result[0] = firstAnswers(topology[0]));
      long cpu2 = SimulationTiming.processCpuNanos();
      if (!result[0].passed()) {
        throw new IllegalStateException(result[0].summary());
      }
      double totalWall = (read + run) / 1e6;
      double totalCpu = (cpu2 - cpu0) / 1e6;
      System.out.printf(
          "%-6d %10.1f %12.1f %10.1f %12.1f %12.1f %12.1f%n",
          round,
          read / 1e6,
          (cpu1 - cpu0) / 1e6,
          run / 1e6,
          (cpu2 - cpu1) / 1e6,
          totalWall,
          totalCpu);
      if (round > rounds / 2) {
        warmWall += totalWall;
        warmCpu += totalCpu;
        warm++;
      }
    }
    System.out.printf(
        "warm (last %d rounds): %.1f ms wall, %.1f ms process CPU per boot%n",
        warm, warmWall / warm, warmCpu / warm);
  }

  private static SimulationResult firstAnswers(Topology topology) {
    return Simulation.builder(topology)
        .seed(1)
        .safetyPhase(Duration.ofSeconds(1))
        .workload(
            () ->
                driver -> {
                  driver.fetch(Request.get("http://gateway/hello"));
                  driver.fetch(Request.get("http://gateway/count"));
                  driver.fetch(Request.get("http://counters/"));
                })
        .build()
        .run();
  }
}
