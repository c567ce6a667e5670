package dev.w9y.benchmarks;

import dev.w9y.contracts.OpenApiContract;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What checking contracts costs: the shop sample's two JavaScript services (storefront → inventory,
 * the inventory under its OpenAPI contract, every request and response validated) run the same
 * seeds with contracts {@code off} and {@code enforce}, alternating, after warm-up. Reported per
 * whole-process CPU second (GC and GraalJS compiler threads included) and per simulation-thread CPU
 * second. Run from the benchmarks directory (the bench profile's exec:exec does): the sample's
 * files are read from ../samples.
 */
public final class ContractBenchmark {
  private static final Path SHOP = Path.of("..", "samples", "src", "main", "js", "shop");
  private static final int REQUESTS = 1000;

  /** Measured rounds per mode, after two warm-up rounds; the first argument overrides it. */
  private static final int DEFAULT_ROUNDS = 4;

  private ContractBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    Contract inventory = OpenApiContract.load(SHOP.resolve("inventory.openapi.yaml"));
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("storefront", JsGuest.fromFile(SHOP.resolve("storefront.js")))
                    .asPublic())
            .service(
                ServiceSpec.of("inventory", JsGuest.fromFile(SHOP.resolve("inventory.js")))
                    .withContract(inventory))
            .build();
    ContractMode[] modes = {ContractMode.OFF, ContractMode.ENFORCE};
    long[] processCpu = new long[2];
    long[] threadCpu = new long[2];
    for (int round = -2; round < rounds; round++) { // two warm-up rounds
      for (int m = 0; m < modes.length; m++) {
        Simulation simulation = simulation(topology, modes[m], 10 + round);
        long processStart = SimulationTiming.processCpuNanos();
        SimulationTiming.Timed time = SimulationTiming.timed(() -> simulation.run().orThrow());
        long process = SimulationTiming.processCpuNanos() - processStart;
        if (round >= 0) {
          processCpu[m] += process;
          threadCpu[m] += time.cpuNanos();
        }
      }
    }
    long total = (long) REQUESTS * rounds;
    for (int m = 0; m < modes.length; m++) {
      System.out.printf(
          "contracts %-7s: %d requests, %.0f requests per process CPU-s, %.0f per sim-thread CPU-s%n",
          modes[m].name().toLowerCase(java.util.Locale.ROOT),
          total,
          total / (processCpu[m] / 1e9),
          total / (threadCpu[m] / 1e9));
    }
    System.out.printf(
        "enforce vs off: %.1f%% slower per process CPU-s, %.1f%% per sim-thread CPU-s%n",
        100.0 * (processCpu[1] - processCpu[0]) / processCpu[0],
        100.0 * (threadCpu[1] - threadCpu[0]) / threadCpu[0]);
  }

  /** {@value #REQUESTS} checkouts, one per virtual millisecond, with quantities 1..5. */
  private static Simulation simulation(Topology topology, ContractMode mode, long seed) {
    return Simulation.builder(topology)
        .seed(seed)
        .contracts(mode)
        .safetyPhase(Duration.ofSeconds(REQUESTS / 1000 + 5))
        .workload(
            () ->
                driver -> {
                  for (int i = 0; i < REQUESTS; i++) {
                    String body = "{\"sku\":\"tea\",\"quantity\":" + (1 + i % 5) + "}";
                    driver.after(
                        Duration.ofMillis(i),
                        () -> driver.fetch(Request.post("http://storefront/checkout", body)));
                  }
                })
        .build();
  }
}
