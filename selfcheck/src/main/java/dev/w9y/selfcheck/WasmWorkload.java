package dev.w9y.selfcheck;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestwasm.WasmGuest;
import java.time.Duration;

/**
 * A WebAssembly topology for the determinism self-check: the ticker module (resource {@code
 * wasm/ticker.wasm}, built from guest-wasm's {@code src/test/wat/ticker.wat}) reads both WASI
 * clocks and W9Y's, draws from {@code random_u64} and {@code random_get}, prints to stdout, sets a
 * timer and fetches a plain-Java echo service; driven by a seeded workload under swarm faults.
 */
public final class WasmWorkload {
  static final Duration SAFETY = Duration.ofSeconds(30);
  private static final int REQUESTS = 15;

  private WasmWorkload() {}

  public static SimulationResult run(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed)).run();
  }

  public static Simulation simulation(long seed) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "ticker",
                        WasmGuest.fromBytes(
                            "ticker.wasm", GuestWorkloads.resource("wasm/ticker.wasm")))
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "echo",
                    JavaGuest.handler(
                        (request, host) ->
                            Promise.resolved(
                                Response.ok(request.url() + " " + host.random().nextLong())))))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(SAFETY)
        .workload(
            () ->
                GuestWorkloads.requestsAtRandomMoments(
                    "http://ticker/", REQUESTS, Duration.ofSeconds(20)))
        .build();
  }
}
