package dev.w9y.core;

import dev.w9y.scheduler.SimulationFailure;

/**
 * A check of the run failed: an {@code always} was violated or an {@code eventually} never held.
 */
public final class CheckFailed extends SimulationFailure {
  private static final long serialVersionUID = 1L;

  private final String checkName;

  CheckFailed(
      long seed,
      long eventIndex,
      long timeNanos,
      String eventLabel,
      String checkName,
      String cause) {
    super(
        seed,
        eventIndex,
        timeNanos,
        eventLabel,
        "check '" + checkName + "' failed: " + cause,
        null);
    this.checkName = checkName;
  }

  public String checkName() {
    return checkName;
  }
}
