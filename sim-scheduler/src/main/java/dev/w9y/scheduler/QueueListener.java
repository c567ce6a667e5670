package dev.w9y.scheduler;

/**
 * Observes a {@link Scheduler}'s queue changing other than by dispatch: an event scheduled, an
 * event cancelled. A time-travel debugger keeps the pending list per event from these without
 * copying the queue after every event (a workload that schedules its 150,000 requests up front has
 * that many pending). A listener must only read.
 */
public interface QueueListener {
  /** {@code event} joined the queue. */
  void scheduled(ScheduledEvent event);

  /** {@code event} left the queue without running. */
  void cancelled(ScheduledEvent event);
}
