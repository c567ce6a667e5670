package dev.w9y.junit;

import dev.w9y.faults.FaultKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per seed, each with a {@link W9yRun} parameter:
 *
 * <pre>
 * &#64;W9ySimulation(seeds = 200, faults = Faults.CHAOS)
 * void nobodyIsChargedTwice(W9yRun run) {
 *   run.check(Payments.simulation(run.seed()));
 * }
 * </pre>
 *
 * Seeds, in order of precedence: {@code -Dseed=N} runs only seed N (for every simulation test);
 * {@code -Dw9y.plan=<file>} replays a shrunk plan (its trace is written beside the original's as
 * {@code seed-N.replay.jsonl}, and a fault it lists that the replay never injects fails the run);
 * {@code -Dw9y.seeds=N} overrides the count; {@link #seed()} lists explicit seeds; otherwise {@link
 * #seeds()} seeds derived from the test's class and method names (stable across runs and machines,
 * different between tests). Seeds in the regression corpus ({@code
 * src/test/resources/w9y/<Class>/<method>.seeds}) always run first.
 *
 * <p>For CI fuzz jobs, {@code -Dw9y.fuzz=10m} runs corpus seeds and then derived seeds for a
 * wall-clock budget instead of a count — a budget for <em>each</em> simulation test method, so a
 * run of six such methods takes about an hour. {@code -Dw9y.fuzz.total=10m} instead gives the whole
 * test run in this JVM (one Surefire fork) one budget: the clock starts when the first simulation
 * test starts, and each simulation test, as it starts, gets an equal share of the time left among
 * the simulation tests not yet started (itself included); time a test leaves unused goes to the
 * ones after it. The tests of the run are known from the JUnit Platform test plan (a launcher
 * listener this module registers); where no launcher runs the tests, a test counts the simulation
 * methods of its class. Set one of the two. Either way the budget decides only which seeds start: a
 * started seed runs to its end. {@code -Dw9y.shard=3/16} runs only shard 3 (from 0) of 16 of the
 * seeds, so a CI matrix or a Kubernetes Indexed Job covers the seed space exactly once; {@code
 * -Dw9y.threads=2} runs the seeds on two threads (see {@link #threads()}).
 *
 * <p>While the seeds run, progress lines (seeds done of the count, failures, seeds/s, the time left
 * or the fuzz budget left) and then a summary (seeds, determinism re-runs apart, failures, {@code
 * sometimes} coverage) go to the JVM's own standard error, which Surefire copies to the build's
 * console even with {@code redirectTestOutputToFile}. {@code -Dw9y.progress=auto|lines|redraw|off},
 * {@code -Dw9y.progress.every=10s} and {@code -Dw9y.console=stderr|stdout|off} change that. Each
 * invocation is named {@code seed N}; Surefire's XML reports use that name with its {@code
 * usePhrasedTestCaseMethodName} option (see the README).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(W9yExtension.class)
public @interface W9ySimulation {
  /** How many seeds to run when none are given explicitly. */
  int seeds() default 20;

  /** Explicit seeds to run instead of derived ones. */
  long[] seed() default {};

  /** The fault plan applied to every run. */
  Faults faults() default Faults.AS_BUILT;

  /**
   * Services ({@code "driver"}) and durable-object namespaces ({@code "driver/JOURNAL"}) no fault
   * of the plan may touch: {@code FaultPlan.sparing}. A test harness's own driver, say, whose
   * journal must not suffer the faults meant for the system under test.
   */
  String[] spare() default {};

  /** Services and namespaces faults may touch, and nothing else: {@code FaultPlan.onlyFor}. */
  String[] onlyFor() default {};

  /** Kinds of fault the plan leaves out: {@code FaultPlan.sparingKinds}. */
  FaultKind[] spareKinds() default {};

  /** The only kinds of fault the plan injects: {@code FaultPlan.onlyKinds}. */
  FaultKind[] onlyKinds() default {};

  /** How many replays shrinking may spend on one failing seed. */
  int shrinkAttempts() default SeedRunner.DEFAULT_SHRINK_ATTEMPTS;

  /**
   * The share of seeds run twice to check that the same seed gives the same trace (FoundationDB's
   * "unseed" check), as a ratio such as {@code "1/20"}; {@code -Dw9y.determinismCheck} overrides.
   */
  String determinismCheck() default "1/20";

  /**
   * The most events one run may dispatch (0: as the simulation was built). A run past it fails
   * naming the budget, so a runaway seed cannot hang the sweep.
   */
  long maxEvents() default 0;

  /** The most virtual time one run may reach, in seconds (0: as the simulation was built). */
  long maxVirtualSeconds() default 0;

  /** Keep trace files of passing seeds too (failing seeds always keep theirs). */
  boolean keepTraces() default false;

  /**
   * How many threads run this test's seeds; {@code -Dw9y.threads=N} (or {@code =cores}) overrides.
   * With more than one, each seed's simulation runs on W9Y's own threads (one simulation per
   * thread) and JUnit reports the seeds in order: the method must take only {@link W9yRun} or the
   * {@code long} seed, and {@code @BeforeEach}/{@code @AfterEach} run around each seed's report
   * rather than its run. A single seed ({@code -Dseed}, {@code -Dw9y.plan}) always runs on JUnit's
   * thread.
   */
  int threads() default 1;

  /** Which fault plan a simulation test runs under. */
  enum Faults {
    /** Whatever the simulation was built with (no plan applied). */
    AS_BUILT,
    NONE,
    /** {@code FaultPlan.chaos()}: the default mix. */
    CHAOS,
    /** {@code FaultPlan.swarm()}: the mix drawn from each seed. */
    SWARM
  }
}
