package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.List;

/**
 * What nodejs_compat costs: a service's start with and without the flag (the flag runs prelude
 * node.js and turns GraalJS's AsyncContext on), and requests through an AsyncLocalStorage handler
 * that awaits a timer. Each figure per wall second, per CPU second of the simulation thread and per
 * CPU second of the whole process.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.NodeCompatBenchmark -Djmh.args=}
 */
public final class NodeCompatBenchmark {
  private NodeCompatBenchmark() {}

  private static final String PLAIN = "export default { fetch: () => new Response(\"hi\") };";

  private static final String NODE =
      """
      import { Buffer } from "node:buffer";
      import { EventEmitter } from "node:events";
      import { AsyncLocalStorage } from "node:async_hooks";
      const als = new AsyncLocalStorage();
      export default {
        fetch: (request) => als.run({ id: request.url }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return new Response(Buffer.from(als.getStore().id).toString("base64"));
        }),
      };
      """;

  /** Cloudflare's nodejs-http-server template, as its source reads. */
  private static final String HTTP =
      """
      import { httpServerHandler } from "cloudflare:node";
      import { createServer } from "node:http";
      import { existsSync } from "node:fs";
      const server = createServer((req, res) => {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end(String(existsSync("/tmp/x")));
      });
      server.listen(8080);
      export default httpServerHandler({ port: 8080 });
      """;

  public static void main(String[] args) {
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    boot("start, no flags, trivial module", JsGuest.fromSource("plain.js", PLAIN));
    boot(
        "start, nodejs_compat, module importing buffer/events/async_hooks",
        JsGuest.fromSource("node.js", NODE).withCompatibilityFlags(List.of("nodejs_compat")));
    boot(
        "start, nodejs_compat, module importing cloudflare:node/http/fs (builds stream too)",
        JsGuest.fromSource("http.js", HTTP).withCompatibilityFlags(List.of("nodejs_compat")));
    requests(
        "AsyncLocalStorage + timer per request",
        JsGuest.fromSource("node.js", NODE).withCompatibilityFlags(List.of("nodejs_compat")));
  }

  private static void boot(String label, JsGuest guest) {
    Simulation simulation =
        Simulation.builder(Topology.builder().service(ServiceSpec.of("api", guest)).build())
            .seed(1)
            .safetyPhase(Duration.ZERO)
            .build();
    for (int i = 0; i < 20; i++) {
      simulation.withSeed(i).run().orThrow();
    }
    int runs = 200;
    long processStart = SimulationTiming.processCpuNanos();
    SimulationTiming.Timed time =
        SimulationTiming.timed(
            () -> {
              for (int i = 0; i < runs; i++) {
                simulation.withSeed(i).run().orThrow();
              }
            });
    double processSeconds = (SimulationTiming.processCpuNanos() - processStart) / 1e9;
    System.out.printf(
        "%s: %.2f ms wall per start; %.0f starts per thread CPU s, %.0f per process CPU s%n",
        label, time.wallSeconds() * 1000 / runs, runs / time.cpuSeconds(), runs / processSeconds);
  }

  private static void requests(String label, JsGuest guest) {
    int requests = 5_000;
    Simulation simulation =
        Simulation.builder(
                Topology.builder().service(ServiceSpec.of("api", guest).asPublic()).build())
            .seed(1)
            .safetyPhase(Duration.ofSeconds(requests / 1000 + 5))
            .workload(
                () ->
                    driver -> {
                      for (int i = 0; i < requests; i++) {
                        driver.after(
                            Duration.ofMillis(i), () -> driver.fetch(Request.get("http://api/")));
                      }
                    })
            .build();
    for (int i = 0; i < 3; i++) {
      simulation.withSeed(100 + i).run().orThrow();
    }
    long processStart = SimulationTiming.processCpuNanos();
    SimulationTiming.Timed time = SimulationTiming.timed(() -> simulation.run().orThrow());
    double processSeconds = (SimulationTiming.processCpuNanos() - processStart) / 1e9;
    System.out.printf(
        "%s: %d requests in %.2f s wall = %.0f/s; %.0f per thread CPU s, %.0f per process CPU"
            + " s%n",
        label,
        requests,
        time.wallSeconds(),
        requests / time.wallSeconds(),
        requests / time.cpuSeconds(),
        requests / processSeconds);
  }
}
