package dev.w9y.core;

import dev.w9y.scheduler.SimulationFailure;

/**
 * A run failed because a guest error no guest code could still handle happened (see {@link
 * GuestErrorKind}) and the simulation did not tolerate it.
 */
public final class UncaughtGuestError extends SimulationFailure {
  private static final long serialVersionUID = 1L;

  private final GuestErrorKind kind;
  private final String actor;
  private final String error;

  UncaughtGuestError(
      long seed,
      long eventIndex,
      long timeNanos,
      String eventLabel,
      GuestErrorKind kind,
      String actor,
      String error) {
    super(
        seed,
        eventIndex,
        timeNanos,
        eventLabel,
        describe(kind, actor)
            + ": "
            + error
            + " (failing by default; Simulation.Builder.tolerate(GuestErrorKind."
            + kind.name()
            + ", pattern) accepts it)",
        null);
    this.kind = kind;
    this.actor = actor;
    this.error = error;
  }

  private static String describe(GuestErrorKind kind, String actor) {
    return switch (kind) {
      case UNCAUGHT_EXCEPTION -> "uncaught exception in " + actor;
      case UNHANDLED_REJECTION -> "unhandled promise rejection in " + actor;
      case BOOT_FAILURE -> actor + " failed to start";
      case UNANSWERED_REQUEST -> "a workload request was never answered";
    };
  }

  public GuestErrorKind kind() {
    return kind;
  }

  /** The instance, object or service the error happened in ({@code api#0}). */
  public String actor() {
    return actor;
  }

  /** The error as the trace has it. */
  public String error() {
    return error;
  }
}
