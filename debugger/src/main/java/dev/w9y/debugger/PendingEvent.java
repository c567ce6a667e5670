package dev.w9y.debugger;

import dev.w9y.scheduler.VirtualTime;
import java.util.Comparator;

/**
 * An event waiting in the scheduler, as the state keeps it: when, its tie-break order and label.
 * Not the scheduler's handle, which holds the event's action and through it guest objects.
 */
record PendingEvent(long timeNanos, long orderKey, long sequence, String label) {
  /** The scheduler's order: time, then the (possibly shuffled) order key, then sequence. */
  static final Comparator<Object> ORDER =
      Comparator.comparingLong((Object o) -> ((PendingEvent) o).timeNanos)
          .thenComparingLong(o -> ((PendingEvent) o).orderKey)
          .thenComparingLong(o -> ((PendingEvent) o).sequence);

  @Override
  public String toString() {
    return VirtualTime.formatPrecise(timeNanos) + " " + label;
  }
}
