package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.faults.Payments;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress lines and the summary, on a clock the test moves by hand (no real time involved). */
class SweepSummaryTest {
  private static final long SECOND = 1_000_000_000L;
  private final List<String> printed = new ArrayList<>();
  private long now;
  private static SimulationResult result;

  @BeforeEach
  void captureTheConsole() {
    SweepConsole.captureForTests(printed::add);
    if (result == null) {
      result = Payments.simulation(1, true).run();
    }
  }

  @AfterEach
  void releaseTheConsole() {
    SweepConsole.captureForTests(null);
  }

  private SweepSummary summary(String progress, String every) {
    Properties properties = new Properties();
    properties.setProperty("w9y.progress", progress);
    properties.setProperty("w9y.progress.every", every);
    return new SweepSummary(
        "Bank#transfers", 0, () -> now, SweepConsole.fromProperties(properties, 0));
  }

  @Test
  void aCountedSweepPrintsALineEveryIntervalWithItsTimeLeft() {
    SweepSummary summary = summary("lines", "10s").expecting(10);
    for (int seed = 1; seed <= 10; seed++) {
      now = seed * 2 * SECOND;
      summary.add(result, seed == 3, false);
    }

    // A line once 10 s have passed since the last (at 10 s and 20 s), none in between.
    assertThat(printed)
        .containsExactly(
            "W9Y sweep Bank#transfers: 5/10 seeds, 1 failed, 2.0 s per seed, about 10 s left\n",
            "W9Y sweep Bank#transfers: 10/10 seeds, 1 failed, 2.0 s per seed, about 0.0 s left\n");
  }

  /** {@code result} as if its {@code sometimes} checks had fired so often. */
  private static SimulationResult withSometimes(java.util.Map<String, Long> fired) {
    return with(fired, result.contractCoverage());
  }

  private static SimulationResult with(
      java.util.Map<String, Long> fired,
      java.util.Map<String, java.util.Map<String, Long>> coverage) {
    return new SimulationResult(
        result.seed(),
        result.failure(),
        result.traceSha256(),
        result.events(),
        result.traceRecords(),
        result.traceBytes(),
        result.endNanos(),
        fired,
        result.traceFile(),
        result.recentTrace(),
        result.fullTrace(),
        result.workloadSized(),
        result.contractViolations(),
        coverage);
  }

  @Test
  void theProgressLineAndTheCoverageCountTheSometimesChecksThatFired() {
    SweepSummary summary = summary("lines", "10s").expecting(2);
    java.util.Map<String, Long> first = new java.util.TreeMap<>();
    first.put("a payment failed", 0L);
    first.put("a retry", 2L);
    now = 5 * SECOND;
    summary.add(withSometimes(first), false, false);
    java.util.Map<String, Long> second = new java.util.TreeMap<>(first);
    second.put("a retry", 0L);
    now = 10 * SECOND;
    summary.add(withSometimes(second), false, false);

    assertThat(printed)
        .containsExactly(
            "W9Y sweep Bank#transfers: 2/2 seeds, 0 failed, 5.0 s per seed, sometimes 1/2,"
                + " about 0.0 s left\n");
    assertThat(summary.coverage()).containsEntry("a retry", 1).containsEntry("a payment failed", 0);
  }

  @Test
  void aFuzzSweepShowsTheBudgetLeft() {
    SweepSummary summary = summary("lines", "10s").until(60 * SECOND);
    for (int seed = 1; seed <= 40; seed++) {
      now = seed * SECOND / 4;
      summary.add(result, false, false);
    }

    assertThat(printed)
        .containsExactly(
            "W9Y fuzz Bank#transfers: 40 seeds, 0 failed, 4.0 seeds/s, 50 s of budget left\n");
  }

