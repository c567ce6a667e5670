package dev.w9y.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cloudflare Workflows in W9Y and in workerd (Miniflare's workflows option): instances of one
 * WorkflowEntrypoint whose params choose a scenario, their status() once finished (polled:
 * Miniflare runs steps on wall time, W9Y on virtual time), and the binding's refusals. Each test
 * uses instance ids of its own, since workerd keeps one engine for every probe of the Worker.
 */
class WorkflowsCompatTest {
  private static final Probe WORKFLOWS =
      Probe.ofResource("workflows.js").withWorkflow("WF", "flow", "Flow");

  private static Probe.Step get(String path) {
    return Probe.Step.get("http://api/" + path);
  }

  private static Probe.Step create(String id, String scenario) {
    return get("create?id=" + id + "&scenario=" + scenario);
  }

  /** The instance's status, asked every 100 ms until it is {@code until} ("done": finished). */
  private static Probe.Step status(String id, String until) {
    return Probe.Step.poll("http://api/status?id=" + id + "&until=" + until, 100, 100);
  }

  private static Probe run(String id, String scenario) {
    return WORKFLOWS.with(List.of(create(id, scenario), status(id, "done")));
  }

  @Test
  void stepResultsOfEachSerializableTypeAndTheEventAreAsInWorkerd() {
    Differential.run(run("values-1", "values")).assertSame();
  }

  @Test
  void failedStepsAreRetriedUpToTheLimitAndNonRetryableErrorsAreNotAsInWorkerd() {
    Differential.run(run("retries-1", "retries")).assertSame();
  }

  @Test
  void instancesThatFailErrorWithWorkerdsErrorShapes() {
    List<Probe.Step> steps = new ArrayList<>();
    for (String scenario : List.of("throws", "nonRetryable", "unserializable", "badConfig")) {
      steps.add(create("fails-" + scenario, scenario));
      steps.add(status("fails-" + scenario, "done"));
    }
    Differential.run(WORKFLOWS.with(steps)).assertSame();
  }

  @Test
  void sleepsEndAndEventsReachTheirWaiterAsInWorkerd() {
    Differential.run(
            WORKFLOWS.with(
                List.of(
                    create("sleeps-1", "sleep"),
                    create("events-1", "event"),
                    status("events-1", "asleep"),
                    get("event?id=events-1"),
                    status("events-1", "done"),
                    status("sleeps-1", "done"))))
        .assertSame();
  }

  @Test
  void pauseResumeAndTerminateAnswerAsInWorkerd() {
    Differential.run(
            WORKFLOWS.with(
                List.of(
                    create("control-1", "long"),
                    status("control-1", "asleep"),
                    get("pause?id=control-1"),
                    status("control-1", "paused"),
                    get("resume?id=control-1"),
                    get("terminate?id=control-1"),
                    status("control-1", "done"),
                    get("terminate?id=control-1"),
                    get("resume?id=control-1"))))
        .assertSame();
  }

  @Test
  void theBindingRefusesBadIdsAndUnknownInstancesAsInWorkerd() {
    Differential.run(WORKFLOWS.with(List.of(get("errors")))).assertSame();
  }

  /**
   * Documented difference: Cloudflare's API refuses a second instance with an id in use, and so
   * does W9Y; Miniflare hands back the existing instance.
   */
  @Test
  void aDuplicateIdIsRefused() {
    Differential run =
        Differential.run(
            WORKFLOWS.with(
                List.of(
                    create("dup-1", "values"),
                    status("dup-1", "done"),
                    get("duplicate?id=dup-1"))));
    run.assertSameExcept(2);
    org.assertj.core.api.Assertions.assertThat(run.workerd(2).body())
        .isEqualTo("{\"ok\":\"dup-1\"}");
    org.assertj.core.api.Assertions.assertThat(run.w9y(2).body())
        .isEqualTo(
            "{\"error\":\"Error: WorkflowError: (instance.already_exists) Workflow instance"
                + " 'dup-1' already exists in workflow flow\"}");
  }
}
