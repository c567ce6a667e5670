package dev.w9y.guestjs;

import dev.w9y.core.FaultHooks;
import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.http.Request;
import dev.w9y.core.trace.TraceReader;
import dev.w9y.core.workflow.WorkflowBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One public JavaScript service "api" bound to a workflow (env.WF: workflow "flow", class {@code
 * Flow} of the same module), driven by requests at chosen virtual times; keeps the answers and the
 * trace.
 */
final class WorkflowWorld {
  final SimulationResult result;
  final List<String> outcomes;

  private WorkflowWorld(SimulationResult result, List<String> outcomes) {
    this.result = result;
    this.outcomes = outcomes;
  }

  static Topology topology(String source) {
    return Topology.builder()
        .service(
            ServiceSpec.of("api", JsGuest.fromSource("index.js", source))
                .withPlatformBinding("WF", WorkflowBinding.of("flow", "Flow", null))
                .asPublic())
        .build();
  }

  /** A request to {@code path} at virtual time {@code at}. */
  record Call(Duration at, String path) {}

  static Call at(Duration at, String path) {
    return new Call(at, path);
  }

  static WorkflowWorld run(String source, Duration length, Call... calls) {
    return run(topology(source), 1, length, null, calls);
  }

  static Simulation simulation(
      Topology topology,
      long seed,
      Duration length,
      FaultHooks faults,
      List<String> outcomes,
      Call... calls) {
    Simulation.Builder builder =
        Simulation.builder(topology)
            .seed(seed)
            .safetyPhase(length)
            .tolerate(GuestErrorKind.UNCAUGHT_EXCEPTION)
            .workload(
                () ->
                    driver -> {
                      outcomes.clear();
                      for (Call call : calls) {
                        driver.after(
                            call.at(),
                            () -> {
                              if (call.path().equals("!crash")) {
                                driver.world().crash("api", 0, "test crash");
                              } else if (call.path().equals("!restart")) {
                                driver.world().restart("api", 0);
                              } else {
                                JsWorld.send(
                                    driver, Request.get("http://api" + call.path()), outcomes);
                              }
                            });
                      }
                    });
    if (faults != null) {
      builder.faults(context -> faults);
    }
    return builder.build().retainingTrace();
  }

  static WorkflowWorld run(
      Topology topology, long seed, Duration length, FaultHooks faults, Call... calls) {
    List<String> outcomes = new ArrayList<>();
    return new WorkflowWorld(
        simulation(topology, seed, length, faults, outcomes, calls).run(), outcomes);
  }

  List<JsonNode> records() {
    return TraceReader.parse(result.fullTrace(), "test").records();
  }

  /** The trace records of one kind, each as "kind step" or "kind" with chosen details. */
  List<JsonNode> records(String kind) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode record : records()) {
      if (kind.equals(record.path("kind").asString(""))) {
        found.add(record);
      }
    }
    return found;
  }

  /** The step keys of the records of {@code kind}, in order. */
  List<String> steps(String kind) {
    List<String> steps = new ArrayList<>();
    for (JsonNode record : records(kind)) {
      steps.add(record.path("step").asString());
    }
    return steps;
  }

  /** Fault hooks that crash the workflow engine once, before step {@code step}'s checkpoint. */
  static FaultHooks crashBeforeCheckpoint(String step) {
    return new FaultHooks() {
      private boolean crashed;

      @Override
      public boolean workflowCrashBeforeCheckpoint(String actor, String key) {
        if (!crashed && key.equals(step)) {
          crashed = true;
          return true;
        }
        return false;
      }

      @Override
      public void heal() {}
    };
  }

  /**
   * Fault hooks failing the first {@code failures} attempts of every step, late wake-ups by {@code
   * lateBy}.
   */
  static FaultHooks failingAttempts(int failures, Duration lateBy) {
    return new FaultHooks() {
      @Override
      public boolean workflowStepFailure(String actor, String step, long attempt) {
        return attempt <= failures;
      }

      @Override
      public long workflowWakeupDelayNanos(String actor) {
        return lateBy.toNanos();
      }

      @Override
      public void heal() {}
    };
  }
}
