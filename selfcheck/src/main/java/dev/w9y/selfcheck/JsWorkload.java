package dev.w9y.selfcheck;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A JavaScript topology for the determinism self-check: a gateway with a durable-object namespace
 * and a cron, a store, and a ledger the gateway calls over JS RPC, driven by a seeded workload
 * under {@code FaultPlan.swarm()}. Its JS (resources {@code js/gateway.js} with a CommonJS module
 * and a Text module, {@code js/store.js}, {@code js/ledger.js}) touches every nondeterminism source
 * a Worker can reach, so a leak of real time or real randomness shows up as a trace difference.
 */
public final class JsWorkload {
  static final Duration SAFETY = Duration.ofSeconds(75);
  private static final int REQUESTS = 12;

  private JsWorkload() {}

  public static SimulationResult run(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed)).run();
  }

  private static String text(String resource) {
    return new String(GuestWorkloads.resource(resource), StandardCharsets.UTF_8);
  }

  public static Simulation simulation(long seed) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "gateway",
                        JsGuest.fromSource("gateway.js", text("js/gateway.js"))
                            .withFile("tally.cjs", text("js/tally.cjs"))
                            .withFile("format.cjs", text("js/format.cjs"))
                            .withFile("banner.txt", text("js/banner.txt")))
                    .withBinding("STORE", "store")
                    .withBinding("LEDGER", "ledger")
                    .withBinding("AUDIT", "ledger", "Audit")
                    .withDurableObject("SESSIONS", "Session")
                    .withCron("* * * * *")
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "store",
                    JsGuest.fromSource(
                        "store.js",
                        new String(
                            GuestWorkloads.resource("js/store.js"), StandardCharsets.UTF_8))))
            .service(
                ServiceSpec.of(
                    "ledger",
                    JsGuest.fromSource(
                        "ledger.js",
                        new String(
                            GuestWorkloads.resource("js/ledger.js"), StandardCharsets.UTF_8))))
            .build();
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
