package dev.w9y.scheduler;

/**
 * One event in a {@link Scheduler}'s queue: an action to run at a virtual time. Events run in the
 * order (time, same-time order, sequence); the same-time order is 0 unless the scheduler shuffles
 * same-time events, and the sequence is the order in which events were scheduled.
 *
 * <p>The handle stays valid after the event runs or is cancelled, so callers can keep it to cancel
 * a timer without checking whether it already fired.
 */
public final class ScheduledEvent {
  private enum State {
    PENDING,
    CANCELLED,
    DISPATCHED
  }

  final long timeNanos;
  final long sameTimeOrder;
  final long sequence;
  final String label;
  final Runnable action;
  private final Scheduler owner;

  /** Position in the queue's heap array while pending; maintained by {@link EventQueue}. */
  int heapIndex = -1;

  private State state = State.PENDING;

  ScheduledEvent(
      Scheduler owner,
      long timeNanos,
      long sameTimeOrder,
      long sequence,
      String label,
      Runnable action) {
    this.owner = owner;
    this.timeNanos = timeNanos;
    this.sameTimeOrder = sameTimeOrder;
    this.sequence = sequence;
    this.label = label;
    this.action = action;
  }

  /** The virtual time at which the event runs. */
  public long timeNanos() {
    return timeNanos;
  }

  /** The order in which the event was scheduled, unique within a scheduler. */
  public long sequence() {
    return sequence;
  }

  /** The seeded tie-break among events at the same time; 0 when shuffling is off. */
  public long sameTimeOrder() {
    return sameTimeOrder;
  }

  /** What the event is, for traces and failure messages. */
  public String label() {
    return label;
  }

  public boolean isPending() {
    return state == State.PENDING;
  }

  public boolean isCancelled() {
    return state == State.CANCELLED;
  }

  public boolean wasDispatched() {
    return state == State.DISPATCHED;
  }

  /**
   * Removes the event from the queue if it is still pending.
   *
   * @return whether it was pending (false if it already ran or was already cancelled)
   */
  public boolean cancel() {
    return owner.cancel(this);
  }

  void markCancelled() {
    state = State.CANCELLED;
  }

  void markDispatched() {
    state = State.DISPATCHED;
  }

  @Override
  public String toString() {
    return "#"
        + sequence
        + " "
        + label
        + " at "
        + VirtualTime.formatPrecise(timeNanos)
        + " ("
        + state.name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }
}
