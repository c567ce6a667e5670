package dev.w9y.samples.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.Topology;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.core.workflow.WorkflowHistory;
import dev.w9y.core.workflow.WorkflowReplay;
import dev.w9y.junit.WorkflowAssertions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The replay check (Temporal's non-determinism check) on the charge-workflow sample: a history
 * recorded from a run of the buggy shop (order-0.history.json, the fixture) replays against the
 * fixed shop (the same steps: good) and not against the shop whose charge step was renamed (bad).
 */
class WorkflowReplayTest {
  private static final Path DIR = Path.of("topologies", "charge-workflow");
  private static final Path FIXTURE = DIR.resolve("order-0.history.json");

  private static Topology topology(String file) {
    return TopologyFile.read(DIR.resolve(file)).topology();
  }

  /** Order 0's history in a fault-free run of w9y.yaml, seed 1. */
  static WorkflowHistory recorded() {
    TopologyFile.TopologyDocument document = TopologyFile.read(DIR.resolve("w9y.yaml"));
    SimulationResult result =
        Simulation.builder(document.topology())
            .seed(1)
            .workload(document.workload().orElseThrow()::newWorkload)
            .build()
            .retainingTrace()
            .run();
    return WorkflowHistory.fromTrace(result.fullTrace(), "charge-card", "order-0");
  }

  @Test
  void theFixtureIsTheHistoryARunRecords() {
    WorkflowHistory history = recorded();
    assertThat(history.complete()).isTrue();
    assertThat(history.steps())
        .extracting(WorkflowHistory.Step::key)
        .containsExactly(
            "do:reserve stock#1",
            "do:charge card#1",
            "sleep:wait for the courier#1",
            "do:send receipt#1");
    assertThat(history).isEqualTo(WorkflowHistory.read(FIXTURE));
  }

  @Test
  void theFixedCodeReplaysAndTheRenamedStepIsTheDivergence() {
    WorkflowHistory history = WorkflowHistory.read(FIXTURE);

    assertThat(WorkflowReplay.check(history, topology("fixed.yaml"))).isEmpty();
    Optional<WorkflowReplay.Divergence> divergence =
        WorkflowReplay.check(history, topology("renamed.yaml"));
    assertThat(divergence).isPresent();
    assertThat(divergence.get().stepIndex()).isEqualTo(1);
    assertThat(divergence.get().message())
        .isEqualTo(
            "step 2: the history has step.do(\"charge card\") but the new code calls"
                + " step.do(\"charge the card\")");
  }

  @Test
  void theJUnitAssertionPassesForTheFixAndFailsNamingTheStepForTheRename() {
    WorkflowHistory history = WorkflowHistory.read(FIXTURE);

    WorkflowAssertions.assertReplays(history, topology("fixed.yaml"));
    assertThatThrownBy(() -> WorkflowAssertions.assertReplays(history, topology("renamed.yaml")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "workflow charge-card instance order-0 does not replay against the new code: step 2:"
                + " the history has step.do(\"charge card\") but the new code calls"
                + " step.do(\"charge the card\")");
  }

  @Test
  void codeThatStopsEarlyOrGoesOnPastACompletedHistoryDiverges() {
    WorkflowHistory history = WorkflowHistory.read(FIXTURE);
    WorkflowHistory shorter =
        new WorkflowHistory(
            history.workflow(),
            history.instanceId(),
            history.params(),
            history.paramsJson(),
            true,
            history.steps().subList(0, 3));
    WorkflowHistory longer =
        new WorkflowHistory(
            history.workflow(),
            history.instanceId(),
            history.params(),
            history.paramsJson(),
            true,
            java.util.stream.Stream.concat(
                    history.steps().stream(),
                    java.util.stream.Stream.of(
                        new WorkflowHistory.Step("do", "audit", "do:audit#1", "1", null, null)))
                .toList());

    assertThat(WorkflowReplay.check(shorter, topology("fixed.yaml")).orElseThrow().message())
        .isEqualTo(
            "step 4: the new code calls step.do(\"send receipt\") after the history's last step"
                + " (the recorded instance completed)");
    assertThat(WorkflowReplay.check(longer, topology("fixed.yaml")).orElseThrow().message())
        .isEqualTo(
            "step 5: the history has step.do(\"audit\") but the new code returned without reaching"
                + " it");
    // An unfinished history (the instance was still running) replays if the code agrees so far.
    WorkflowHistory running =
        new WorkflowHistory(
            history.workflow(),
            history.instanceId(),
            history.params(),
            history.paramsJson(),
            false,
            history.steps().subList(0, 2));
    assertThat(WorkflowReplay.check(running, topology("fixed.yaml"))).isEmpty();
  }
}
