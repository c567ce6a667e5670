package dev.w9y.selfcheck;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.faults.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JavaScript topology for the determinism self-check: a gateway with a durable-object namespace
 * and a cron, a store, and a ledger the gateway calls over JS RPC, driven by a seeded workload
 * under {@code FaultPlan.swarm()}. Its topology file and JS (resources {@code js/w9y.yaml}, {@code
 * js/gateway/gateway.js} with a CommonJS module and a Text module, {@code js/store/store.js},
 * {@code js/ledger/ledger.js}) are read from files, and touch every nondeterminism source a Worker
 * can reach, so a leak of real time or real randomness — or of where the files lie — shows up as a
 * trace difference.
 */
public final class JsWorkload {
  static final Duration SAFETY = Duration.ofSeconds(75);
  private static final int REQUESTS = 12;

  /** Where the files are extracted unless a test names a directory: see {@link Checkout}. */
  public static final String CHECKOUT_PROPERTY = "w9y.selfcheck.checkout";

  /** The environment's way to say the same (the determinism check's JIT launcher passes no -D). */
  public static final String CHECKOUT_VARIABLE = "W9Y_SELFCHECK_CHECKOUT";

  private static final List<String> FILES =
      List.of(
          "w9y.yaml",
          "gateway/gateway.js",
          "gateway/tally.cjs",
          "gateway/format.cjs",
          "gateway/banner.txt",
          "store/store.js",
          "ledger/ledger.js");

  /**
   * The topology of this JVM, read once from files extracted to the directory named by {@value
   * #CHECKOUT_PROPERTY} or {@value #CHECKOUT_VARIABLE} (a fresh temporary directory without them).
   * The determinism check gives each process a different directory, as two clones of a repository
   * would be.
   */
  private static final class Checkout {
    static final Topology TOPOLOGY =
        TopologyFile.load(extract(GuestWorkloads.checkoutDirectory()).resolve("w9y.yaml"));
  }

  private JsWorkload() {}

  /** Writes the topology file and the JS modules under {@code directory}; returns it. */
  static Path extract(Path directory) {
    return GuestWorkloads.extract(directory, "js/", FILES);
  }

  public static SimulationResult run(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed)).run();
  }

  /**
   * The same simulation with the files extracted under {@code checkout}: its trace must not depend
   * on that directory.
   */
  public static Simulation simulation(long seed, Path checkout) {
    return simulation(seed, TopologyFile.load(extract(checkout).resolve("w9y.yaml")));
  }

  public static Simulation simulation(long seed) {
    return simulation(seed, Checkout.TOPOLOGY);
  }

  private static Simulation simulation(long seed, Topology topology) {
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(SAFETY)
        .workload(
            () ->
                GuestWorkloads.requestsAtRandomMoments(
                    "http://gateway/", REQUESTS, Duration.ofSeconds(60)))
        .build();
  }
}
