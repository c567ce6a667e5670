package dev.w9y.guestwasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.guestjs.JsGuest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A JavaScript gateway calls a WebAssembly service, which sets timers and calls a JavaScript echo
 * service back: both guest kinds in one seeded world, the same trace for the same seed.
 */
class MixedWorldTest {
  static final String GATEWAY =
      """
      export default {
        async fetch(request, env) {
          const answer = await env.TICKER.fetch("http://ticker/start");
          return new Response(`${answer.status} ${await answer.text()} at ${Date.now() % 100000}`);
        },
      };
      """;
  static final String ECHO =
      "export default { fetch: (r) => new Response(new URL(r.url).pathname + ' ' + Math.random()) };";

  static Simulation simulation(long seed, List<String> answers) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("gateway", JsGuest.fromSource("gateway.js", GATEWAY))
                    .withBinding("TICKER", "ticker")
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "ticker",
                    WasmGuest.fromBytes("ticker.wasm", WasmServiceTest.fixture("ticker"))))
            .service(ServiceSpec.of("echo", JsGuest.fromSource("echo.js", ECHO)))
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(30))
        .workload(
            () ->
                driver -> {
                  for (int i = 0; i < 8; i++) {
                    driver.after(
                        Duration.ofMillis(driver.random().nextLong(0, 5_000)),
                        () ->
                            driver
                                .fetch(Request.get("http://gateway/"))
                                .onSuccess(r -> answers.add(r.status() + " " + r.body().text())));
                  }
                })
        .build();
  }

  @Test
  void javaScriptAndWebAssemblyServicesCallEachOtherDeterministically() {
    List<String> answers = new ArrayList<>();
    SimulationResult first = simulation(11, answers).retainingTrace().run();

    assertThat(first.passed()).as(first.summary()).isTrue();
    assertThat(answers)
        .hasSize(8)
        .allSatisfy(a -> assertThat(a).matches("200 200 [0-9a-f]{16} at \\d+"));
    List<String> stdout = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(first.fullTrace(), "seed 11").records()) {
      if (record.path("level").asString("").equals("stdout")) {
        stdout.add(record.get("text").asString());
      }
    }
    // realtime, monotonic, now_ms and random_get, as the guest printed them
    assertThat(stdout)
        .hasSize(8)
        .allSatisfy(line -> assertThat(line).matches("([0-9a-f]{16} ){3}[0-9a-f]{16}"));

    for (long seed = 0; seed < 10; seed++) {
      SimulationResult a = simulation(seed, new ArrayList<>()).run();
      SimulationResult b = simulation(seed, new ArrayList<>()).run();
      assertThat(b.traceSha256()).as("seed %d twice", seed).isEqualTo(a.traceSha256());
      assertThat(a.traceSha256()).isNotEqualTo(first.traceSha256());
    }
  }
}
