package dev.w9y.core.guest;

/** A guest timer; cancelling a timer that already fired does nothing. */
public interface TimerHandle {
  /** Returns whether the timer was still pending. */
  boolean cancel();
}
