package dev.w9y.junit;

import dev.w9y.core.Simulation;
import dev.w9y.scheduler.Ratio;
import java.util.ArrayList;
import java.util.List;
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
   */
  public record SweepResult(
      long seedsRun,
      List<SeedRunner.Outcome> failures,
      List<String> nondeterminism,
      double seconds,
      String summary) {
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
    List<SeedRunner.Outcome> failures = new ArrayList<>();
    List<String> nondeterminism = new ArrayList<>();
    LongFunction<Void> runSeed =
        seed -> {
          SeedRunner.Outcome outcome = runner.run(simulationForSeed.apply(seed), seed);
          summary.add(outcome.result(), !outcome.passed(), false);
          String difference = null;
          if (SeedRunner.checksDeterminism(seed, determinismCheck)) {
            SeedRunner.Outcome again = runner.run(simulationForSeed.apply(seed), seed, true, false);
            summary.add(again.result(), !again.passed(), true);
            if (!again.result().traceSha256().equals(outcome.result().traceSha256())) {
              summary.nondeterministic();
              difference =
                  "seed "
                      + seed
                      + ": two runs gave traces "
                      + outcome.result().traceSha256()
                      + " and "
                      + again.result().traceSha256();
            }
          }
          synchronized (failures) {
            if (!outcome.passed()) {
              failures.add(outcome);
            }
            if (difference != null) {
              nondeterminism.add(difference);
            }
          }
          return null;
        };
    try (SeedPool<Void> pool = new SeedPool<>(seeds.iterator(), runSeed, threads, deadline)) {
      pool.forEachRemaining(done -> {});
    }
    long end = System.nanoTime();
    String text = summary.finish();
    SweepResult result;
    synchronized (failures) {
      result =
          new SweepResult(
              summary.seeds(),
              List.copyOf(failures),
              List.copyOf(nondeterminism),
              (end - start) / 1e9,
              text);
    }
    return result;
  }
}
