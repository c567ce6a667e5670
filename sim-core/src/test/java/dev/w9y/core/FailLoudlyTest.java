package dev.w9y.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
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
 * Errors no guest code can still handle fail the seed by default (FoundationDB fails a simulation
 * on any severe error), each with its kind; a test opts out per kind or per pattern.
 */
class FailLoudlyTest {
  private final List<String> answers = new ArrayList<>();

  private Simulation.Builder simulation(Topology topology, String... paths) {
    return Simulation.builder(topology)
        .seed(5)
        .safetyPhase(Duration.ofSeconds(10))
        .workload(
            () -> {
              answers.clear();
              return driver -> {
                for (String path : paths) {
                  driver
                      .fetch(Request.get("http://" + path))
                      .whenComplete(
                          (response, error) ->
                              answers.add(error != null ? "error" : "" + response.status()));
                }
              };
            });
  }

  private static Topology one(String name, GuestCode code) {
    return Topology.builder().service(ServiceSpec.of(name, code).asPublic()).build();
  }

  private static UncaughtGuestError failure(SimulationResult result) {
    assertThat(result.failure()).as(result.summary()).get().isInstanceOf(UncaughtGuestError.class);
    return (UncaughtGuestError) result.failure().get();
  }

  @Test
  void aServiceWhoseCodeDoesNotLoadFailsTheSeedAtBootWithTheTraceKept() {
    GuestCode unloadable =
        new GuestCode() {
          @Override
          public String kind() {
            return "java";
          }

          @Override
          public String describe() {
            return "broken.wasm";
          }

          @Override
          public ServiceCode load(String serviceName) {
            throw new GuestException("not a WebAssembly module (bad magic number)");
          }
        };

    SimulationResult result =
        simulation(one("api", unloadable), "api/").build().retainingTrace().run();

    UncaughtGuestError failure = failure(result);
    assertThat(failure.kind()).isEqualTo(GuestErrorKind.BOOT_FAILURE);
    assertThat(failure.eventIndex()).isZero();
    assertThat(failure.getMessage())
        .contains("seed 5")
        .contains("api#0 failed to start")
        .contains("service 'api' (broken.wasm): not a WebAssembly module (bad magic number)");
    assertThat(kinds(result))
        .containsSubsequence("boot", "instance.started", "instance.start-failed");
  }

  @Test
  void aServiceWhoseStartThrowsFailsTheSeedUnlessBootFailuresAreTolerated() {
    GuestCode throwsOnStart =
        JavaGuest.of(
            "throws on start",
            () -> {
              throw new IllegalStateException("missing default export");
            });

    SimulationResult strict = simulation(one("api", throwsOnStart), "api/").build().run();
    SimulationResult tolerant =
        simulation(one("api", throwsOnStart), "api/")
            .tolerate(GuestErrorKind.BOOT_FAILURE, "default export")
            .build()
            .run();

    assertThat(failure(strict).kind()).isEqualTo(GuestErrorKind.BOOT_FAILURE);
    assertThat(tolerant.passed()).as(tolerant.summary()).isTrue();
    assertThat(answers)
        .as("a service that never started refuses requests")
        .containsExactly("error");
  }

  @Test
  void aRequestNeverAnsweredFailsAfterTheLivenessPhase() {
    GuestCode hangs = JavaGuest.handler((request, host) -> Promise.<Response>deferred().promise());

    SimulationResult result =
        simulation(one("api", hangs), "api/hang").build().retainingTrace().run();

    UncaughtGuestError failure = failure(result);
    assertThat(failure.kind()).isEqualTo(GuestErrorKind.UNANSWERED_REQUEST);
    assertThat(failure.getMessage()).contains("1 request(s)").contains("GET http://api/hang");
    assertThat(kinds(result)).contains("phase.liveness", "request.unanswered");
  }

  @Test
  void anUnansweredRequestCanBeToleratedByItsUrl() {
    GuestCode hangs = JavaGuest.handler((request, host) -> Promise.<Response>deferred().promise());

    SimulationResult result =
        simulation(one("api", hangs), "api/hang")
            .tolerate(GuestErrorKind.UNANSWERED_REQUEST, "/hang$")
            .build()
            .retainingTrace()
            .run();

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(kinds(result)).doesNotContain("phase.liveness");
    assertThat(result.fullTrace().get(0)).contains("\"tolerate\":[\"UNANSWERED_REQUEST:/hang$\"]");
  }

  @Test
  void anUnhandledRejectionFailsTheSeedAsItsOwnKind() {
    GuestCode rejects =
        JavaGuest.handler(
            (request, host) -> {
              host.reportError(ServiceHost.UNHANDLED_REJECTION, "Error: nobody listened");
              return Promise.resolved(Response.ok("fine"));
            });

    UncaughtGuestError failure = failure(simulation(one("api", rejects), "api/").build().run());
    SimulationResult other =
        simulation(one("api", rejects), "api/")
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .build()
            .run();

    assertThat(failure.kind()).isEqualTo(GuestErrorKind.UNHANDLED_REJECTION);
    assertThat(failure.error()).isEqualTo("Error: nobody listened");
    assertThat(other.passed()).as("tolerating another kind does not cover it").isFalse();
  }

  @Test
  void aServiceAnsweringAnotherWith500IsTheCallersToHandle() {
    Topology topology =
        Topology.builder()
            .service(
                ServiceSpec.of(
                        "front",
                        JavaGuest.handler(
                            (request, host) ->
                                host.fetch(Request.get("http://back/"))
                                    .then(
                                        response -> Response.ok("back said " + response.status()))))
                    .asPublic())
            .service(
                ServiceSpec.of(
                    "back",
                    JavaGuest.handler(
                        (request, host) -> {
                          throw new IllegalStateException("back is broken");
                        })))
            .build();

    SimulationResult result = simulation(topology, "front/").build().retainingTrace().run();

    assertThat(result.passed()).as(result.summary()).isTrue();
    assertThat(answers).containsExactly("200");
    assertThat(kinds(result)).contains("guest.error");
  }

  @Test
  void aPassingRunWithoutTolerationsHasNoToleratePartInItsHeader() {
    GuestCode ok = JavaGuest.handler((request, host) -> Promise.resolved(Response.ok("ok")));

    SimulationResult result = simulation(one("api", ok), "api/").build().retainingTrace().run();

    assertThat(result.passed()).isTrue();
    assertThat(result.fullTrace().get(0)).doesNotContain("tolerate");
  }

  private static List<String> kinds(SimulationResult result) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "test").records()) {
      kinds.add(record.get("kind").asString());
    }
    return kinds;
  }
}
