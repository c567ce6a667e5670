package dev.w9y.junit;

import dev.w9y.core.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What a sweep of seeds did for one test: seeds run, determinism re-runs (counted apart), failures,
 * speed, and the {@code sometimes} coverage table (in how many seeds each check fired). A {@code
 * sometimes} check that was reached but never fired in any seed means the sweep never explored what
 * it was meant to: that fails the sweep. While the sweep runs it shows progress on its {@link
 * SweepConsole}: seeds done, failures, seeds/s, and the time left (estimated for a counted sweep,
 * the rest of the budget for fuzzing). Safe to update from parallel simulations.
 *
 * <p>The clock is wall time, read between seeds for people only (progress, seeds/s, the summary);
 * no simulation reads it.
 */
final class SweepSummary implements AutoCloseable {
  private final String testId;
  private final long startNanos;
  private final LongSupplier clock;
  private final SweepConsole console;
  private int expectedSeeds = -1;
  private long deadlineNanos = Long.MAX_VALUE;
  private int seeds;
  private int reruns;
  private int failures;
  private int nondeterministic;
  private final TreeMap<String, Integer> firedInSeeds = new TreeMap<>();
  // Contract-driven workloads: operation -> status -> seeds in which it answered that status.
  private final TreeMap<String, TreeMap<String, Integer>> answeredInSeeds = new TreeMap<>();
  private final TreeMap<Long, SimulationResult> waitingTwins = new TreeMap<>();

  /**
   * @param clock wall time in nanoseconds ({@code System::nanoTime}); {@code startNanos} is on it
   */
  SweepSummary(String testId, long startNanos, LongSupplier clock, SweepConsole console) {
    this.testId = testId;
    this.startNanos = startNanos;
    this.clock = clock;
    this.console = console;
  }

  /** A counted sweep: how many seeds it will run (re-runs not counted), for its time left. */
  synchronized SweepSummary expecting(int seedCount) {
    this.expectedSeeds = seedCount;
    return this;
  }

  /** A fuzz sweep: the wall-clock time (on the clock) after which no new seed starts. */
  synchronized SweepSummary until(long deadline) {
    this.deadlineNanos = deadline;
    return this;
  }

  /** Seeds run, not counting the determinism check's second runs. */
  synchronized int seeds() {
    return seeds;
  }

  synchronized int reruns() {
    return reruns;
  }

  /** A note on the console, on a line of its own (e.g. how a fuzz budget was shared). */
  void note(String text) {
    console.message(text);
  }

  /**
   * Counts one run. A determinism re-run counts as a re-run, not as a seed, and does not count
   * towards {@code sometimes} coverage (its seed already did).
   */
  synchronized void add(SimulationResult result, boolean failed, boolean rerun) {
    if (rerun) {
      reruns++;
    } else {
      seeds++;
      if (failed) {
        failures++;
      }
      for (Map.Entry<String, Long> check : result.sometimes().entrySet()) {
        firedInSeeds.merge(check.getKey(), check.getValue() > 0 ? 1 : 0, Integer::sum);
      }
      result
          .contractCoverage()
          .forEach(
              (operation, statuses) ->
                  statuses.forEach(
                      (status, count) ->
                          answeredInSeeds
                              .computeIfAbsent(operation, key -> new TreeMap<>())
                              .merge(status, count > 0 ? 1 : 0, Integer::sum)));
    }
    long now = clock.getAsLong();
    if (console.progressDue(now)) {
      console.progress(progressLine(now), now);
    }
  }

  /** Counts a seed whose two runs gave different traces. */
  synchronized void nondeterministic() {
    nondeterministic++;
  }

  /**
   * Hands over one of the two runs of a seed under the determinism check: returns the other run if
   * it has already arrived, else keeps this one and returns null.
   */
  synchronized SimulationResult twin(long seed, SimulationResult result) {
    SimulationResult other = waitingTwins.remove(seed);
    if (other == null) {
      waitingTwins.put(seed, result);
    }
    return other;
  }

