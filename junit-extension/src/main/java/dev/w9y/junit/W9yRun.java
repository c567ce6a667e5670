package dev.w9y.junit;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.faults.FaultPlan;
import org.opentest4j.AssertionFailedError;

/**
 * One seed of a {@link W9ySimulation} test: the test builds its simulation for {@link #seed()} and
 * hands it to {@link #check}, which runs it under the test's fault plan and fails the test with a
 * full report (reproduce command, trace, shrunk faults) if the simulation fails.
 */
public final class W9yRun {
  private final long seed;
  private final FaultPlan plan;
  private final SeedRunner runner;
  private final RegressionCorpus corpus;

  private final SweepSummary summary;

  W9yRun(
      long seed, FaultPlan plan, SeedRunner runner, RegressionCorpus corpus, SweepSummary summary) {
    this.seed = seed;
    this.plan = plan;
    this.runner = runner;
    this.corpus = corpus;
    this.summary = summary;
  }

  public long seed() {
    return seed;
  }

  /** The fault plan applied to the run, or null when the test runs simulations as built. */
  public FaultPlan plan() {
    return plan;
  }

  /**
   * Runs {@code simulation} at this seed; returns the result if it passed, else records the seed in
   * the regression corpus and fails the test with the report.
   */
  public SimulationResult check(Simulation simulation) {
    SeedRunner.Outcome outcome = runner.run(simulation, seed);
    summary.add(outcome.result(), !outcome.passed());
    if (outcome.nondeterministic()) {
      throw new AssertionFailedError(outcome.report());
    }
    if (!outcome.passed()) {
      String cause = outcome.result().failure().get().failureCause();
      corpus.add(seed, cause.length() > 120 ? cause.substring(0, 120) + "..." : cause);
      throw new AssertionFailedError(outcome.report(), outcome.result().failure().get());
    }
    return outcome.result();
  }
}
