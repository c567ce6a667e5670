package dev.w9y.core;

import dev.w9y.core.trace.TraceRecord;
import dev.w9y.scheduler.ScheduledEvent;

/**
 * Sees a run as it happens, without changing it: a debugger's recorder builds its time-travel model
 * from these calls. An observer must only read (the world, the records); anything it schedules,
 * draws or mutates would make the observed run differ from the unobserved one.
 */
public interface RunObserver {
  /** Event {@code index} is about to run (so event {@code index - 1} has finished). */
  default void eventStarting(long index, ScheduledEvent event) {}

  /** An event joined the queue (the run's setup schedules some before event 0). */
  default void scheduled(ScheduledEvent event) {}

  /** An event left the queue without running (a cleared timer, a superseded alarm). */
  default void cancelled(ScheduledEvent event) {}

  /**
   * A trace record was written. {@code cause} is the id of the request whose handling wrote it (for
   * {@code request.sent}: the request the sender was handling when it called fetch), or null
   * outside any request (the workload, timers of a cron, the world's own events).
   */
  default void recorded(TraceRecord record, String cause) {}
}
