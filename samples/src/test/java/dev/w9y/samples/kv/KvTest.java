package dev.w9y.samples.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.guestwasm.WasmGuest;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C key-value service (src/main/c/kv/kv.c, built to src/main/wasm/kv.wasm) with a JavaScript
 * client service that uses it: the data lives in a durable object's storage and survives the object
 * crashing.
 */
class KvTest {
  static final String CLIENT =
      """
      async function call(method, key, body) {
        const response = await fetch(`http://kv/${key}`, { method, body });
        return `${response.status}:${await response.text()}`;
      }
      export default {
        async fetch(request) {
          const step = new URL(request.url).pathname;
          if (step === "/write") {
            return new Response([await call("PUT", "a", "1"), await call("PUT", "b", "two"),
              await call("PUT", "c", "3")].join(" "));
          }
          return new Response([await call("GET", "a"), await call("DELETE", "c"), await call("GET", "c"),
            await call("DELETE", "c"), await call("GET", "")].join(" "));
        },
      };
      """;

  static Simulation simulation(long seed, List<String> answers) {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of("kv", WasmGuest.fromFile(Path.of("src/main/wasm/kv.wasm")))
                    .withDurableObject("STORE", "Store"))
            .service(ServiceSpec.of("client", JsGuest.fromSource("client.js", CLIENT)).asPublic())
            .build();
    return Simulation.builder(topology)
        .seed(seed)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(
            () -> {
              answers.clear(); // each run (a replay, a shrinking run) starts afresh
              return driver -> {
                driver
                    .fetch(Request.get("http://client/write"))
                    .onSuccess(r -> answers.add(r.body().text()));
                driver.after(
                    Duration.ofSeconds(2),
                    () -> driver.world().crashObject("kv", "STORE", "main", "test"));
                driver.after(
                    Duration.ofSeconds(3),
                    () ->
                        driver
                            .fetch(Request.get("http://client/read"))
                            .onSuccess(r -> answers.add(r.body().text())));
              };
            })
        .eventually("both steps answered", world -> answers.size() == 2)
        .build();
  }

  @Test
  void theCServiceStoresReadsDeletesAndListsAndItsDataSurvivesACrash() {
    List<String> answers = new ArrayList<>();
    SimulationResult result = simulation(1, answers).run();

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(answers)
        .containsExactly("204: 204: 204:", "200:1 204: 404:no such key\n 404: 200:a=1\nb=two\n");
  }

  @W9ySimulation(seeds = 10)
  void sameAnswersOnEverySeed(W9yRun run) {
    List<String> answers = new ArrayList<>();
    run.check(simulation(run.seed(), answers));

    assertThat(answers).hasSize(2);
    assertThat(answers.get(1)).startsWith("200:1 ");
  }
}
