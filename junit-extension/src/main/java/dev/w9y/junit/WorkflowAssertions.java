package dev.w9y.junit;

import dev.w9y.core.Topology;
import dev.w9y.core.workflow.WorkflowHistory;
import dev.w9y.core.workflow.WorkflowReplay;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on Cloudflare Workflows code: the replay check (Temporal's non-determinism check) as a
 * test — {@code WorkflowAssertions.assertReplays(history, newTopology)} fails, naming the first
 * step where the new code departs from a recorded history, before a deploy would break the
 * instances running the old code.
 */
public final class WorkflowAssertions {
  private WorkflowAssertions() {}

  /**
   * Asserts that the workflow code of {@code newCode} makes the steps {@code history} recorded, in
   * order (see {@link WorkflowReplay#check}).
   *
   * @throws AssertionFailedError naming the workflow, the instance and the first divergence
   */
  public static void assertReplays(WorkflowHistory history, Topology newCode) {
    Optional<WorkflowReplay.Divergence> divergence = WorkflowReplay.check(history, newCode);
    if (divergence.isPresent()) {
      throw new AssertionFailedError(
          "workflow "
              + history.workflow()
              + " instance "
              + history.instanceId()
              + " does not replay against the new code: "
              + divergence.get().message());
    }
  }
}
