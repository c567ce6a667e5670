package dev.w9y.junit;

import dev.w9y.core.SimulationResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sweep of seeds did for one test: seeds run, failures, speed, and the {@code sometimes}
 * coverage table (in how many seeds each check fired). A {@code sometimes} check that was reached
 * but never fired in any seed means the sweep never explored what it was meant to: that fails the
 * sweep. Safe to update from parallel simulations.
 */
final class SweepSummary implements AutoCloseable {
  private final String testId;
  private final long startNanos;
  private int seeds;
  private int failures;
  private final TreeMap<String, Integer> firedInSeeds = new TreeMap<>();
  private final TreeMap<Long, SimulationResult> waitingTwins = new TreeMap<>();

  SweepSummary(String testId, long startNanos) {
    this.testId = testId;
    this.startNanos = startNanos;
  }

  synchronized int seeds() {
    return seeds;
  }

  synchronized void add(SimulationResult result, boolean failed) {
    seeds++;
    if (failed) {
      failures++;
    }
    for (Map.Entry<String, Long> check : result.sometimes().entrySet()) {
      firedInSeeds.merge(check.getKey(), check.getValue() > 0 ? 1 : 0, Integer::sum);
    }
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

  synchronized String describe(long nowNanos) {
    double seconds = Math.max(1, nowNanos - startNanos) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "W9Y sweep %s: %d seeds, %d failed, %.1f s, %.0f seeds/s%n",
            testId,
            seeds,
            failures,
            seconds,
            seeds / seconds));
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
    return out.toString();
  }

  /** Printed when JUnit closes the test's context, after its last seed. */
  @Override
  public void close() {
    String summary = describe(System.nanoTime()); // the sweep's wall time, for people only
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.print(summary);
    List<String> never = neverFired();
    if (!never.isEmpty() && seeds > 0) {
      throw new org.opentest4j.AssertionFailedError(
          "sometimes checks never fired in "
              + seeds
              + " seeds of "
              + testId
              + ": "
              + never
              + "\n"
              + summary);
    }
  }
}
