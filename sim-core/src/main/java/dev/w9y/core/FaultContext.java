package dev.w9y.core;

import dev.w9y.scheduler.RandomStream;
import java.util.Map;

/**
 * What fault injectors get from a run: their own seeded streams, the clock, the world (to crash and
 * restart instances), timed events, and the trace, where every injected fault is recorded with the
 * decision behind it so that a run can be replayed with chosen faults switched off.
 */
public interface FaultContext {
  /** The stream {@code faults/<name>}: independent of every other consumer's draws. */
  RandomStream random(String name);

  long nowNanos();

  World world();

  /** Records a fault decision ({@code actor = "faults"}) in the current event. */
  void record(String kind, Map<String, Object> details);

  /** Schedules a timed fault action (a partition starting, a crash) as a traced event. */
  void schedule(long delayNanos, String kind, Map<String, Object> details, Runnable action);
}
