package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.Payments;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationsTest {
  @TempDir Path traces;

  private SeedRunner runner(String id) {
    return new SeedRunner(id, "mvn test", traces, FaultPlan.chaos(), 50, false);
  }

  @Test
  void aParallelSweepRunsEverySeedAndFindsTheSameFailuresAsASerialOne() {
    Simulations.SweepResult serial =
        Simulations.sweep(
            "Payments#buggy",
            seed -> Payments.simulation(seed, false),
            SeedSelection.derived("Payments#buggy", 60).stream(),
            runner("serial"),
            1,
            Ratio.of(1, 10),
            0);
    Simulations.SweepResult parallel =
        Simulations.sweep(
            "Payments#buggy",
            seed -> Payments.simulation(seed, false),
            SeedSelection.derived("Payments#buggy", 60).stream(),
            runner("parallel"),
            2,
            Ratio.of(1, 10),
            0);

    assertThat(serial.seedsRun()).isEqualTo(60);
    assertThat(parallel.seedsRun()).isEqualTo(60);
    assertThat(parallel.failures()).isNotEmpty();
    assertThat(parallel.failures().stream().map(o -> o.result().seed()).sorted().toList())
        .isEqualTo(serial.failures().stream().map(o -> o.result().seed()).sorted().toList());
    assertThat(parallel.nondeterminism()).isEmpty();
    assertThat(parallel.summary()).contains("60 seeds");
  }

  @Test
  void aSweepOnTwoThreadsReportsTheSameFailuresInSeedOrderAndShrinksTheSameOnes() {
    java.util.List<java.util.List<String>> reports = new java.util.ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      Simulations.SweepResult result =
          Simulations.sweep(
              "Payments#buggy",
              seed -> Payments.simulation(seed, false),
              SeedSelection.derived("Payments#buggy", 40).stream(),
              runner("threads-" + threads),
              threads,
              Ratio.NEVER,
              0,
              new Simulations.Bounds(0, 2));
      assertThat(result.seedsRun()).isEqualTo(40);
      reports.add(
          result.failures().stream()
              .map(
                  o ->
                      o.result().seed()
                          + " "
                          + o.result().traceSha256()
                          + " "
                          + o.shrunkFaults().map(Object::toString).orElse("not shrunk"))
              .toList());
    }
    assertThat(reports.get(0)).hasSizeGreaterThan(2);
    assertThat(reports.get(0).stream().filter(line -> !line.endsWith("not shrunk"))).hasSize(2);
    assertThat(reports.get(1)).isEqualTo(reports.get(0));
  }

  @Test
  void aSweepBoundedToItsFirstFailureStopsStartingSeedsAndShrinksOnlyThatOne() {
    Simulations.SweepResult first =
        Simulations.sweep(
            "Payments#buggy",
            seed -> Payments.simulation(seed, false),
            SeedSelection.derived("Payments#buggy", 60).stream(),
            runner("first"),
            1,
            Ratio.NEVER,
            0,
            Simulations.Bounds.FIRST_FAILURE);

    assertThat(first.failures()).hasSize(1);
    assertThat(first.failures().get(0).shrunkFaults()).isPresent();
    assertThat(first.seedsRun()).as("stopped at the first failure").isLessThan(60);
  }

  @Test
  void aSweepShrinksNoMoreFailuresThanItsBoundAndReportsTheRestWhole() {
    Simulations.SweepResult bounded =
        Simulations.sweep(
            "Payments#buggy",
            seed -> Payments.simulation(seed, false),
            SeedSelection.derived("Payments#buggy", 60).stream(),
            runner("bounded"),
            1,
            Ratio.NEVER,
            0,
            new Simulations.Bounds(0, 1));

    assertThat(bounded.seedsRun()).isEqualTo(60);
    assertThat(bounded.failures()).hasSizeGreaterThan(1);
    assertThat(bounded.failures().stream().filter(f -> f.shrunkFaults().isPresent())).hasSize(1);
    assertThat(bounded.failures().stream().filter(f -> f.shrunkFaults().isEmpty()))
        .allSatisfy(
            f ->
                assertThat(f.report())
                    .doesNotContain("shrunk:")
                    .contains("not shrunk (the sweep's bound on shrunk failures was reached)"));
  }

  @Test
  void aShrinkReportSaysNothingOfTheWorkloadSizeWhenTheWorkloadDoesNotSizeItself() {
    Simulations.SweepResult result =
        Simulations.sweep(
            "Payments#unsized",
            seed -> Payments.simulationOfFixedSize(seed, false),
            SeedSelection.derived("Payments#unsized", 60).stream(),
            runner("unsized"),
            1,
            Ratio.NEVER,
            0,
            Simulations.Bounds.FIRST_FAILURE);

    assertThat(result.failures()).hasSize(1);
    assertThat(result.failures().get(0).result().workloadSized()).isFalse();
    assertThat(result.failures().get(0).report()).doesNotContain("workload:");
  }

  @Test
  void aPlainJavaSweepsReproduceCommandTakesTheSeedWhereItsTemplateSays() {
    SeedRunner plainJava =
        new SeedRunner(
            "Fuzz", "java -cp app.jar my.Fuzz --seed {seed}", traces, FaultPlan.chaos(), 50, false);

    Simulations.SweepResult result =
        Simulations.sweep(
            "Fuzz",
            seed -> Payments.simulation(seed, false),
            SeedSelection.derived("Fuzz", 60).stream(),
            plainJava,
            1,
            Ratio.NEVER,
            0,
            Simulations.Bounds.FIRST_FAILURE);

    long seed = result.failures().get(0).result().seed();
    assertThat(result.failures().get(0).report())
        .contains("reproduce: java -cp app.jar my.Fuzz --seed " + seed + "\n")
        .doesNotContain("-Dseed");
  }

  @Test
  void aFixedSystemPassesASweepWithEverySeedCheckedForDeterminism() {
    Simulations.SweepResult result =
        Simulations.sweep(
            "Payments#fixed",
            seed -> Payments.simulation(seed, true),
            SeedSelection.derived("Payments#fixed", 30).stream(),
            runner("fixed"),
            2,
            Ratio.ALWAYS,
            0);

    assertThat(result.passed()).as(result.summary()).isTrue();
  }

  @Test
  void aTimeBudgetStopsAnEndlessSweep() {
    Simulations.SweepResult result =
        Simulations.sweep(
            "Payments#fuzz",
            seed -> Payments.simulation(seed, true),
            SeedSelection.derivedSeeds("Payments#fuzz"),
            runner("fuzz"),
            2,
            Ratio.NEVER,
            1_000_000_000L);

    assertThat(result.seedsRun()).isPositive();
    assertThat(result.seconds()).isLessThan(10);
  }

  @Test
  void aSweepShowsProgressOnTheConsoleAndCountsReRunsApartFromSeeds() {
    java.util.List<String> console =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    SweepConsole.captureForTests(console::add);
    System.setProperty("w9y.progress", "lines");
    System.setProperty("w9y.progress.every", "0s");
    Simulations.SweepResult result;
    try {
      result =
          Simulations.sweep(
              "Payments#checked",
              seed -> Payments.simulation(seed, true),
              SeedSelection.derived("Payments#checked", 10).stream(),
              runner("checked"),
              2,
              Ratio.ALWAYS,
              60_000_000_000L);
    } finally {
      SweepConsole.captureForTests(null);
      System.clearProperty("w9y.progress");
      System.clearProperty("w9y.progress.every");
    }

    assertThat(result.seedsRun()).isEqualTo(10);
    // One line per run (a seed and its re-run), then the summary.
    assertThat(console).hasSize(21);
    assertThat(console.get(0))
        .matches("W9Y fuzz Payments#checked: 1 seed, 0 failed, .* of budget left\\n");
    assertThat(console.get(20))
        .isEqualTo(result.summary())
        .startsWith(
            "W9Y fuzz Payments#checked: 10 seeds (+10 re-runs for the determinism check), 0"
                + " failed, ");
  }
}
