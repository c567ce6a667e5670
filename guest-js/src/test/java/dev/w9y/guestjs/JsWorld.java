package dev.w9y.guestjs;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.UncaughtGuestError;
import dev.w9y.core.WorkloadDriver;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.http.Request;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Runs a small topology of JavaScript services with a workload and keeps what each workload request
 * got ("200 body", "failed: reason") and the whole trace.
 */
final class JsWorld {
  final SimulationResult result;
  final List<String> outcomes;

  /** WebSockets a test's workload opened, for it to inspect after the run. */
  final List<dev.w9y.core.WorkloadSocket> sockets = new ArrayList<>();

  private JsWorld(SimulationResult result, List<String> outcomes) {
    this.result = result;
    this.outcomes = outcomes;
  }

  /** One public JS service named "api" with the given module source, sent the given requests. */
  static JsWorld serve(String source, Request... requests) {
    return STRICT.serve(source, requests);
  }

  private static final Tolerating STRICT = new Tolerating(List.of());

  /**
   * Runs that accept guest errors of these kinds instead of failing (by default any fails the
   * seed): for tests of how errors are reported.
   */
  static Tolerating tolerating(GuestErrorKind... kinds) {
    return new Tolerating(List.of(kinds));
  }

  /** The ways of running a world, with the guest error kinds the runs tolerate. */
  record Tolerating(List<GuestErrorKind> kinds) {
    JsWorld serve(String source, Request... requests) {
      return run(publicApi(JsGuest.fromSource("index.js", source)), 1, requests);
    }

    JsWorld oneASecond(Topology topology, Request... requests) {
      return oneASecond(topology, 1, requests);
    }

    JsWorld oneASecond(Topology topology, long seed, Request... requests) {
      List<String> outcomes = new ArrayList<>();
      return run(
          topology,
          seed,
          driver -> {
            for (int i = 0; i < requests.length; i++) {
              Request request = requests[i];
              driver.after(Duration.ofSeconds(i), () -> send(driver, request, outcomes));
            }
          },
          outcomes);
    }

    JsWorld run(Topology topology, long seed, Request... requests) {
      List<String> outcomes = new ArrayList<>();
      return run(
          topology,
          seed,
          driver -> {
            for (Request request : requests) {
              send(driver, request, outcomes);
            }
          },
          outcomes);
    }

    JsWorld run(
        Topology topology, long seed, Consumer<WorkloadDriver> workload, List<String> outcomes) {
      Simulation.Builder builder =
          Simulation.builder(topology)
              .seed(seed)
              .workload(() -> workload::accept)
              .safetyPhase(Duration.ofMinutes(1));
      for (GuestErrorKind kind : kinds) {
        builder.tolerate(kind);
      }
      return new JsWorld(builder.build().retainingTrace().run(), outcomes);
    }
  }

  /** A public "front" service whose env.BACK is a binding to a private "back" service. */
  static Topology frontAndBack(String frontSource, String backSource) {
    return Topology.builder()
        .service(
            ServiceSpec.of("front", JsGuest.fromSource("front.js", frontSource))
                .withBinding("BACK", "back")
                .asPublic())
        .service(ServiceSpec.of("back", JsGuest.fromSource("back.js", backSource)))
        .build();
  }

  /** A topology of one public service, "api". */
  static Topology publicApi(JsGuest guest) {
    return Topology.builder().service(ServiceSpec.of("api", guest).asPublic()).build();
  }

  /** Seed 1; request i is sent at virtual second i, so each sees what the ones before did. */
  static JsWorld oneASecond(Topology topology, Request... requests) {
    return STRICT.oneASecond(topology, 1, requests);
  }

  /** As {@link #oneASecond(Topology, Request...)}, with the given seed. */
  static JsWorld oneASecond(Topology topology, long seed, Request... requests) {
    return STRICT.oneASecond(topology, seed, requests);
  }

  static JsWorld run(Topology topology, long seed, Request... requests) {
    return STRICT.run(topology, seed, requests);
  }

  static JsWorld run(
      Topology topology, long seed, Consumer<WorkloadDriver> workload, List<String> outcomes) {
    return STRICT.run(topology, seed, workload, outcomes);
  }

  /** The kind of guest error the run failed with; fails the test if it failed otherwise. */
  GuestErrorKind failedWith() {
    if (!(result.failure().orElse(null) instanceof UncaughtGuestError failure)) {
      throw new AssertionError("expected an uncaught guest error, got " + result.summary());
    }
    return failure.kind();
  }

  /** Sends a request now and records its outcome in order of completion. */
  static void send(WorkloadDriver driver, Request request, List<String> outcomes) {
    driver
        .fetch(request)
        .whenComplete(
            (response, error) ->
                outcomes.add(
                    error != null
                        ? "failed: " + ((FetchFailed) error).reason()
                        : response.status() + " " + response.body().text()));
  }

  List<JsonNode> records() {
    return TraceReader.parse(result.fullTrace(), "test").records();
  }

  /** The trace records of one kind, each as its JSON text. */
  List<String> records(String kind) {
    List<String> found = new ArrayList<>();
    for (JsonNode record : records()) {
      if (kind.equals(record.path("kind").asString(""))) {
        found.add(record.toString());
      }
    }
    return found;
  }
}
