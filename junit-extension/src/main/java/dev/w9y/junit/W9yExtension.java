package dev.w9y.junit;

import dev.w9y.core.Simulation;
import dev.w9y.faults.FaultPlan;
import dev.w9y.scheduler.Budgets;
import dev.w9y.scheduler.Ratio;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Turns a {@link W9ySimulation} method into one invocation per seed, each given a {@link W9yRun}.
 */
final class W9yExtension implements TestTemplateInvocationContextProvider {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> m.isAnnotationPresent(W9ySimulation.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    W9ySimulation annotation = method.getAnnotation(W9ySimulation.class);
    String className = context.getRequiredTestClass().getSimpleName();
    String testId = className + "#" + method.getName();
    Path projectDirectory = Path.of(System.getProperty("user.dir"));
    // -Dw9y.corpus moves the regression corpus (the extension's own tests use a temp directory).
    Path corpusRoot =
        Path.of(
            System.getProperty(
                "w9y.corpus", projectDirectory.resolve("src/test/resources/w9y").toString()));
    RegressionCorpus corpus =
        new RegressionCorpus(corpusRoot.resolve(className).resolve(method.getName() + ".seeds"));
    Properties properties = System.getProperties();
    FaultPlan basePlan = plan(testId, annotation);
    String planProperty = properties.getProperty("w9y.plan");
    Stream<Long> seeds;
    FuzzBudgets.Deadline fuzzDeadline = null; // fuzzing: when to stop starting seeds
    int expectedSeeds = -1; // a counted sweep: how many seeds, for its progress line
    FaultPlan plan = basePlan;
    int workloadPercent = 100;
    Path replayedPlan = null;
    if (planProperty != null && !planProperty.isBlank()) {
      replayedPlan = Path.of(planProperty);
      SeedRunner.ShrunkPlan shrunk = SeedRunner.ShrunkPlan.read(replayedPlan);
      if (basePlan == null) {
        throw new IllegalStateException(
            testId + " runs without a fault plan; -Dw9y.plan does not apply to it");
      }
      seeds = Stream.of(shrunk.seed());
      // The plan's scope, not the annotation's: the replay is the run that was shrunk.
      plan = basePlan.withScope(shrunk.scope()).withOnly(shrunk.faults());
      workloadPercent = shrunk.workloadPercent();
    } else if (properties.getProperty("seed") == null && FuzzBudgets.requested(properties)) {
      fuzzDeadline = FuzzBudgets.deadline(context, properties);
      seeds = fuzz(testId, corpus.seeds(), fuzzDeadline.nanoTime());
    } else {
      List<Long> selected =
          SeedSelection.select(
              testId, annotation.seeds(), annotation.seed(), corpus.seeds(), properties);
      expectedSeeds =
          properties.getProperty("seed") == null
              ? (int)
                  SeedSelection.Shard.parse(properties.getProperty("w9y.shard"))
                      .of(selected.stream())
                      .count()
              : selected.size();
      seeds = selected.stream();
    }
    if (planProperty == null && properties.getProperty("seed") == null) {
      seeds = SeedSelection.Shard.parse(properties.getProperty("w9y.shard")).of(seeds);
    }
    SeedRunner runner =
        new SeedRunner(
            testId,
            "mvn test -Dtest=" + testId,
            projectDirectory.resolve("target/w9y").resolve(className).resolve(method.getName()),
            plan,
            annotation.shrinkAttempts(),
            annotation.keepTraces(),
            workloadPercent);
    if (replayedPlan != null) {
      runner = runner.replaying(replayedPlan);
    }
    SeedRunner seedRunner = runner;
    FaultPlan runPlan = plan;
    UnaryOperator<Simulation> budget = simulation -> withBudget(simulation, annotation);
    // Closed (and printed, and checked for never-fired sometimes) when the test's context ends.
    ExtensionContext.Store store =
        context.getStore(ExtensionContext.Namespace.create(W9yExtension.class, testId));
    SweepSummary summary =
        store.computeIfAbsent(
            "summary",
            key -> {
              // Wall time of the sweep for its progress and summary lines; no simulation reads it.
              long start = System.nanoTime();
              return new SweepSummary(
                  testId, start, System::nanoTime, SweepConsole.fromProperties(properties, start));
            },
            SweepSummary.class);
    if (fuzzDeadline != null) {
      summary.until(fuzzDeadline.nanoTime());
      fuzzDeadline.note().ifPresent(summary::note);
    } else if (expectedSeeds >= 0) {
      summary.expecting(expectedSeeds);
    }
    Ratio determinism =
        Ratio.parse(properties.getProperty("w9y.determinismCheck", annotation.determinismCheck()));
    ThreadedSeeds.Runs runs =
        (seed, check, rerun) ->
            new W9yRun(seed, runPlan, seedRunner, corpus, summary, check, rerun, budget);
    int threads = threads(testId, annotation, properties);
    if (threads > 1 && planProperty == null && properties.getProperty("seed") == null) {
      return ThreadedSeeds.of(testId, context)
          .run(seeds, threads, determinism, runs, pool -> store.put("seed pool", pool))
          .map(reported -> invocation(reported.run(), reportOnly(reported.thrown())));
    }
    return seeds.flatMap(
        seed ->
            SeedRunner.checksDeterminism(seed, determinism)
                ? Stream.of(
                    invocation(runs.create(seed, true, false)),
                    invocation(runs.create(seed, true, true)))
                : Stream.of(invocation(runs.create(seed, false, false))));
  }

