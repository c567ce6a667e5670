package dev.w9y.scheduler;

import java.time.Duration;

/**
 * Named maxima for one run (TigerBeetle: put a limit on everything). Exceeding any of them stops
 * the run with a {@link BudgetExceeded} naming the budget, never a hang.
 */
public record Budgets(
    long maxEvents,
    long maxVirtualTimeNanos,
    long maxEventsWithoutTimeAdvance,
    int maxQueueLength) {

  /** Generous defaults: a week of virtual time, ten million events. */
  public static final Budgets DEFAULT =
      new Budgets(10_000_000L, Duration.ofDays(7).toNanos(), 100_000L, 1_000_000);

  public Budgets {
    requirePositive(Budget.MAX_EVENTS, maxEvents);
    requirePositive(Budget.MAX_VIRTUAL_TIME, maxVirtualTimeNanos);
    requirePositive(Budget.MAX_EVENTS_WITHOUT_TIME_ADVANCE, maxEventsWithoutTimeAdvance);
    requirePositive(Budget.MAX_QUEUE_LENGTH, maxQueueLength);
  }

  private static void requirePositive(Budget budget, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(budget.budgetName() + " must be positive, was " + value);
    }
  }

  public Budgets withMaxEvents(long value) {
    return new Budgets(value, maxVirtualTimeNanos, maxEventsWithoutTimeAdvance, maxQueueLength);
  }

  public Budgets withMaxVirtualTime(Duration value) {
    return new Budgets(maxEvents, value.toNanos(), maxEventsWithoutTimeAdvance, maxQueueLength);
  }

  public Budgets withMaxEventsWithoutTimeAdvance(long value) {
    return new Budgets(maxEvents, maxVirtualTimeNanos, value, maxQueueLength);
  }

  public Budgets withMaxQueueLength(int value) {
    return new Budgets(maxEvents, maxVirtualTimeNanos, maxEventsWithoutTimeAdvance, value);
  }

  /** The limit of one budget by its name. */
  public long limitOf(Budget budget) {
    return switch (budget) {
      case MAX_EVENTS -> maxEvents;
      case MAX_VIRTUAL_TIME -> maxVirtualTimeNanos;
      case MAX_EVENTS_WITHOUT_TIME_ADVANCE -> maxEventsWithoutTimeAdvance;
      case MAX_QUEUE_LENGTH -> maxQueueLength;
    };
  }
}
