package dev.w9y.junit;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.faults.FaultPlan;
import org.opentest4j.AssertionFailedError;

/**
 * One seed of a {@link W9ySimulation} test: the test builds its simulation for {@link #seed()} and
 * hands it to {@link #check}, which runs it under the test's fault plan and fails the test with a
 * full report (reproduce command, trace, shrunk faults) if the simulation fails.
 *
 * <p>For the seeds picked for the determinism check, the extension invokes the test method twice,
 * so everything the test builds — including state its lambdas capture — is fresh each time; the
 * second invocation to finish compares the two traces.
 */
public final class W9yRun {
  private final long seed;
  private final FaultPlan plan;
  private final SeedRunner runner;
  private final RegressionCorpus corpus;
  private final SweepSummary summary;
  private final boolean determinismCheck;
  private final boolean rerun;
  private final java.util.function.UnaryOperator<Simulation> budget;

  /**
   * @param determinismCheck whether this seed runs in two invocations whose traces must match
   * @param rerun whether this is the second of those invocations
   */
  W9yRun(
      long seed,
      FaultPlan plan,
      SeedRunner runner,
      RegressionCorpus corpus,
      SweepSummary summary,
      boolean determinismCheck,
      boolean rerun,
      java.util.function.UnaryOperator<Simulation> budget) {
    this.budget = budget;
    this.seed = seed;
    this.plan = plan;
    this.runner = runner;
    this.corpus = corpus;
    this.summary = summary;
    this.determinismCheck = determinismCheck;
    this.rerun = rerun;
  }

  public long seed() {
    return seed;
  }

  /** The fault plan applied to the run, or null when the test runs simulations as built. */
  public FaultPlan plan() {
    return plan;
  }

  /** Whether this invocation is the determinism check's second run of its seed. */
  public boolean isRerun() {
    return rerun;
  }

  /**
   * Runs {@code simulation} at this seed; returns the result if it passed, else records the seed in
   * the regression corpus and fails the test with the report.
   */
  public SimulationResult check(Simulation simulation) {
    SeedRunner.Outcome outcome =
        runner.run(budget.apply(simulation), seed, rerun, determinismCheck);
    summary.add(outcome.result(), !outcome.passed(), rerun);
    if (determinismCheck) {
      // FoundationDB's "unseed" check: whichever of the two runs finishes second compares.
      SimulationResult other = summary.twin(seed, outcome.result());
      if (other != null && !other.traceSha256().equals(outcome.result().traceSha256())) {
        SimulationResult first = rerun ? other : outcome.result();
        SimulationResult second = rerun ? outcome.result() : other;
        summary.nondeterministic();
        throw new AssertionFailedError(runner.nondeterminismReport(seed, first, second));
      }
    }
    if (!outcome.passed()) {
      String cause = outcome.result().failure().get().failureCause();
      corpus.add(seed, cause.length() > 120 ? cause.substring(0, 120) + "..." : cause);
      throw new AssertionFailedError(outcome.report(), outcome.result().failure().get());
    }
    return outcome.result();
  }
}
