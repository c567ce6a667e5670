package dev.w9y.core.workflow;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.platform.PlatformBinding;
import dev.w9y.core.trace.TraceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Temporal's non-determinism check for Cloudflare Workflows: runs a recorded {@link
 * WorkflowHistory} against (changed) code. The new code's {@code run()} gets the recorded params
 * and every recorded step outcome as its durable state, so it runs none of its steps; each step
 * call is compared with the history in order. The first call that differs (another name, kind or
 * order), a call after the end of a completed history, or a {@code run()} that ends before reaching
 * a recorded step is the divergence.
 */
public final class WorkflowReplay {
  private WorkflowReplay() {}

  /** Where the new code first departs from the history. */
  public record Divergence(int stepIndex, String message) {
    @Override
    public String toString() {
      return message;
    }
  }

  /**
   * Replays {@code history} against the code of {@code newCode} (a topology binding the history's
   * workflow, e.g. the same topology file after a code change).
   *
   * @return the first divergence, or empty if the new code makes the recorded steps in order
   * @throws IllegalArgumentException if the topology binds no workflow of that name, or the new
   *     code never ran the instance (its class is missing, its service does not start)
   */
  public static Optional<Divergence> check(WorkflowHistory history, Topology newCode) {
    Topology replaying = replaying(history, newCode);
    SimulationResult result =
        Simulation.builder(replaying)
            .seed(1)
            .safetyPhase(Duration.ofDays(1))
            .build()
            .retainingTrace()
            .run();
    String actor = "workflow:" + history.workflow() + "/" + history.instanceId();
    String errored = null;
    for (JsonNode record : TraceReader.parse(result.fullTrace(), "replay").records()) {
      if (!actor.equals(record.path("actor").asString(""))) {
        continue;
      }
      switch (record.path("kind").asString("")) {
        case "workflow.replay.diverged" -> {
          return Optional.of(
              new Divergence(record.path("index").asInt(), record.path("divergence").asString()));
        }
        case "workflow.replay.agrees" -> {
          return Optional.empty();
        }
        case "workflow.errored" -> errored = record.path("error").asString();
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        "replaying instance '"
            + history.instanceId()
            + "' of workflow "
            + history.workflow()
            + ": the new code never ran it"
            + (errored == null ? "" : " (" + errored + ")")
            + "; "
            + result.summary());
  }

  /** {@code topology} with its binding of the history's workflow replaying the history. */
  static Topology replaying(WorkflowHistory history, Topology topology) {
    List<ServiceSpec> services = new ArrayList<>();
    boolean found = false;
    for (ServiceSpec spec : topology.services()) {
      ServiceSpec changed = spec;
      if (!found) {
        for (Map.Entry<String, PlatformBinding> binding : spec.platformBindings().entrySet()) {
          if (binding.getValue() instanceof WorkflowBinding workflow
              && workflow.workflowName().equals(history.workflow())) {
            changed = spec.withPlatformBinding(binding.getKey(), workflow.replaying(history));
            found = true;
            break;
          }
        }
      }
      services.add(changed);
    }
    if (!found) {
      throw new IllegalArgumentException(
          "the topology binds no workflow named '" + history.workflow() + "' (the history's)");
    }
    Topology.Builder builder =
        Topology.builder()
            .latency(topology.latency())
            .epochMillis(topology.epochMillis())
            .storageLatency(topology.storageReadLatency(), topology.storageWriteLatency());
    for (ServiceSpec spec : services) {
      builder.service(spec);
    }
    return builder.build();
  }
}
