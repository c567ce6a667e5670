package dev.w9y.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.guestjs.JsGuest;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The example on the README's first screen, kept compiling and passing here. */
class ReadmeExampleTest {
  // spotless:off
  // README example begins
  // A Cloudflare-Workers-style service: the count lives in a durable object.
  static final String WORKER = """
      export class Counter {
        constructor(state) { this.storage = state.storage; }
        async fetch(request) {
          const n = ((await this.storage.get("n")) ?? 0) + 1;  // the input gate holds other
          await this.storage.put("n", n);                      // requests while storage works
          return Response.json({ n, at: new Date().toISOString() });   // virtual clock
        }
      }
      export default {
        fetch: (request, env) => env.COUNTERS.get(env.COUNTERS.idFromName("global")).fetch(request),
      };
      """;

  @W9ySimulation(seeds = 100)                    // each seed: other latencies, other orders
  void concurrentIncrementsNeverShareANumber(W9yRun run) {
    Topology topology = Topology.builder()
        .service(ServiceSpec.of("counter", JsGuest.fromSource("counter.js", WORKER))
            .withDurableObject("COUNTERS", "Counter").asPublic())
        .build();
    List<String> answers = new ArrayList<>();
    run.check(Simulation.builder(topology).seed(run.seed())  // fails with the reproduce command,
        .workload(() -> {                                     // trace file and shrunk faults
          answers.clear();                                    // a replay of the seed starts afresh
          return clients -> {
            for (int i = 0; i < 10; i++) {                    // ten clients at random virtual moments
              clients.after(Duration.ofMillis(clients.random().nextLong(0, 100)), () ->
                  clients.fetch(Request.post("http://counter/increment", ""))
                      .onSuccess(response -> answers.add(response.body().json().get("n").asString())));
            }
          };
        })
        .eventually("all ten answered", world -> answers.size() == 10)
        // .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION, "fetch failed")  // uncaught guest errors,
        //   unhandled rejections, boot failures and unanswered requests fail a seed unless tolerated
        .build());                                            // virtual time: real milliseconds

    assertThat(answers).doesNotHaveDuplicates();
  }
  // README example ends
  // spotless:on
}
