package dev.w9y.junit;

import dev.w9y.core.Simulation;
import dev.w9y.scheduler.Ratio;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Seed sweeps without JUnit: runs seeds on several threads (one simulation per thread at a time,
 * nothing shared but immutable code), shrinks failures, checks a share of seeds for determinism by
 * building and running them twice, and stops at a wall-clock budget. For fuzz jobs in a main method
 * or another test framework. While it runs, progress lines (seeds done, failures, seeds/s, the
 * budget left) and at the end the summary go to the console as {@link W9ySimulation} sweeps' do
 * ({@code -Dw9y.progress}, {@code -Dw9y.console}; see there).
 */
public final class Simulations {
  private Simulations() {}

  /**
   * What a sweep found.
   *
   * @param seedsRun seeds run, not counting the determinism check's second runs
   * @param sometimesCoverage each {@code sometimes} check reached and in how many seeds it fired
   */
  public record SweepResult(
      long seedsRun,
      List<SeedRunner.Outcome> failures,
      List<String> nondeterminism,
      double seconds,
      String summary,
      java.util.Map<String, Integer> sometimesCoverage) {
    public double seedsPerSecond() {
      return seedsRun / Math.max(seconds, 1e-9);
    }

    public boolean passed() {
      return failures.isEmpty() && nondeterminism.isEmpty();
    }
  }

  /**
   * Runs {@code seeds} (in order of submission; results may finish out of order) until they run out
   * or {@code budgetNanos} of wall-clock time has passed.
   *
   * @param simulationForSeed builds a fresh simulation for a seed (called twice for seeds under the
   *     determinism check, so state it captures is fresh each time)
   */
  public static SweepResult sweep(
      String testId,
      LongFunction<Simulation> simulationForSeed,
      Stream<Long> seeds,
      SeedRunner runner,
      int threads,
      Ratio determinismCheck,
      long budgetNanos) {
    return sweep(
        testId,
        simulationForSeed,
        seeds,
        runner,
        threads,
        determinismCheck,
        budgetNanos,
        Bounds.UNBOUNDED);
  }

  /**
   * How far a sweep goes after failures: it starts no new seed once {@code stopAfterFailures} seeds
   * have failed (0: never stops early; 1: stop at the first failure), and shrinks the fault
   * schedules of the first {@code maxShrunk} failures only (the rest are reported with their whole
   * schedule; shrinking costs many replays per failure).
   */
  public record Bounds(int stopAfterFailures, int maxShrunk) {
    public static final Bounds UNBOUNDED = new Bounds(0, Integer.MAX_VALUE);

    /** Stop at the first failure and shrink it. */
    public static final Bounds FIRST_FAILURE = new Bounds(1, 1);

    public Bounds {
      if (stopAfterFailures < 0 || maxShrunk < 0) {
        throw new IllegalArgumentException(
            "sweep bounds must not be negative: stopAfterFailures="
                + stopAfterFailures
                + ", maxShrunk="
                + maxShrunk);
      }
    }
  }

  /** As the other {@code sweep}, within {@code bounds}. */
  public static SweepResult sweep(
      String testId,
      LongFunction<Simulation> simulationForSeed,
      Stream<Long> seeds,
      SeedRunner runner,
      int threads,
      Ratio determinismCheck,
      long budgetNanos,
      Bounds bounds) {
    return sweep(
        testId,
        simulationForSeed,
        seeds,
        runner,
        threads,
        determinismCheck,
        budgetNanos,
        bounds,
        -1);
  }

