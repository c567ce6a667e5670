package dev.w9y.contracts.diff;

import java.util.List;

/**
 * What changed from one version of a contract to the next, in a fixed order: operations by path
 * then method, and within one operation its request (parameters, then body) before its responses by
 * status, properties by name.
 */
public record DiffReport(List<Change> changes) {
  public DiffReport {
    changes = List.copyOf(changes);
  }

  /** The changes that can make a caller of the old version fail. */
  public List<Change> breaking() {
    return changes.stream().filter(change -> change.severity() == Severity.BREAKING).toList();
  }

  public boolean hasBreakingChanges() {
    return !breaking().isEmpty();
  }
}
