package dev.w9y.scheduler;

/**
 * Observes every event a {@link Scheduler} dispatches, just before its action runs and after the
 * clock has moved to its time. The trace hangs off this hook. A listener that throws fails the run
 * at that event, exactly as if the event's action had thrown.
 */
@FunctionalInterface
public interface DispatchListener {
  /**
   * @param index the event's 0-based position in dispatch order
   * @param event the event about to run
   */
  void onDispatch(long index, ScheduledEvent event);
}
