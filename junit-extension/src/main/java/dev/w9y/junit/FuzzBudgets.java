package dev.w9y.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The wall-clock deadline of a fuzzing test: {@code -Dw9y.fuzz=20m} gives every simulation test
 * method 20 minutes of its own; {@code -Dw9y.fuzz.total=20m} gives the whole test run in this JVM
 * 20 minutes, shared out among its simulation test methods ({@link SharedFuzzBudget}).
 */
final class FuzzBudgets {
  static final String PER_TEST = "w9y.fuzz";

  private FuzzBudgets() {}

  /**
   * @param nanoTime on {@link System#nanoTime()}: no new seed starts after it
   * @param note for the console: how a shared budget was shared out
   */
  record Deadline(long nanoTime, Optional<String> note) {}

  static boolean requested(Properties properties) {
    return properties.getProperty(PER_TEST) != null
        || properties.getProperty(SharedFuzzBudget.PROPERTY) != null;
  }

  /** When this test stops starting new seeds, and for a shared budget a note on its share. */
  static Deadline deadline(ExtensionContext context, Properties properties) {
    String perTest = properties.getProperty(PER_TEST);
    String total = properties.getProperty(SharedFuzzBudget.PROPERTY);
    if (perTest != null && total != null) {
      throw new IllegalArgumentException(
          "set -Dw9y.fuzz (a budget for each simulation test method) or -Dw9y.fuzz.total (one"
              + " budget shared by every simulation test in the run), not both");
    }
    // Wall time by design: the budget decides which seeds start, never what happens in one.
    long now = System.nanoTime();
    if (perTest != null) {
      return new Deadline(now + Durations.parse(perTest, PER_TEST), Optional.empty());
    }
    long totalNanos = Durations.parse(total, SharedFuzzBudget.PROPERTY);
    Class<?> testClass = context.getRequiredTestClass();
    Method method = context.getRequiredTestMethod();
    List<String> classTests = new ArrayList<>();
    for (Method declared : testClass.getDeclaredMethods()) {
      if (declared.isAnnotationPresent(W9ySimulation.class)) {
        classTests.add(testClass.getName() + "#" + declared.getName());
      }
    }
    SharedFuzzBudget.Share share =
        SharedFuzzBudget.jvm()
            .start(testClass.getName() + "#" + method.getName(), classTests, totalNanos, now);
    String note =
        "W9Y fuzz "
            + testClass.getSimpleName()
            + "#"
            + method.getName()
            + ": fuzzing for "
            + Durations.format(share.nanos())
            + ", its share of -Dw9y.fuzz.total="
            + total.strip()
            + " ("
            + Durations.format(share.leftNanos())
            + " left for "
            + share.testsLeft()
            + (share.testsLeft() == 1 ? " simulation test" : " simulation tests")
            + " in this JVM)";
    return new Deadline(share.deadlineNanos(), Optional.of(note));
  }
}