  /** Each {@code sometimes} check reached so far and in how many seeds it fired, by name. */
  synchronized Map<String, Integer> coverage() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(firedInSeeds));
  }

  synchronized List<String> neverFired() {
    List<String> never = new ArrayList<>();
    firedInSeeds.forEach(
        (name, count) -> {
          if (count == 0) {
            never.add(name);
          }
        });
    return never;
  }

  private String kind() {
    return deadlineNanos == Long.MAX_VALUE ? "sweep" : "fuzz";
  }

  private String counts(boolean ofExpected) {
    StringBuilder out = new StringBuilder();
    out.append(seeds);
    if (ofExpected && expectedSeeds >= 0) {
      out.append('/').append(expectedSeeds);
    }
    out.append(seeds == 1 && !(ofExpected && expectedSeeds >= 0) ? " seed" : " seeds");
    if (reruns > 0) {
      out.append(" (+")
          .append(reruns)
          .append(reruns == 1 ? " re-run" : " re-runs")
          .append(ofExpected ? "" : " for the determinism check")
          .append(')');
    }
    out.append(", ").append(failures).append(" failed");
    if (nondeterministic > 0) {
      out.append(", ").append(nondeterministic).append(" nondeterministic");
    }
    return out.toString();
  }

  /** The live line: seeds done, failures, speed, time left. */
  synchronized String progressLine(long nowNanos) {
    long elapsed = Math.max(1, nowNanos - startNanos);
    StringBuilder out = new StringBuilder();
    out.append("W9Y ").append(kind()).append(' ').append(testId).append(": ");
    out.append(counts(true));
    if (seeds > 0) {
      out.append(", ").append(rate(seeds, elapsed));
    }
    if (!firedInSeeds.isEmpty()) {
      long fired = firedInSeeds.values().stream().filter(count -> count > 0).count();
      out.append(", sometimes ").append(fired).append('/').append(firedInSeeds.size());
    }
    if (deadlineNanos != Long.MAX_VALUE) {
      out.append(", ").append(Durations.format(deadlineNanos - nowNanos)).append(" of budget left");
    } else if (expectedSeeds >= 0 && seeds > 0) {
      long left = (long) ((double) elapsed / seeds * Math.max(0, expectedSeeds - seeds));
      out.append(", about ").append(Durations.format(left)).append(" left");
    }
    return out.toString();
  }

  /** The summary: seeds (re-runs apart), failures, wall time, speed, {@code sometimes} coverage. */
  synchronized String describe(long nowNanos) {
    long elapsed = Math.max(1, nowNanos - startNanos);
    StringBuilder out = new StringBuilder();
    out.append("W9Y ").append(kind()).append(' ').append(testId).append(": ");
    out.append(counts(false)).append(", ").append(Durations.format(elapsed));
    if (seeds > 0) {
      out.append(", ").append(rate(seeds, elapsed));
    }
    out.append('\n');
    if (!firedInSeeds.isEmpty()) {
      out.append("  sometimes coverage (seeds in which the check fired):\n");
      firedInSeeds.forEach(
          (name, count) ->
              out.append(
                  String.format(
                      Locale.ROOT,
                      "    %5d/%-5d %s%s%n",
                      count,
                      seeds,
                      name,
                      count == 0 ? "   <- NEVER" : "")));
    }
    if (!answeredInSeeds.isEmpty()) {
      out.append(
          "  contract coverage (statuses each operation answered; seeds in which it did):\n");
      answeredInSeeds.forEach(
          (operation, statuses) ->
              out.append("    ").append(coverageLine(operation, statuses, seeds)).append('\n'));
    }
    return out.toString();
  }

  /**
   * {@code inventory: operation POST /orders returned 201 and 409, never 422 (201 in 20/20 seeds,
   * 409 in 3/20)}: the statuses an operation answered in any seed, then the declared ones it never
   * answered.
   */
  static String coverageLine(String operation, Map<String, Integer> statuses, int seeds) {
    List<String> returned = new ArrayList<>();
    List<String> never = new ArrayList<>();
    List<String> inSeeds = new ArrayList<>();
    statuses.forEach(
        (status, count) -> {
          if (count > 0) {
            returned.add(status);
            inSeeds.add(
                status + " in " + count + "/" + seeds + (inSeeds.isEmpty() ? " seeds" : ""));
          } else {
            never.add(status);
          }
        });
    StringBuilder line = new StringBuilder(operation);
    line.append(returned.isEmpty() ? " returned nothing" : " returned " + and(returned));
    if (!never.isEmpty()) {
      line.append(", never ").append(and(never));
    }
    if (!inSeeds.isEmpty()) {
      line.append(" (").append(String.join(", ", inSeeds)).append(')');
    }
    return line.toString();
  }

  private static String and(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /**
   * Seeds per second with digits that mean something at every speed: {@code 1234 seeds/s}, {@code
   * 4.2 seeds/s}, and below one a second the time per seed ({@code 6.5 s per seed}), never {@code 0
   * seeds/s}.
   */
  static String rate(int seeds, long elapsedNanos) {
    double perSecond = seeds / (Math.max(1, elapsedNanos) / 1e9);
    if (perSecond >= 10) {
      return String.format(Locale.ROOT, "%.0f seeds/s", perSecond);
    }
    if (perSecond >= 1) {
      return String.format(Locale.ROOT, "%.1f seeds/s", perSecond);
    }
    return Durations.format(elapsedNanos / seeds) + " per seed";
  }

  /** The summary, printed on the console; for the end of a sweep. */
  String finish() {
    String summary = describe(clock.getAsLong());
    console.message(summary);
    return summary;
  }

  /** Printed when JUnit closes the test's context, after its last seed. */
  @Override
  public void close() {
    String summary = finish();
    List<String> never = neverFired();
    int seedCount = seeds();
    if (!never.isEmpty() && seedCount > 0) {
      throw new org.opentest4j.AssertionFailedError(
          "sometimes checks never fired in "
              + seedCount
              + " seeds of "
              + testId
              + ": "
              + never
              + "\n"
              + summary);
    }
  }
}
