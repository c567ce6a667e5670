package dev.w9y.selfcheck;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.http.Request;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.scheduler.RandomStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A JavaScript topology for the determinism self-check: a gateway with a durable-object namespace
 * and a cron, and a store, driven by a seeded workload under {@code FaultPlan.swarm()}. Its JS
 * (resources {@code js/gateway.js}, {@code js/store.js}) touches every nondeterminism source a
 * Worker can reach, so a leak of real time or real randomness shows up as a trace difference.
 */
public final class JsWorkload {
  static final Duration SAFETY = Duration.ofSeconds(75);
  private static final int REQUESTS = 12;

  private JsWorkload() {}

  public static SimulationResult run(long seed) {
    return FaultPlan.swarm().applyTo(simulation(seed)).run();
  }

  public static Simulation simulation(long seed) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("gateway", JsGuest.fromSource("gateway.js", resource("gateway.js")))
                    .withBinding("STORE", "store")
                    .withDurableObject("SESSIONS", "Session")
                    .withCron("* * * * *")
                    .asPublic())
            .service(ServiceSpec.of("store", JsGuest.fromSource("store.js", resource("store.js"))))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(SAFETY)
        .workload(() -> JsWorkload::drive)
        .build();
  }

  private static void drive(WorkloadDriver driver) {
    RandomStream random = driver.random();
    for (int i = 0; i < driver.scaled(REQUESTS); i++) {
      driver.after(
          Duration.ofMillis(random.nextLong(0, 60_000)),
          () ->
              driver
                  .fetch(Request.get("http://gateway/"))
                  .whenComplete(
                      (response, error) ->
                          driver.note(
                              error != null
                                  ? "failed " + error.getMessage()
                                  : response.status() + " " + response.body().text())));
    }
  }

  private static String resource(String name) {
    try (InputStream in = JsWorkload.class.getResourceAsStream("js/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource js/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
