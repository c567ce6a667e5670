package dev.w9y.scheduler;

/** An event's action threw: the run fails at that event and the throwable is the cause. */
public final class EventFailed extends SimulationFailure {
  private static final long serialVersionUID = 1L;

  EventFailed(
      long seed, long eventIndex, long virtualTimeNanos, String eventLabel, Throwable thrown) {
    super(
        seed,
        eventIndex,
        virtualTimeNanos,
        eventLabel,
        "event threw " + thrown.getClass().getName() + ": " + thrown.getMessage(),
        thrown);
  }
}
