package dev.w9y.core.storage;

/**
 * Where fault injection acts on durable-object storage. The world asks before every write batch
 * becomes durable; a failed write breaks the object's output gate as in production: outputs waiting
 * on it are discarded and the object restarts from its last durable state.
 */
public interface StorageHooks {
  StorageHooks NONE = new StorageHooks() {};

  /**
   * Whether the write batch {@code batch} (1, 2, ... per object life) of the object {@code actor}
   * fails instead of becoming durable.
   */
  default boolean failWrite(String actor, long batch) {
    return false;
  }

  /**
   * Whether the object crashes right after write batch {@code batch} became durable, before the
   * outputs waiting on it leave: the write survives, its acknowledgement does not.
   */
  default boolean crashAfterWrite(String actor, long batch) {
    return false;
  }

  /** Extra latency for a storage operation of {@code actor}, in nanoseconds. */
  default long extraLatencyNanos(String actor, boolean write) {
    return 0;
  }

  /** Extra delay before an alarm of {@code actor} fires, in nanoseconds. */
  default long alarmDelayNanos(String actor) {
    return 0;
  }

  /** Whether an alarm of {@code actor} is delivered a second time (at-least-once delivery). */
  default boolean alarmTwice(String actor) {
    return false;
  }

  /**
   * Whether the workflow engine crashes after step {@code step} of workflow instance {@code actor}
   * ran (its side effects happened) and before its result became durable: the engine re-runs the
   * instance from the start and the step runs again.
   */
  default boolean workflowCrashBeforeCheckpoint(String actor, String step) {
    return false;
  }

  /**
   * Whether attempt {@code attempt} of step {@code step} of workflow instance {@code actor} fails
   * without running (an infrastructure failure): the step's retry policy applies.
   */
  default boolean workflowStepFailure(String actor, String step, long attempt) {
    return false;
  }

  /** Extra delay before a sleeping workflow instance {@code actor} wakes, in nanoseconds. */
  default long workflowWakeupDelayNanos(String actor) {
    return 0;
  }

  /** Ends every storage fault for the liveness phase. */
  default void heal() {}
}
