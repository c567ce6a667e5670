package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.util.ArrayList;
import java.util.List;

/** A Worker and its simulation test in a project that only depends on W9Y's artifacts. */
class GreetingSimulationTest {
  static final String WORKER =
      """
      export default {
        async fetch(request) {
          const name = new URL(request.url).searchParams.get("name") ?? "world";
          return new Response(`hello ${name}`);
        },
      };
      """;

  @W9ySimulation(seeds = 20)
  void everyClientIsGreetedByName(W9yRun run) {
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("greeter", JsGuest.fromSource("greeter.js", WORKER)).asPublic())
            .build();
    List<String> greetings = new ArrayList<>();
    run.check(
        Simulation.builder(topology)
            .seed(run.seed())
            .workload(
                () -> {
                  greetings.clear();
                  return clients -> {
                    for (String name : List.of("ada", "alan", "grace")) {
                      clients
                          .fetchExpecting(Request.get("http://greeter/?name=" + name), 200)
                          .onSuccess(response -> greetings.add(response.body().text()));
                    }
                  };
                })
            .eventually("everyone greeted", world -> greetings.size() == 3)
            .build());

    assertEquals(3, greetings.stream().filter(g -> g.startsWith("hello ")).count());
  }
}
