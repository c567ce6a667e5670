package dev.w9y.core.clock;

/**
 * Where clock faults act: the clocks a service's guest reads, never the scheduler's virtual time,
 * which stays monotonic. The defaults read true virtual time.
 */
public interface ClockHooks {
  ClockHooks NONE = new ClockHooks() {};

  /**
   * The monotonic clock (performance.now) of {@code service} at true virtual time {@code
   * virtualNanos}. Must never go backwards for one service.
   */
  default long monotonicNanos(String service, long virtualNanos) {
    return virtualNanos;
  }

  /** The wall clock (Date.now) of {@code service}; may jump forwards and backwards. */
  default long epochMillis(String service, long trueEpochMillis, long virtualNanos) {
    return trueEpochMillis;
  }

  /** Ends every clock fault for the liveness phase. */
  default void heal() {}
}
