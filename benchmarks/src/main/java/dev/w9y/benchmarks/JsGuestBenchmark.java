package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The three figures the guest-js issue asks for, measured on wall time over whole simulations
 * (GraalJS's cost is in context creation and interpretation, which a micro-benchmark would hide):
 *
 * <ol>
 *   <li>context start for a service whose module is 50 KB: a simulation that only boots it;
 *   <li>requests per second through a durable-object counter ({@code idFromName} → {@code get} →
 *       {@code fetch} → storage get + put) in one simulation;
 *   <li>seeds per second for a three-service JS topology serving 100 requests per seed.
 * </ol>
 *
 * <p>The clock is read only through {@link SimulationTiming}, between runs; {@code Math.random}
 * below is inside guest JavaScript, where W9Y replaces it with the instance's seeded stream.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.JsGuestBenchmark -Djmh.args=}; with the JIT (docs/JS-GUESTS.md):
 * {@code .ci/graaljs-jit/java-with-jit <class path> dev.w9y.benchmarks.JsGuestBenchmark 3}.
 */
public final class JsGuestBenchmark {
  private JsGuestBenchmark() {}

  /**
   * @param args optionally how many rounds to run (default 1; with GraalJS's JIT on, later rounds
   *     show the compiled steady state), then which figures ({@code start}, {@code trivial}, {@code
   *     counter}, {@code seeds}; default all)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    List<String> figures =
        args.length > 1
            ? Arrays.asList(args).subList(1, args.length)
            : List.of("start", "trivial", "counter", "seeds");
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= rounds; round++) {
      if (rounds > 1) {
        System.out.println("round " + round + " of " + rounds);
      }
      for (String figure : figures) {
        switch (figure) {
          case "start" -> contextStart();
          case "trivial" -> trivialRequests();
          case "counter" -> counterRequests();
          case "seeds" -> seedsPerSecond();
          default ->
              throw new IllegalArgumentException(
                  "no figure '" + figure + "': start, trivial, counter or seeds");
        }
      }
    }
  }

  /** The floor under every figure: a handler that only answers, so the cost is W9Y's path. */
  private static void trivialRequests() {
    SimulationTiming.requestsPerSecond(
        "trivial handler",
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "api",
                        JsGuest.fromSource(
                            "hello.js", "export default { fetch: () => new Response(\"hi\") };"))
                    .asPublic())
            .build(),
        20_000,
        i -> Request.get("http://api/"));
  }

  /** A module of about 50 KB: many small functions, as a bundled Worker would have. */
  static String fiftyKilobyteModule() {
    StringBuilder source = new StringBuilder();
    int i = 0;
    while (source.length() < 50 * 1024) {
      source
          .append("export function helper")
          .append(i)
          .append("(input) {\n  const words = String(input).split(\" \");\n")
          .append("  return words.map((w, j) => w.length * ")
          .append(i)
          .append(" + j).reduce((a, b) => a + b, 0);\n}\n");
      i++;
    }
    source.append("export default { fetch: () => new Response(String(helper1(\"a b\"))) };\n");
    return source.toString();
  }

  private static void contextStart() {
    String module = fiftyKilobyteModule();
    Simulation boot =
        Simulation.builder(
                Topology.builder()
                    .service(ServiceSpec.of("big", JsGuest.fromSource("big.js", module)))
                    .build())
            .seed(1)
            .safetyPhase(Duration.ZERO)
            .build();
    int runs = 200;
    double millis = SimulationTiming.millisPerRun(boot, 20, runs);
    System.out.printf(
        "context start, %d-byte module: %.2f ms per service start (a whole simulation that boots"
            + " it, averaged over %d runs)%n",
        module.length(), millis, runs);
  }

  static final String COUNTER =
      """
      export class Counter {
        constructor(state) { this.storage = state.storage; }
        async fetch() {
          const value = ((await this.storage.get("count")) ?? 0) + 1;
          await this.storage.put("count", value);
          return new Response(String(value));
        }
      }
      export default {
        fetch(request, env) {
          const name = new URL(request.url).searchParams.get("c");
          return env.COUNTER.get(env.COUNTER.idFromName(name)).fetch(request);
        },
      };
      """;

  private static void counterRequests() {
    SimulationTiming.requestsPerSecond(
        "durable-object counter",
        Topology.builder()
            .service(
                ServiceSpec.of("api", JsGuest.fromSource("counter.js", COUNTER))
                    .withDurableObject("COUNTER", "Counter")
                    .asPublic())
            .build(),
        20_000,
        i -> Request.get("http://api/?c=" + i % 10));
  }

  static Simulation threeServices(long seed) {
    return threeServices(seed, 100, true);
  }

  static Simulation threeServices(long seed, int requests) {
    return threeServices(seed, requests, true);
  }

  /** The three-service world's scripts (also run in workerd by {@link WorkerdSideBySide}). */
  static final String GATEWAY =
      """
      export default {
        async fetch(request, env) {
          const [a, b] = await Promise.all([env.USERS.fetch("http://users/u"), env.ORDERS.fetch("http://orders/o")]);
          return Response.json({ user: await a.json(), orders: await b.json() });
        },
      };
      """;

  static final String USERS =
      """
      const users = new Map();
      export default {
        async fetch(request) {
          const id = crypto.randomUUID().slice(0, 2);
          users.set(id, (users.get(id) ?? 0) + 1);
          return Response.json({ id, seen: users.get(id), at: Date.now() });
        },
      };
      """;

  // Math.random here is guest JavaScript: W9Y replaces it with the instance's seeded stream.
  static final String ORDERS =
      """
      export default {
        async fetch(request) {
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
          return Response.json([{ id: 1, total: Math.round(Math.random() * 100) }]);
        },
      };
      """;

  static Simulation threeServices(long seed, int requests, boolean trace) {
    return Simulation.builder(
            Topology.builder()
                .service(
                    ServiceSpec.of("gateway", JsGuest.fromSource("gateway.js", GATEWAY))
                        .withBinding("USERS", "users")
                        .withBinding("ORDERS", "orders")
                        .asPublic())
                .service(ServiceSpec.of("users", JsGuest.fromSource("users.js", USERS)))
                .service(ServiceSpec.of("orders", JsGuest.fromSource("orders.js", ORDERS)))
                .build())
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(5))
        .recordTrace(trace)
        .workload(
            () ->
                driver -> {
                  for (int i = 0; i < requests; i++) {
                    driver.after(
                        Duration.ofMillis(i * 20L),
                        () -> driver.fetch(Request.get("http://gateway/")));
                  }
                })
        .build();
  }

  private static void seedsPerSecond() {
    for (int seed = 0; seed < 60; seed++) {
      threeServices(seed).run().orThrow(); // warm-up: Truffle's nodes and the JVM's JIT settle
    }
    int seeds = 100;
    long[] events = new long[1];
    SimulationTiming.Timed time =
        SimulationTiming.timed(
            () -> {
              for (int seed = 1000; seed < 1000 + seeds; seed++) {
                events[0] += threeServices(seed).run().orThrow().events();
              }
            });
    double bootSeconds =
        SimulationTiming.secondsOf(
            () -> {
              for (int seed = 1000; seed < 1000 + seeds; seed++) {
                threeServices(seed, 0).run().orThrow();
              }
            });
    System.out.printf(
        "  of which starting the three services (same seeds, no requests): %.2f s%n", bootSeconds);
    // Traced and untraced batches alternate, so the interpreter's slow drift to its steady state
    // does not land on one side.
    double traced = 0;
    double untraced = 0;
    for (int round = 0; round < 4; round++) {
      for (boolean trace : new boolean[] {true, false}) {
        double batch =
            SimulationTiming.secondsOf(
                () -> {
                  for (int seed = 2000; seed < 2025; seed++) {
                    threeServices(seed, 100, trace).run().orThrow();
                  }
                });
        if (trace) {
          traced += batch;
        } else {
          untraced += batch;
        }
      }
    }
    System.out.printf(
        "  trace on vs off, 100 seeds each, interleaved: %.2f s vs %.2f s (tracing costs %.1f%%)%n",
        traced, untraced, 100 * (traced - untraced) / untraced);
    System.out.printf(
        "three JS services, 100 requests per seed: %d seeds in %.2f s = %.1f seeds/s; %.2f CPU s ="
            + " %.1f seeds per CPU second (one thread; %d events per seed)%n",
        seeds,
        time.wallSeconds(),
        seeds / time.wallSeconds(),
        time.cpuSeconds(),
        seeds / time.cpuSeconds(),
        events[0] / seeds);
  }
}
