package dev.w9y.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The example on the README's first screen, kept compiling and passing here. */
class ReadmeExampleTest {
  // spotless:off
  // README example begins
  // A public service that keeps a count in a durable object (Cloudflare Workers' model).
  static final JavaGuest COUNTER = JavaGuest.of("Front", () -> (request, host) -> {
        var counters = host.durableObjects("COUNTERS");
        return counters.fetch(counters.idFromName("global"), request);
      })
      .withDurableObject("Counter", state -> (request, host) ->
          host.storage().get("n").thenCompose(stored -> {
            long next = stored.map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8))).orElse(0L) + 1;
            return host.storage().put("n", Long.toString(next).getBytes(StandardCharsets.UTF_8))
                .then(written -> Response.ok(Long.toString(next)));
          }));

  @W9ySimulation(seeds = 100)                    // each seed: other latencies, other orders
  void concurrentIncrementsNeverShareANumber(W9yRun run) {
    Topology topology = Topology.builder()
        .service(ServiceSpec.of("counter", COUNTER).asPublic().withDurableObject("COUNTERS", "Counter"))
        .build();
    List<String> answers = new ArrayList<>();
    run.check(Simulation.builder(topology).seed(run.seed())  // fails with the reproduce command,
        .workload(() -> clients -> {                          // trace file and shrunk faults
          for (int i = 0; i < 10; i++) {                      // ten clients at random virtual moments
            clients.after(Duration.ofMillis(clients.random().nextLong(0, 100)), () ->
                clients.fetch(Request.post("http://counter/increment", ""))
                    .onSuccess(response -> answers.add(response.body().text())));
          }
        })
        .eventually("all ten answered", world -> answers.size() == 10)
        .build());                                            // virtual time: real milliseconds

    assertThat(answers).doesNotHaveDuplicates();              // the durable object's input gate
  }
  // README example ends
  // spotless:on
}
