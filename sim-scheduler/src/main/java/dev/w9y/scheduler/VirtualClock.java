package dev.w9y.scheduler;

/** A read-only view of virtual time, safe to hand to anything that must not advance it. */
@FunctionalInterface
public interface VirtualClock {
  /** Nanoseconds of virtual time since the start of the run. */
  long nowNanos();
}
