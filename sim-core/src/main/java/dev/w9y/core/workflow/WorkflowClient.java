package dev.w9y.core.workflow;

import dev.w9y.core.async.Promise;
import dev.w9y.core.platform.PlatformAccess;
import java.util.regex.Pattern;

/**
 * What one guest's {@code env.WORKFLOW} does: the binding's {@code create}, {@code get} and the
 * instance handle's {@code status}, {@code pause}, {@code resume}, {@code terminate}, {@code
 * restart} and {@code sendEvent}. Every answer is an array: {@code [0, ...values]} or {@code [1,
 * errorName, message]}. Operations that change an instance leave through the guest's output gate (a
 * durable object's until its earlier writes are durable).
 */
public final class WorkflowClient {
  /** Miniflare's ALLOWED_WORKFLOW_INSTANCE_ID_REGEX and MAX_WORKFLOW_INSTANCE_ID_LENGTH. */
  private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9_][a-zA-Z0-9-_]*$");

  private static final int MAX_ID_LENGTH = 100;

  private final WorkflowEngine engine;
  private final WorkflowEngine.Workflow workflow;
  private final PlatformAccess access;

  WorkflowClient(WorkflowEngine engine, WorkflowEngine.Workflow workflow, PlatformAccess access) {
    this.engine = engine;
    this.workflow = workflow;
    this.access = access;
  }

  /** The workflow's name. */
  public String workflowName() {
    return workflow.name();
  }

  /**
   * {@code create({id, params})}: {@code params} are structured-clone bytes, {@code json} for the
   * trace.
   */
  public Promise<Object[]> create(String id, String params, String json) {
    if (id == null || id.length() > MAX_ID_LENGTH || !ID.matcher(id).matches()) {
      return Promise.resolved(
          new Object[] {
            1,
            "WorkflowError",
            // workerd's words; ids are 1-100 characters of a-z A-Z 0-9 _ -, not starting with -
            "Workflow instance has invalid id"
          });
    }
    return change(
        () -> {
          workflow.create(id, params, json);
          return new Object[] {0, id};
        });
  }

  /** {@code get(id)}: whether the instance exists. */
  public Object[] get(String id) {
    return workflow.instances().containsKey(id)
        ? new Object[] {0, id}
        : new Object[] {1, "Error", "instance.not_found"};
  }

  /** {@code instance.status()}: [0, status, errorName, errorMessage, output bytes]. */
  public Object[] status(String id) {
    WorkflowEngine.Instance instance = workflow.instances().get(id);
    if (instance == null) {
      return notFound();
    }
    Object[] described = instance.describe();
    return new Object[] {0, described[0], described[1], described[2], described[3]};
  }

  /** {@code instance.pause/resume/terminate/restart()}: {@code operation} is the method name. */
  public Promise<Object[]> control(String id, String operation) {
    return change(
        () -> {
          WorkflowEngine.Instance instance = workflow.instances().get(id);
          if (instance == null) {
            return notFound();
          }
          switch (operation) {
            case "pause" -> instance.pause();
            case "resume" -> instance.resume();
            case "terminate" -> instance.terminate();
            case "restart" -> instance.restart();
            default -> throw new IllegalArgumentException("no workflow operation " + operation);
          }
          return new Object[] {0};
        });
  }

  /** {@code instance.sendEvent({type, payload})}. */
  public Promise<Object[]> sendEvent(String id, String type, String payload, String json) {
    return change(
        () -> {
          WorkflowEngine.Instance instance = workflow.instances().get(id);
          if (instance == null) {
            return notFound();
          }
          instance.sendEvent(type, payload, json);
          return new Object[] {0};
        });
  }

  private static Object[] notFound() {
    return new Object[] {1, "WorkflowError", "(instance.not_found) Instance does not exist"};
  }

  /**
   * Runs {@code change} when the guest's output gate lets it out; answers through its input gate.
   */
  private Promise<Object[]> change(java.util.function.Supplier<Object[]> change) {
    Promise.Deferred<Object[]> reply = Promise.deferred();
    PlatformAccess.Operation operation = access.operation();
    operation.emit(
        () -> {
          Object[] answer;
          try {
            answer = change.get();
          } catch (WorkflowEngine.WorkflowException e) {
            answer = new Object[] {1, e.errorName(), e.getMessage()};
          }
          Object[] done = answer;
          operation.complete(() -> reply.resolve(done));
        });
    return reply.promise();
  }

  WorkflowEngine engine() {
    return engine;
  }
}
