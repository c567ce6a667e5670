package dev.w9y.junit;

import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

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
    return derivedSeeds(testId).limit(count).toList();
  }

  /** Every seed derived from the test's id, in order, without end (fuzz mode takes from it). */
  public static Stream<Long> derivedSeeds(String testId) {
    RandomStream stream = RandomStream.root(RandomStream.deriveSeed(0, "w9y.junit/" + testId));
    return Stream.generate(() -> stream.nextLong(DERIVED_SEED_BOUND));
  }

  /**
   * A shard {@code index/count} of the seed space ({@code -Dw9y.shard=3/16}, index from 0, as a
   * Kubernetes Indexed Job's completion index): keeps the seeds at positions {@code index}, {@code
   * index + count}, ... so the shards partition the seeds exactly.
   */
  public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "-Dw9y.shard must be index/count with 0 <= index < count, was " + index + "/" + count);
      }
    }

    public static Shard parse(String text) {
      if (text == null || text.isBlank()) {
        return ALL;
      }
      int slash = text.indexOf('/');
      int index;
      int count;
      try {
        index = Integer.parseInt(text.substring(0, slash).strip());
        count = Integer.parseInt(text.substring(slash + 1).strip());
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new IllegalArgumentException(
            "-Dw9y.shard must look like 3/16 (index/count, index from 0), was '" + text + "'", e);
      }
      return new Shard(index, count);
    }

    /** The seeds of this shard, in order. */
    public Stream<Long> of(Stream<Long> seeds) {
      long[] position = {0};
      return seeds.filter(seed -> position[0]++ % count == index);
    }
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
