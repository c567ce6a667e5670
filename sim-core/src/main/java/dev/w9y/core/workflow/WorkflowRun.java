package dev.w9y.core.workflow;

import dev.w9y.core.async.Promise;

/**
 * One execution of a workflow instance's {@code run(event, step)}, as the guest runtime receives it
 * ({@code ServiceInstance.dispatch("workflow", run)}): the class to construct, the event, and the
 * step operations. The guest settles the delivery with {@code [0, output bytes, output JSON]} or
 * {@code [1, error name, message]}; step answers are arrays as described on each method.
 */
public final class WorkflowRun {
  private final WorkflowEngine engine;
  private final WorkflowEngine.Execution execution;

  WorkflowRun(WorkflowEngine engine, WorkflowEngine.Execution execution) {
    this.engine = engine;
    this.execution = execution;
  }

  /** The exported {@code WorkflowEntrypoint} class to run. */
  public String className() {
    return execution.instance.workflow.className;
  }

  public String workflowName() {
    return execution.instance.workflow.name;
  }

  public String instanceId() {
    return execution.instance.id;
  }

  /** The instance's params: structured-clone bytes. */
  public String params() {
    return execution.instance.params;
  }

  /** When the instance was created (Unix epoch millis): the event's {@code timestamp}. */
  public long createdMillis() {
    return execution.instance.createdMillis;
  }

  /**
   * {@code step.do(name, config, fn)}: {@code [0, result bytes]} replayed or checkpointed, {@code
   * [1, errorName, message]} failed for good, or {@code [2, token, attempt]}: run the callback and
   * report with {@link #attemptDone}.
   */
  public Promise<Object[]> stepDo(
      String name, long limit, long delayMillis, String backoff, long timeoutMillis) {
    return engine.stepDo(
        execution, name, new WorkflowEngine.StepConfig(limit, delayMillis, backoff, timeoutMillis));
  }

  /**
   * Attempt {@code token} ended: {@code kind} 0 with the result's bytes and JSON, 1 with the
   * error's name and message, 2 if the result is not serialisable, 3 if it timed out. Answers as
   * {@link #stepDo} does (a retry is another {@code [2, token, attempt]}).
   */
  public Promise<Object[]> attemptDone(long token, int kind, String first, String second) {
    return engine.attemptDone(execution, token, kind, first, second);
  }

  /** Settles with {@code [timeoutMillis]} if attempt {@code token} runs past its timeout. */
  public Promise<Object[]> attemptTimeout(long token) {
    return engine.attemptTimeout(execution, token);
  }

  /** {@code step.sleep(name, ms)}: settles with {@code [0]} on waking. */
  public Promise<Object[]> sleep(String name, long durationMillis) {
    return engine.sleep(execution, name, durationMillis);
  }

  /**
   * {@code step.waitForEvent(name, {type, timeout})}: {@code [0, payload bytes, type, timestamp]}
   * or {@code [1, "WorkflowTimeoutError", message]}.
   */
  public Promise<Object[]> waitForEvent(String name, String type, long timeoutMillis) {
    return engine.waitForEvent(execution, name, type, timeoutMillis);
  }

  /** Virtual wall-clock time now (Unix epoch millis), for {@code sleepUntil}. */
  public long nowMillis() {
    return engine.platform().epochMillis();
  }
}
