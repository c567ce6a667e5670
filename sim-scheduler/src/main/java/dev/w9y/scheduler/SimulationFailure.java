package dev.w9y.scheduler;

/**
 * A run of a simulation failed. Always carries what is needed to reproduce and locate the failure:
 * the seed, the index of the event at which it happened, and that event's virtual time and label.
 */
public class SimulationFailure extends W9yException {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final long eventIndex;
  private final long virtualTimeNanos;
  private final String eventLabel;
  private final String cause;

  public SimulationFailure(
      long seed,
      long eventIndex,
      long virtualTimeNanos,
      String eventLabel,
      String cause,
      Throwable throwable) {
    super(describe(seed, eventIndex, virtualTimeNanos, eventLabel, cause), throwable);
    this.seed = seed;
    this.eventIndex = eventIndex;
    this.virtualTimeNanos = virtualTimeNanos;
    this.eventLabel = eventLabel;
    this.cause = cause;
  }

  private static String describe(
      long seed, long eventIndex, long virtualTimeNanos, String eventLabel, String cause) {
    return "seed "
        + seed
        + ", event #"
        + eventIndex
        + " at "
        + VirtualTime.format(virtualTimeNanos)
        + " ("
        + eventLabel
        + "): "
        + cause;
  }

  /** The seed of the failed run: rerunning it reproduces the failure. */
  public long seed() {
    return seed;
  }

  /** The index (0-based, in dispatch order) of the event at which the run failed. */
  public long eventIndex() {
    return eventIndex;
  }

  /** The virtual time of that event. */
  public long virtualTimeNanos() {
    return virtualTimeNanos;
  }

  /** The label of that event. */
  public String eventLabel() {
    return eventLabel;
  }

  /** What went wrong, without the seed and event prefix of {@link #getMessage()}. */
  public String failureCause() {
    return cause;
  }
}
