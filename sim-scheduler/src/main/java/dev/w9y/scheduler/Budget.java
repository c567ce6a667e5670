package dev.w9y.scheduler;

/** The limits a run is held to; each has a stable name that appears in failures and options. */
public enum Budget {
  /** Total events dispatched in one run. */
  MAX_EVENTS("maxEvents"),
  /** How far virtual time may advance. */
  MAX_VIRTUAL_TIME("maxVirtualTimeNanos"),
  /**
   * Consecutive events at one virtual time: more means a livelock (work that never lets time pass).
   */
  MAX_EVENTS_WITHOUT_TIME_ADVANCE("maxEventsWithoutTimeAdvance"),
  /** Events pending at once: more means a runaway producer. */
  MAX_QUEUE_LENGTH("maxQueueLength");

  private final String budgetName;

  Budget(String budgetName) {
    this.budgetName = budgetName;
  }

  /** The name used in failure messages and printed options. */
  public String budgetName() {
    return budgetName;
  }
}