  /**
   * Fuzz mode: corpus seeds, then derived seeds until the wall-clock deadline ({@link
   * System#nanoTime()}) passes. JUnit pulls one invocation at a time, so the deadline is checked
   * before each new seed starts.
   */
  private static Stream<Long> fuzz(String testId, List<Long> corpus, long deadline) {
    // The budget is wall time by design; it only decides which seeds start (see SeedPool).
    return Stream.concat(
            corpus.stream(),
            SeedSelection.derivedSeeds(testId).filter(seed -> !corpus.contains(seed)))
        .takeWhile(seed -> System.nanoTime() < deadline);
  }

  /** The annotation's run budget applied over the simulation's own. */
  private static Simulation withBudget(Simulation simulation, W9ySimulation annotation) {
    Budgets budgets = simulation.budgets();
    if (annotation.maxEvents() > 0) {
      budgets = budgets.withMaxEvents(annotation.maxEvents());
    }
    if (annotation.maxVirtualSeconds() > 0) {
      budgets =
          budgets.withMaxVirtualTime(java.time.Duration.ofSeconds(annotation.maxVirtualSeconds()));
    }
    return budgets.equals(simulation.budgets()) ? simulation : simulation.withBudgets(budgets);
  }

  /** {@code -Dw9y.threads}: a positive count, or {@code cores} for every available processor. */
  static int threads(String testId, W9ySimulation annotation, Properties properties) {
    String property = properties.getProperty("w9y.threads");
    if (property == null || property.isBlank()) {
      if (annotation.threads() < 1) {
        throw new IllegalArgumentException(
            testId + ": @W9ySimulation(threads) must be at least 1, was " + annotation.threads());
      }
      return annotation.threads();
    }
    if (property.trim().equals("cores")) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(property.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-Dw9y.threads must be a positive number of threads or 'cores', was '" + property + "'");
  }

  /**
   * For a seed already run on W9Y's threads: JUnit's invocation of the method is skipped and the
   * method's recorded outcome becomes the invocation's.
   */
  private static InvocationInterceptor reportOnly(Throwable thrown) {
    return new InvocationInterceptor() {
      @Override
      public void interceptTestTemplateMethod(
          Invocation<Void> invocation,
          ReflectiveInvocationContext<Method> invocationContext,
          ExtensionContext extensionContext)
          throws Throwable {
        invocation.skip();
        if (thrown != null) {
          throw thrown;
        }
      }
    };
  }

  private static FaultPlan plan(String testId, W9ySimulation annotation) {
    FaultPlan plan =
        switch (annotation.faults()) {
          case AS_BUILT -> null;
          case NONE -> FaultPlan.none();
          case CHAOS -> FaultPlan.chaos();
          case SWARM -> FaultPlan.swarm();
        };
    boolean scoped =
        annotation.spare().length > 0
            || annotation.onlyFor().length > 0
            || annotation.spareKinds().length > 0
            || annotation.onlyKinds().length > 0;
    if (!scoped) {
      return plan;
    }
    if (plan == null) {
      throw new IllegalArgumentException(
          testId
              + ": spare, onlyFor, spareKinds and onlyKinds scope a fault plan; give one with"
              + " faults = CHAOS, SWARM or NONE");
    }
    return plan.sparing(annotation.spare())
        .onlyFor(annotation.onlyFor())
        .sparingKinds(annotation.spareKinds())
        .onlyKinds(annotation.onlyKinds());
  }

  private static TestTemplateInvocationContext invocation(W9yRun run) {
    return invocation(run, null);
  }

  /**
   * @param interceptor an extra extension for the invocation, or null
   */
  private static TestTemplateInvocationContext invocation(
      W9yRun run, InvocationInterceptor interceptor) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "seed " + run.seed() + (run.isRerun() ? " (again: determinism check)" : "");
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        List<Extension> extensions = new ArrayList<>();
        if (interceptor != null) {
          extensions.add(interceptor);
        }
        extensions.add(
            new ParameterResolver() {
              @Override
              public boolean supportsParameter(
                  ParameterContext parameter, ExtensionContext extension) {
                Class<?> type = parameter.getParameter().getType();
                return type == W9yRun.class || type == long.class;
              }

              @Override
              public Object resolveParameter(
                  ParameterContext parameter, ExtensionContext extension) {
                return parameter.getParameter().getType() == W9yRun.class ? run : run.seed();
              }
            });
        return extensions;
      }
    };
  }
}