  @Test
  void theSummaryCountsSeedsAndDeterminismReRunsApart() {
    SweepSummary summary = summary("off", "10s").expecting(500);
    for (int seed = 0; seed < 500; seed++) {
      summary.add(result, false, false);
      if (seed % 20 == 0) {
        summary.add(result, false, true);
      }
    }
    now = 125 * SECOND;

    String text = summary.finish();

    assertThat(text)
        .startsWith(
            "W9Y sweep Bank#transfers: 500 seeds (+25 re-runs for the determinism check), 0 failed,"
                + " 2m 05s, 4.0 seeds/s\n");
    assertThat(printed).containsExactly(text);
    assertThat(summary.seeds()).isEqualTo(500);
    assertThat(summary.reruns()).isEqualTo(25);
  }

  @Test
  void slowSweepsShowTimePerSeedNeverZeroSeedsPerSecond() {
    assertThat(SweepSummary.rate(2, 13 * SECOND)).isEqualTo("6.5 s per seed");
    assertThat(SweepSummary.rate(1, 600 * SECOND)).isEqualTo("10m 00s per seed");
    assertThat(SweepSummary.rate(7, 2 * SECOND)).isEqualTo("3.5 seeds/s");
    assertThat(SweepSummary.rate(5_000, 2 * SECOND)).isEqualTo("2500 seeds/s");
  }

  @Test
  void wallTimesAreRoundedForPeople() {
    assertThat(Durations.format(9_940_000_000L)).isEqualTo("9.9 s");
    assertThat(Durations.format(9_960_000_000L)).isEqualTo("10 s");
    assertThat(Durations.format(59_600_000_000L)).isEqualTo("1m 00s");
    assertThat(Durations.format(3_725 * SECOND)).isEqualTo("1h 02m");
    assertThat(Durations.format(-SECOND)).isEqualTo("0.0 s");
  }

  @Test
  void onATerminalTheProgressLineIsRedrawnInPlaceAndTheSummaryEndsIt() {
    SweepSummary summary = summary("redraw", "1s").expecting(4);
    for (int seed = 1; seed <= 4; seed++) {
      now = seed * SECOND;
      summary.add(result, false, false);
    }
    summary.finish();

    assertThat(printed).hasSize(5);
    assertThat(printed.get(0))
        .isEqualTo(
            "\rW9Y sweep Bank#transfers: 1/4 seeds, 0 failed, 1.0 seeds/s, about 3.0 s left\u001b[K");
    assertThat(printed.get(4)).startsWith("\r\u001b[KW9Y sweep Bank#transfers: 4 seeds, 0 failed");
  }

  @Test
  void badProgressPropertiesAreClearErrors() {
    Properties properties = new Properties();
    properties.setProperty("w9y.progress", "fancy");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SweepConsole.fromProperties(properties, 0))
        .hasMessage("-Dw9y.progress must be auto, redraw, lines or off, was 'fancy'");
  }

  /** {@code result} as if a contract-driven workload had seen these statuses. */
  private static SimulationResult withCoverage(long created, long conflicts) {
    java.util.Map<String, Long> statuses = new java.util.TreeMap<>();
    statuses.put("201", created);
    statuses.put("409", conflicts);
    statuses.put("422", 0L);
    java.util.Map<String, java.util.Map<String, Long>> coverage = new java.util.TreeMap<>();
    coverage.put("orders: operation POST /orders", statuses);
    return with(result.sometimes(), coverage);
  }

  @Test
  void theSummarySaysWhichStatusesEachOperationAnsweredAndWhichItNeverDid() {
    SweepSummary summary = summary("off", "10s").expecting(3);
    summary.add(withCoverage(3, 1), false, false);
    summary.add(withCoverage(2, 0), false, false);
    summary.add(withCoverage(0, 0), false, true); // a determinism re-run counts no seed
    summary.add(withCoverage(1, 0), false, false);

    assertThat(summary.describe(SECOND))
        .contains(
            "  contract coverage (statuses each operation answered; seeds in which it did):\n")
        .contains(
            "    orders: operation POST /orders returned 201 and 409, never 422"
                + " (201 in 3/3 seeds, 409 in 1/3)\n");
    java.util.Map<String, Integer> none = new java.util.TreeMap<>();
    none.put("200", 0);
    none.put("404", 0);
    assertThat(SweepSummary.coverageLine("s: operation GET /x", none, 2))
        .isEqualTo("s: operation GET /x returned nothing, never 200 and 404");
  }
}
