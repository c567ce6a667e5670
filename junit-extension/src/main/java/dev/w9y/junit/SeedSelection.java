package dev.w9y.junit;

import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

/**
 * Which seeds a simulation test runs, from system properties, the annotation and the regression
 * corpus. Pure: the same inputs give the same seeds on every machine.
 */
public final class SeedSelection {
  /** Derived seeds are drawn below this, so they stay short enough to type. */
  static final long DERIVED_SEED_BOUND = 1_000_000_000L;

  private SeedSelection() {}

  /**
   * The seeds to run, corpus seeds first, without duplicates.
   *
   * @param testId {@code Class#method}: derived seeds depend on it
   * @param count the annotation's count
   * @param explicit the annotation's explicit seeds
   * @param corpus seeds that failed before
   * @param properties {@code seed} and {@code w9y.seeds} override the rest
   */
  public static List<Long> select(
      String testId, int count, long[] explicit, List<Long> corpus, Properties properties) {
    String only = properties.getProperty("seed");
    if (only != null && !only.isBlank()) {
      return List.of(parse(only, "seed"));
    }
    String override = properties.getProperty("w9y.seeds");
    int wanted =
        override == null || override.isBlank() ? count : (int) parse(override, "w9y.seeds");
    LinkedHashSet<Long> seeds = new LinkedHashSet<>(corpus);
    if (explicit.length > 0 && override == null) {
      for (long seed : explicit) {
        seeds.add(seed);
      }
    } else {
      seeds.addAll(derived(testId, wanted));
    }
    return new ArrayList<>(seeds);
  }

  /** The first {@code count} seeds derived from the test's id. */
  public static List<Long> derived(String testId, int count) {
    RandomStream stream = RandomStream.root(RandomStream.deriveSeed(0, "w9y.junit/" + testId));
    List<Long> seeds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      seeds.add(stream.nextLong(DERIVED_SEED_BOUND));
    }
    return seeds;
  }

  private static long parse(String text, String property) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + property + " must be a whole number, was '" + text + "'", e);
    }
  }
}
