package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.java.JavaGuest;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cloudflare's limits on what one invocation may start: services that call each other in a loop
 * stop at production's depth limit with its error instead of running until a budget ends the run.
 */
class SubrequestLimitsTest {
  private final List<String> answers = new ArrayList<>();

  /** "ping" and "pong" forward every request to each other, nested (each awaits the other). */
  private static Topology nestedLoop() {
    return Topology.builder()
        .service(ServiceSpec.of("ping", forwardingTo("pong")).asPublic())
        .service(ServiceSpec.of("pong", forwardingTo("ping")))
        .build();
  }

  private static JavaGuest forwardingTo(String next) {
    return JavaGuest.handler(
        (request, host) ->
            host.fetch(Request.get("http://" + next + "/"))
                .recover(error -> Response.text(508, error.getMessage()))
                .then(response -> response));
  }

  private SimulationResult run(Simulation.Builder builder) {
    return builder
        .seed(2)
        .safetyPhase(Duration.ofSeconds(30))
        .workload(
            () -> {
              answers.clear();
              return driver ->
                  driver
                      .fetch(Request.get("http://ping/"))
                      .whenComplete(
                          (response, error) ->
                              answers.add(
                                  error != null
                                      ? "error " + error.getMessage()
                                      : response.status() + " " + response.body().text()));
            })
        .build()
        .retainingTrace()
        .run();
  }

  @Test
  void aNestedLoopIsRefusedAtProductionsDepthWithItsError() {
    SimulationResult result = run(Simulation.builder(nestedLoop()));

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(answers)
        .containsExactly(
            "508 Subrequest depth limit exceeded. This request recursed through Workers too many"
                + " times. This can happen e.g. if you have a Worker or Durable Object that calls"
                + " other Workers or objects recursively.");
    assertThat(count(result, "request.delivered")).isEqualTo(Invocation.MAX_DEPTH);
    assertThat(count(result, "fetch.refused")).isEqualTo(1);
  }

  @Test
  void aLoopCarriedThroughWaitUntilAndTimersIsRefusedToo() {
    // Each side answers at once and calls the other in the background after a timer: the chain
    // is carried through the timer and the background work, as production's CF-EW-Via is.
    JavaGuest background =
        JavaGuest.handler(
            (request, host) -> {
              String next = request.parsedUrl().host().equals("ping") ? "pong" : "ping";
              Promise.Deferred<Response> later = Promise.deferred();
              host.setTimer(
                  Duration.ofMillis(10).toNanos(),
                  () ->
                      host.fetch(Request.get("http://" + next + "/"))
                          .whenComplete((r, e) -> later.resolve(Response.ok("sent"))));
              host.waitUntil(later.promise());
              return Promise.resolved(Response.ok("accepted"));
            });
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("ping", background).asPublic())
            .service(ServiceSpec.of("pong", background))
            .build();

    SimulationResult result = run(Simulation.builder(topology));

    assertThat(answers).containsExactly("200 accepted");
    assertThat(count(result, "request.delivered")).isEqualTo(Invocation.MAX_DEPTH);
    assertThat(count(result, "fetch.refused")).isEqualTo(1);
  }

  @Test
  void anInvocationMayNotStartMoreSubrequestsThanProductionAllows() {
    JavaGuest fanOut =
        JavaGuest.handler(
            (request, host) -> {
              if (request.parsedUrl().host().equals("leaf")) {
                return Promise.resolved(Response.ok("leaf"));
              }
              String refused = null;
              for (int i = 0; i <= Invocation.MAX_SUBREQUESTS && refused == null; i++) {
                Promise<Response> sent = host.fetch(Request.get("http://leaf/" + i));
                if (sent.isRejected()) {
                  refused = i + ": " + sent.error().getMessage();
                }
              }
              return Promise.resolved(Response.ok(String.valueOf(refused)));
            });
    Topology topology =
        Topology.builder()
            .service(ServiceSpec.of("ping", fanOut).asPublic())
            .service(ServiceSpec.of("leaf", fanOut))
            .build();

    SimulationResult result = run(Simulation.builder(topology).safetyPhase(Duration.ofSeconds(5)));

    assertThat(answers)
        .containsExactly("200 " + Invocation.MAX_SUBREQUESTS + ": Too many subrequests.");
    assertThat(count(result, "fetch.refused")).isEqualTo(1);
  }

  private static long count(SimulationResult result, String kind) {
    long count = 0;
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      if (record.get("kind").asString().equals(kind)) {
        count++;
      }
    }
    return count;
  }
}
