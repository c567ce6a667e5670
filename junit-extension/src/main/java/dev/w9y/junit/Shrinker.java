package dev.w9y.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin) over a failing run's fault events: finds a small set of them
 * that still makes the run fail when every other fault is switched off. Bounded by a number of
 * replays; when the budget runs out, the smallest failing set found so far is the answer.
 */
final class Shrinker {
  private final Predicate<List<String>> stillFails;
  private final int maxAttempts;
  private int attempts;

  Shrinker(Predicate<List<String>> stillFails, int maxAttempts) {
    this.stillFails = stillFails;
    this.maxAttempts = maxAttempts;
  }

  int attempts() {
    return attempts;
  }

  /** Counts one replay spent outside {@link #shrink} (workload reduction) against the budget. */
  void charge() {
    attempts++;
  }

  boolean budgetExhausted() {
    return attempts >= maxAttempts;
  }

  /**
   * A subset of {@code faults} (which must fail) that still fails, 1-minimal if the budget allows.
   */
  List<String> shrink(List<String> faults) {
    if (test(List.of())) {
      return List.of(); // fails with no faults at all
    }
    List<String> current = new ArrayList<>(faults);
    int granularity = 2;
    while (current.size() >= 2 && !budgetExhausted()) {
      List<List<String>> chunks = split(current, granularity);
      boolean reduced = false;
      for (List<String> chunk : chunks) {
        if (test(chunk)) {
          current = new ArrayList<>(chunk);
          granularity = 2;
          reduced = true;
          break;
        }
      }
      if (!reduced && granularity > 2) {
        for (List<String> chunk : chunks) {
          List<String> complement = new ArrayList<>(current);
          complement.removeAll(chunk);
          if (test(complement)) {
            current = complement;
            granularity = Math.max(granularity - 1, 2);
            reduced = true;
            break;
          }
        }
      }
      if (!reduced) {
        if (granularity >= current.size()) {
          break;
        }
        granularity = Math.min(granularity * 2, current.size());
      }
    }
    return current;
  }

  private boolean test(List<String> keep) {
    if (budgetExhausted()) {
      return false;
    }
    attempts++;
    return stillFails.test(keep);
  }

  private static List<List<String>> split(List<String> items, int parts) {
    List<List<String>> chunks = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < parts; i++) {
      int end = start + (items.size() - start) / (parts - i);
      chunks.add(new ArrayList<>(items.subList(start, end)));
      start = end;
    }
    chunks.removeIf(List::isEmpty);
    return chunks;
  }
}
