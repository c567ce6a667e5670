package dev.w9y.core.workflow;

import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformBinding;
import java.util.Objects;

/**
 * A binding to a Cloudflare Workflow ({@code [[workflows]]} in wrangler: {@code name}, {@code
 * binding}, {@code class_name}, {@code script_name}): the workflow named {@code workflowName} whose
 * {@code run(event, step)} is the {@code WorkflowEntrypoint} class {@code className} exported by
 * service {@code scriptName} (null: the service declaring the binding).
 *
 * @param replay a recorded history to replay the workflow's first instance against (see {@link
 *     WorkflowReplay}), or null for an ordinary run
 */
public record WorkflowBinding(
    String workflowName, String className, String scriptName, WorkflowHistory replay)
    implements PlatformBinding {
  public WorkflowBinding {
    Objects.requireNonNull(workflowName, "workflowName");
    Objects.requireNonNull(className, "className");
    if (workflowName.isBlank()) {
      throw new IllegalArgumentException("a workflow binding needs a workflow name");
    }
    if (className.isBlank()) {
      throw new IllegalArgumentException(
          "workflow '" + workflowName + "' needs a class_name (its WorkflowEntrypoint class)");
    }
  }

  /** The workflow {@code workflowName}, class {@code className} of service {@code scriptName}. */
  public static WorkflowBinding of(String workflowName, String className, String scriptName) {
    return new WorkflowBinding(workflowName, className, scriptName, null);
  }

  /** This binding replaying {@code history} (the replay check). */
  public WorkflowBinding replaying(WorkflowHistory history) {
    return new WorkflowBinding(workflowName, className, scriptName, history);
  }

  @Override
  public String kind() {
    return "workflow";
  }

  @Override
  public String describe() {
    return "workflow "
        + workflowName
        + " (class "
        + className
        + (scriptName == null ? "" : " of service " + scriptName)
        + ")";
  }

  @Override
  public Object open(PlatformAccess access) {
    WorkflowEngine engine = WorkflowEngine.of(access.platform());
    return new WorkflowClient(engine, engine.workflow(this, access.serviceName()), access);
  }
}
