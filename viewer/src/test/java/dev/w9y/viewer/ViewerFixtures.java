package dev.w9y.viewer;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.faults.FaultPlan;
import dev.w9y.guestjs.JsGuest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real run to view: a JavaScript ticket counter whose durable object reads its count, calls an
 * audit service, then writes, so concurrent buyers can get the same number (the naive box office's
 * bug), under the default fault plan. {@link #failingRun} finds the first seed whose run fails that
 * check with at least one fault injected: the trace then has messages, storage, faults, console
 * lines and a failed check.
 */
final class ViewerFixtures {
  private ViewerFixtures() {}

  static final String TICKETS =
      """
      export class Counter {
        constructor(state, env) { this.storage = state.storage; this.env = env; }
        async fetch(request) {
          const n = ((await this.storage.get("last")) ?? 0) + 1;
          // the bug: the input gate lets the next buyer in while this one waits for the audit
          await this.env.AUDIT.fetch("http://audit/record", { method: "POST", body: String(n) });
          await this.storage.put("last", n);
          await this.storage.put("buyer:" + new URL(request.url).searchParams.get("b"), n);
          return Response.json({ n });
        }
      }
      export default {
        fetch: (request, env) => env.COUNTERS.get(env.COUNTERS.idFromName("show-1")).fetch(request),
      };
      """;

  static final String AUDIT =
      """
      export default {
        async fetch(request) {
          console.log("audit <" + (await request.text()) + ">");
          return new Response("ok");
        },
      };
      """;

  static Topology topology() {
    return Topology.builder()
        .service(
            ServiceSpec.of("tickets", JsGuest.fromSource("tickets.js", TICKETS))
                .withBinding("AUDIT", "audit")
                .withDurableObject("COUNTERS", "Counter")
                .asPublic())
        .service(ServiceSpec.of("audit", JsGuest.fromSource("audit.js", AUDIT)))
        .build();
  }

  static Simulation simulation(long seed, Path traceFile) {
    List<Integer> numbers = new ArrayList<>();
    Simulation simulation =
        Simulation.builder(topology())
            .seed(seed)
            .workload(
                () -> {
                  numbers.clear();
                  return buyers -> {
                    for (int b = 0; b < 8; b++) {
                      String url = "http://tickets/buy?b=" + b;
                      buyers.after(
                          Duration.ofMillis(buyers.random().nextLong(0, 50)),
                          () ->
                              buyers
                                  .fetch(Request.post(url, ""))
                                  .onSuccess(
                                      response -> {
                                        if (response.status() == 200) {
                                          numbers.add(response.body().json().get("n").asInt());
                                        }
                                      }));
                    }
                  };
                })
            .always(
                "no number given twice",
                world -> numbers.stream().distinct().count() == numbers.size())
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .tolerate(GuestErrorKind.UNHANDLED_REJECTION)
            .tolerate(GuestErrorKind.UNANSWERED_REQUEST)
            .traceFile(traceFile)
            .build();
    return FaultPlan.chaos().applyTo(simulation);
  }

  /** The first failing seed's run with a fault in it; its trace is written to {@code traceFile}. */
  static SimulationResult failingRun(Path traceFile) {
    for (long seed = 1; seed <= 200; seed++) {
      SimulationResult result = simulation(seed, traceFile).run();
      if (!result.passed()
          && result.failure().get().getMessage().contains("no number given twice")
          && count(TraceReader.read(traceFile), "fault.injected") > 0) {
        return result;
      }
    }
    throw new AssertionError("no seed in 1..200 failed the check with a fault injected");
  }

  static long count(TraceReader trace, String kind) {
    return trace.records().stream().filter(r -> r.path("kind").asString("").equals(kind)).count();
  }
}
