package dev.w9y.benchmarks;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;

/**
 * What single prelude operations cost a JavaScript guest: a handler loops one operation {@code n}
 * times, ten requests per simulation, best of four simulations, minus the same loop left empty. The
 * interpreter's costs are not a compiled engine's (a regex test or a destructuring for-of costs
 * microseconds), so prelude work is judged with this rather than by intuition. Wall time is read
 * only around whole simulations, by {@link SimulationTiming}.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests -Pbench
 * -Dbench.main=dev.w9y.benchmarks.JsOperationBenchmark -Djmh.args=1000}
 */
public final class JsOperationBenchmark {
  private JsOperationBenchmark() {}

  private static final String SETUP =
      """
      const HDR = new Headers({ "content-type": "text/plain", "x-a": "b" });
      const REQ = new Request("http://users/u");
      const ENC = new TextEncoder();
      const DEC = new TextDecoder();
      const BYTES = ENC.encode('{"a":1,"b":[1,2]}');
      """;

  private static final String[][] OPERATIONS = {
    {"empty loop", ""},
    {"new Headers({ct})", "x = new Headers({ 'content-type': 'text/plain' });"},
    {"headers.get", "x = HDR.get('content-type');"},
    {"new Response('hi')", "x = new Response('hi');"},
    {"Response.json(obj)", "x = Response.json({ a: 1, b: [1, 2] });"},
    {"new Request(url)", "x = new Request('http://users/u');"},
    {"new Request(request)", "x = new Request(REQ);"},
    {"new URL(url)", "x = new URL('http://api/?c=3');"},
    {"URL.searchParams.get", "x = new URL('http://api/?c=3').searchParams.get('c');"},
    {"crypto.randomUUID", "x = crypto.randomUUID();"},
    {"TextEncoder.encode (17 chars)", "x = ENC.encode('{\"a\":1,\"b\":[1,2]}');"},
    {"TextDecoder.decode (17 bytes)", "x = DEC.decode(BYTES);"},
    {"structuredClone(5)", "x = structuredClone(5);"},
    {"response.text()", "x = new Response('hi').text();"},
  };

  /**
   * @param args optionally the loop count per request (default 1000)
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.println("JavaScript guests run on: " + JsGuest.runtimeDescription());
    for (int round = 1; round <= 3; round++) { // rounds 1-2 warm up the JVM and GraalJS
      double empty = 0;
      for (String[] operation : OPERATIONS) {
        double micros = microsPerLoop(operation[1], n);
        if (operation[0].equals("empty loop")) {
          empty = micros;
        } else if (round == 3) {
          System.out.printf("%-32s %8.2f µs%n", operation[0], micros - empty);
        }
      }
    }
  }

  private static double microsPerLoop(String body, int n) {
    String module =
        SETUP
            + "export default { fetch() { let x; for (let i = 0; i < "
            + n
            + "; i++) { "
            + body
            + " } return new Response('ok'); } };";
    Simulation simulation =
        Simulation.builder(
                Topology.builder()
                    .service(
                        ServiceSpec.of(
                                "api",
                                JsGuest.fromSource("operation.js", module)
                                    .withStatementLimit(1_000_000_000L))
                            .asPublic())
                    .build())
            .seed(1)
            .safetyPhase(Duration.ofSeconds(1))
            .workload(
                () ->
                    driver -> {
                      for (int k = 0; k < 10; k++) {
                        driver.after(
                            Duration.ofMillis(k), () -> driver.fetch(Request.get("http://api/")));
                      }
                    })
            .build();
    return SimulationTiming.bestNanosOf(simulation, 4) / 1000.0 / (10.0 * n);
  }
}
