package dev.w9y.benchmarks;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.GeneratedRequest;
import dev.w9y.core.contract.RequestGenerator;
import dev.w9y.scheduler.RandomStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How fast contract-driven workloads make requests ({@code Workloads.fromContract}): requests
 * generated per CPU second from two OpenAPI contracts, the warehouse sample's (small bodies, a
 * pattern) and the contracts tests' catalog (nested objects and arrays, allOf, oneOf, patterns,
 * formats, parameters). Valid requests and near misses are measured apart; each is checked against
 * the contract before it is given, as in a run, so the check's cost is included. Reported per
 * whole-process CPU second and per thread CPU second (this thread: generation is single-threaded).
 * Run from the benchmarks directory (the bench profile's exec:exec does): the contracts are read
 * from ../samples and ../contracts.
 */
public final class ContractGenerationBenchmark {
  private static final Path[] CONTRACTS = {
    Path.of("..", "samples", "src", "main", "js", "warehouse", "warehouse.openapi.yaml"),
    Path.of(
        "..",
        "contracts",
        "src",
        "test",
        "resources",
        "contracts",
        "generate",
        "catalog.openapi.yaml")
  };

  /** Requests per measured round and kind; the first argument sets the measured rounds. */
  private static final int PER_ROUND = 2000;

  private static final int DEFAULT_ROUNDS = 5;

  private ContractGenerationBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    for (Path file : CONTRACTS) {
      Contract contract = OpenApiContract.load(file);
      RequestGenerator generator = contract.requestGenerator();
      for (boolean nearMiss : new boolean[] {false, true}) {
        long process = 0;
        long thread = 0;
        long made = 0;
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
          RandomStream random = RandomStream.root(1000L + round);
          long[] count = {0};
          long processStart = SimulationTiming.processCpuNanos();
          SimulationTiming.Timed time =
              SimulationTiming.timed(
                  () -> {
                    for (int i = 0; i < PER_ROUND; i++) {
                      int operation = i % generator.operations().size();
                      GeneratedRequest request =
                          nearMiss
                              ? generator.nearMiss(operation, "http://svc", random)
                              : generator.valid(operation, "http://svc", random);
                      if (request != null) {
                        count[0]++;
                      }
                    }
                  });
          if (round >= 0) {
            process += SimulationTiming.processCpuNanos() - processStart;
            thread += time.cpuNanos();
            made += count[0];
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%-22s %-11s: %d requests, %.0f per process CPU-s, %.0f per thread CPU-s%n",
            file.getFileName(),
            nearMiss ? "near misses" : "valid",
            made,
            made / (process / 1e9),
            made / (thread / 1e9));
      }
    }
  }
}
