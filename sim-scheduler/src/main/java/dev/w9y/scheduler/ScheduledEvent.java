package dev.w9y.scheduler;

/**
 * One event in a {@link Scheduler}'s queue: an action to run at a virtual time. Events run in the
 * order (time, order key). The order key is the scheduling sequence, so events due at the same time
 * run in the order they were scheduled; when the scheduler shuffles same-time events, it is a
 * seeded random number instead (ties between equal keys then fall to the heap's own deterministic
 * mechanics).
 *
 * <p>The handle stays valid after the event runs or is cancelled, so callers can keep it to cancel
 * a timer without checking whether it already fired.
 */
public final class ScheduledEvent {
  /** {@link #heapIndex} values of events no longer in the queue. */
  static final int DISPATCHED = -1;

  static final int CANCELLED = -2;

  final long timeNanos;
  final long orderKey;
  final long sequence;
  final String label;
  final Runnable action;
  private final Scheduler owner;

  /**
   * The event's slot in the queue's heap while pending (maintained by {@link EventQueue}), else
   * {@link #DISPATCHED} or {@link #CANCELLED}: one int instead of a separate state field keeps
   * events small, which the queue's speed depends on.
   */
  int heapIndex;

  ScheduledEvent(
      Scheduler owner,
      long timeNanos,
      long orderKey,
      long sequence,
      String label,
      Runnable action) {
    this.owner = owner;
    this.timeNanos = timeNanos;
    this.orderKey = orderKey;
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

  /**
   * What orders this event among events due at the same time: its sequence, or a seeded random key
   * when the scheduler shuffles same-time events.
   */
  public long orderKey() {
    return orderKey;
  }

  /** What the event is, for traces and failure messages. */
  public String label() {
    return label;
  }

  public boolean isPending() {
    return heapIndex >= 0;
  }

  public boolean isCancelled() {
    return heapIndex == CANCELLED;
  }

  public boolean wasDispatched() {
    return heapIndex == DISPATCHED;
  }

  /**
   * Removes the event from the queue if it is still pending.
   *
   * @return whether it was pending (false if it already ran or was already cancelled)
   */
  public boolean cancel() {
    return owner.cancel(this);
  }

  @Override
  public String toString() {
    return "#"
        + sequence
        + " "
        + label
        + " at "
        + VirtualTime.formatPrecise(timeNanos)
        + (isPending() ? " (pending)" : isCancelled() ? " (cancelled)" : " (dispatched)");
  }
}
