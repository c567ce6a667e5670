package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;

/**
 * JS RPC calls per second against {@code stub.fetch} requests per second on the same durable object
 * (a counter: storage get + put), each a whole simulation in which the workload sends one request a
 * virtual millisecond to a service that calls the object, by {@code fetch} or by an RPC method.
 * Reported per CPU second of the whole process and of the simulation thread, beside wall time.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.JsRpcBenchmark -Djmh.args=}; the optional argument is the number
 * of rounds (default 3).
 */
public final class JsRpcBenchmark {
  private JsRpcBenchmark() {}

  static final String COUNTER =
      """
      import { DurableObject } from "cloudflare:workers";
      export class Counter extends DurableObject {
        async increment() {
          const value = ((await this.ctx.storage.get("count")) ?? 0) + 1;
          await this.ctx.storage.put("count", value);
          return value;
        }
        async fetch() { return new Response(String(await this.increment())); }
      }
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const stub = env.COUNTER.get(env.COUNTER.idFromName(url.searchParams.get("c")));
          if (url.pathname === "/rpc") return new Response(String(await stub.increment()));
          return stub.fetch(request);
        },
      };
      """;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + " of " + rounds);
      measure("stub.fetch()", "/fetch", 10_000);
      measure("stub.increment() (RPC)", "/rpc", 10_000);
    }
  }

  private static void measure(String label, String path, int requests) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("counter.js", COUNTER))
                    .withDurableObject("COUNTER", "Counter")
                    .asPublic())
            .build();
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
                            Duration.ofMillis(i),
                            () ->
                                driver.fetch(
                                    Request.get("http://api" + path + "?c=" + index % 10)));
                      }
                    })
            .build();
    SimulationTiming.warmThenReport(label, "calls", simulation, result -> requests);
  }
}