  /**
   * As the other {@code sweep}; {@code expectedSeeds} (or -1 when unknown) is how many seeds {@code
   * seeds} holds, for the progress line's time left.
   */
  public static SweepResult sweep(
      String testId,
      LongFunction<Simulation> simulationForSeed,
      Stream<Long> seeds,
      SeedRunner runner,
      int threads,
      Ratio determinismCheck,
      long budgetNanos,
      Bounds bounds,
      int expectedSeeds) {
    // Wall time around the sweep only (its budget and the summary's seeds/s), never inside a run.
    long start = System.nanoTime();
    long deadline = budgetNanos <= 0 ? Long.MAX_VALUE : start + budgetNanos;
    SweepSummary summary =
        new SweepSummary(
            testId,
            start,
            System::nanoTime,
            SweepConsole.fromProperties(System.getProperties(), start));
    if (budgetNanos > 0) {
      summary.until(deadline);
    }
    if (expectedSeeds >= 0) {
      summary.expecting(expectedSeeds);
    }
    List<SeedRunner.Outcome> failures = new ArrayList<>();
    // Failures as runs end, for the bound on failures: with several threads a failing seed may
    // finish a little after others started, so the bound stops new seeds, not running ones.
    AtomicInteger failed = new AtomicInteger();
    // Which failures are shrunk and the order of the report must not depend on the number of
    // threads: with one thread the first failures (in seed order) shrink as they run; with more,
    // seeds run unshrunk and the first failures in seed order are shrunk once their turn comes
    // below (a re-run of the seed, which is a function of its seed, then the shrinking).
    boolean shrinkInline = threads == 1;
    AtomicInteger shrinkSlots = new AtomicInteger(bounds.maxShrunk());
    LongFunction<SeedRunner.Outcome[]> runSeed =
        seed -> {
          if (bounds.stopAfterFailures() > 0 && failed.get() >= bounds.stopAfterFailures()) {
            return null; // started before the bound was reached: not run, not counted
          }
          SeedRunner.Outcome outcome =
              runner.run(
                  simulationForSeed.apply(seed),
                  seed,
                  false,
                  false,
                  shrinkInline && shrinkSlots.get() > 0);
          if (shrinkInline && !outcome.passed() && outcome.shrunkFaults().isPresent()) {
            shrinkSlots.decrementAndGet();
          }
          if (!outcome.passed()) {
            failed.incrementAndGet();
          }
          summary.add(outcome.result(), !outcome.passed(), false);
          SeedRunner.Outcome again = null;
          if (SeedRunner.checksDeterminism(seed, determinismCheck)) {
            again = runner.run(simulationForSeed.apply(seed), seed, true, false);
            summary.add(again.result(), !again.passed(), true);
            if (!again.result().traceSha256().equals(outcome.result().traceSha256())) {
              summary.nondeterministic();
            }
          }
          return new SeedRunner.Outcome[] {outcome, again};
        };
    List<String> nondeterminism = new ArrayList<>();
    Iterator<Long> bounded = stoppingAfterFailures(seeds.iterator(), failed, bounds);
    try (SeedPool<SeedRunner.Outcome[]> pool =
        new SeedPool<>(bounded, runSeed, threads, deadline)) {
      // SeedPool hands the seeds back in the order they were taken, whatever order they end in.
      pool.forEachRemaining(
          done -> {
            if (done.value() == null) {
              return;
            }
            SeedRunner.Outcome outcome = done.value()[0];
            SeedRunner.Outcome again = done.value()[1];
            if (!outcome.passed()) {
              if (!shrinkInline && shrinkSlots.get() > 0) {
                SeedRunner.Outcome shrunk =
                    runner.run(
                        simulationForSeed.apply(done.seed()), done.seed(), false, false, true);
                if (shrunk.shrunkFaults().isPresent()) {
                  shrinkSlots.decrementAndGet();
                }
                outcome = shrunk;
              }
              failures.add(outcome);
            }
            if (again != null
                && !again.result().traceSha256().equals(outcome.result().traceSha256())) {
              nondeterminism.add(
                  "seed "
                      + done.seed()
                      + ": two runs gave traces "
                      + outcome.result().traceSha256()
                      + " and "
                      + again.result().traceSha256());
            }
          });
    }
    long end = System.nanoTime();
    String text = summary.finish();
    return new SweepResult(
        summary.seeds(),
        List.copyOf(failures),
        List.copyOf(nondeterminism),
        (end - start) / 1e9,
        text,
        summary.coverage());
  }

  /** {@code seeds}, ending once {@code failed} reaches the bound's number of failures. */
  private static Iterator<Long> stoppingAfterFailures(
      Iterator<Long> seeds, AtomicInteger failed, Bounds bounds) {
    if (bounds.stopAfterFailures() == 0) {
      return seeds;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return failed.get() < bounds.stopAfterFailures() && seeds.hasNext();
      }

      @Override
      public Long next() {
        return seeds.next();
      }
    };
  }
}
