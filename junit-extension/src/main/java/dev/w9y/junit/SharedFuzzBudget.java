package dev.w9y.junit;

import java.util.Collection;
import java.util.TreeSet;

/**
 * {@code -Dw9y.fuzz.total=20m}: one fuzz budget for every simulation test of a test run in this JVM
 * (one Surefire fork), instead of {@code -Dw9y.fuzz}'s budget for each test method.
 *
 * <p>The deadline is set when the first simulation test starts fuzzing: start + total. Each
 * simulation test, as it starts, gets an equal share of the time left until that deadline among the
 * simulation tests not yet started, itself included. A test that ends early (or other tests run in
 * between) leaves its time to the ones after it; the last one runs to the deadline. Which tests
 * will run comes from the test plan ({@link W9yTestPlanListener}, registered with the JUnit
 * Platform launcher, as Surefire, Gradle and IDEs use it); without it (a launcher with listener
 * auto-detection off, or the engine run directly) a test counts the simulation methods of its own
 * class.
 *
 * <p>Only wall time is shared out here, between simulations: it decides which seeds start, never
 * what happens inside one.
 */
final class SharedFuzzBudget {
  static final String PROPERTY = "w9y.fuzz.total";

  private static final SharedFuzzBudget JVM = new SharedFuzzBudget();

  private final TreeSet<String> planned = new TreeSet<>();
  private final TreeSet<String> started = new TreeSet<>();
  private boolean plannedByLauncher;
  private long deadlineNanos;
  private boolean deadlineSet;

  /** One test's share of the budget. */
  record Share(long nanos, long deadlineNanos, long leftNanos, int testsLeft) {}

  static SharedFuzzBudget jvm() {
    return JVM;
  }

  /** The simulation tests of the test plan about to run ({@code Class#method}, class by name). */
  synchronized void plan(Collection<String> testIds) {
    reset();
    planned.addAll(testIds);
    plannedByLauncher = true;
  }

  /** Forgets the run (at the end of a test plan). */
  synchronized void reset() {
    planned.clear();
    started.clear();
    plannedByLauncher = false;
    deadlineSet = false;
  }

  /**
   * The share of a test starting now.
   *
   * @param testId {@code Class#method} of the starting test
   * @param classTests the simulation tests of its class, counted when no test plan was seen
   * @param totalNanos the whole run's budget
   * @param nowNanos wall time now, on the clock the deadline is on
   */
  synchronized Share start(
      String testId, Collection<String> classTests, long totalNanos, long nowNanos) {
    if (!deadlineSet) {
      deadlineSet = true;
      deadlineNanos = nowNanos + totalNanos;
    }
    if (!plannedByLauncher) {
      planned.addAll(classTests);
    }
    planned.add(testId);
    started.add(testId);
    int left = 1;
    for (String test : planned) {
      if (!started.contains(test)) {
        left++;
      }
    }
    long timeLeft = Math.max(0, deadlineNanos - nowNanos);
    long share = timeLeft / left;
    return new Share(share, nowNanos + share, timeLeft, left);
  }
}
