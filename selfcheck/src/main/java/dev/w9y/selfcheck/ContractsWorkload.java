package dev.w9y.selfcheck;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.contract.ContractMode;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A contract-checked topology for the determinism self-check (resources {@code contracts/}): a JS
 * shop under an OpenAPI contract pricing through an external host under a {@code .proto} contract,
 * with contracts in report mode under {@code FaultPlan.swarm()}. The shop breaks either contract on
 * seeded draws, so violations, typed faults and the contracts' identities (hashes of files read
 * from a per-process directory) are all in the traces two processes must agree on.
 */
public final class ContractsWorkload {
  static final Duration SAFETY = Duration.ofSeconds(20);
  private static final int REQUESTS = 8;

  private static final List<String> FILES =
      List.of("w9y.yaml", "shop.js", "shop.openapi.yaml", "rates.proto");

  /** The topology of this JVM, read once from files extracted under the checkout directory. */
  private static final class Checkout {
    static final Topology TOPOLOGY =
        TopologyFile.load(
            extract(GuestWorkloads.checkoutDirectory().resolve("contracts")).resolve("w9y.yaml"));
  }

  private ContractsWorkload() {}

  static Path extract(Path directory) {
    return GuestWorkloads.extract(directory, "contracts/", FILES);
  }

  public static SimulationResult run(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed, Checkout.TOPOLOGY)).run();
  }

  /** The same simulation with the files extracted under {@code checkout}. */
  public static Simulation simulation(long seed, Path checkout) {
    return simulation(seed, TopologyFile.load(extract(checkout).resolve("w9y.yaml")));
  }

  private static Simulation simulation(long seed, Topology topology) {
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(SAFETY)
        .contracts(ContractMode.REPORT)
        .workload(
            () ->
                GuestWorkloads.requestsAtRandomMoments(
                    "http://shop/buy?n=3", REQUESTS, Duration.ofSeconds(15)))
        .build();
  }
}
