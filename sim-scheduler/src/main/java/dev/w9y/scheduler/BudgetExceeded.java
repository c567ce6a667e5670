package dev.w9y.scheduler;

/** A run went past one of its {@link Budgets}: stopped with a failure instead of hanging. */
public final class BudgetExceeded extends SimulationFailure {
  private static final long serialVersionUID = 1L;

  private final Budget budget;
  private final long limit;

  BudgetExceeded(
      long seed,
      long eventIndex,
      long virtualTimeNanos,
      String eventLabel,
      Budget budget,
      long limit,
      String detail) {
    super(
        seed,
        eventIndex,
        virtualTimeNanos,
        eventLabel,
        "budget " + budget.budgetName() + " exceeded (limit " + limit + "): " + detail,
        null);
    this.budget = budget;
    this.limit = limit;
  }

  public Budget budget() {
    return budget;
  }

  public long limit() {
    return limit;
  }
}
