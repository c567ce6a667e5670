package dev.w9y.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides how a {@link Scheduler} orders and limits a run. Immutable; {@link
 * #describe()} lists every option, seed first, for run headers and traces.
 *
 * @param seed the root of every random stream in the run
 * @param budgets the named maxima of the run
 * @param shuffleSameTimeEvents whether events sharing a virtual time run in a seeded random order
 *     (exploring other legal orders) instead of the order they were scheduled in
 */
public record SchedulerConfig(long seed, Budgets budgets, boolean shuffleSameTimeEvents) {

  public SchedulerConfig {
    if (budgets == null) {
      throw new IllegalArgumentException("budgets must not be null");
    }
  }

  /** Default budgets, same-time events in scheduling order. */
  public static SchedulerConfig of(long seed) {
    return new SchedulerConfig(seed, Budgets.DEFAULT, false);
  }

  public SchedulerConfig withBudgets(Budgets value) {
    return new SchedulerConfig(seed, value, shuffleSameTimeEvents);
  }

  public SchedulerConfig withShuffleSameTimeEvents(boolean value) {
    return new SchedulerConfig(seed, budgets, value);
  }

  /** Every option by name in a fixed order, seed first. */
  public Map<String, String> describe() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("seed", Long.toString(seed));
    options.put("shuffleSameTimeEvents", Boolean.toString(shuffleSameTimeEvents));
    for (Budget budget : Budget.values()) {
      options.put(budget.budgetName(), Long.toString(budgets.limitOf(budget)));
    }
    return options;
  }
}
