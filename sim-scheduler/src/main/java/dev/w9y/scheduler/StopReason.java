package dev.w9y.scheduler;

/** Why a call to run, runUntil, runFor or resume returned. Failures throw instead. */
public enum StopReason {
  /** No event is pending. */
  QUIESCENT,
  /** The runUntil condition became true. */
  CONDITION_MET,
  /** The runFor duration has passed in virtual time. */
  DEADLINE_REACHED,
  /** An event called {@link Scheduler#pause()}. */
  PAUSED
}
