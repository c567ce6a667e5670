package dev.w9y.junit;

import dev.w9y.scheduler.Ratio;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * {@code -Dw9y.threads=N}: a {@link W9ySimulation} method's seeds run on W9Y's own threads, one
 * simulation per thread, and JUnit only reports them. JUnit's own parallel executors cannot do this
 * for a test template: the fork-join one ran the invocations one after another (measured), and the
 * worker-pool one drains the whole seed stream up front, so a fuzz budget would be checked when a
 * seed is queued rather than when it starts (measured: a 20 s budget queued 498,787 seeds).
 *
 * <p>The method is called on a W9Y thread with a fresh instance of the test class (or the shared
 * one under {@code @TestInstance(PER_CLASS)}), so {@code @BeforeEach}/{@code @AfterEach} and other
 * extensions run around JUnit's report of each seed, not around its simulation. The report for a
 * seed is the method's own outcome: its {@link W9yRun} failure report, or whatever else it threw.
 */
final class ThreadedSeeds {
  /** Makes the {@link W9yRun} for one invocation of a seed. */
  interface Runs {
    W9yRun create(long seed, boolean determinismCheck, boolean rerun);
  }

  /** One invocation's run and what the method threw (null when it returned normally). */
  record Reported(W9yRun run, Throwable thrown) {}

  private final String testId;
  private final Method method;
  private final Supplier<Object> testInstances;

  private ThreadedSeeds(String testId, Method method, Supplier<Object> testInstances) {
    this.testId = testId;
    this.method = method;
    this.testInstances = testInstances;
  }

  /** Checks up front that the method can be called off JUnit's thread; fails naming what cannot. */
  static ThreadedSeeds of(String testId, ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    for (Parameter parameter : method.getParameters()) {
      if (parameter.getType() != W9yRun.class && parameter.getType() != long.class) {
        throw new ExtensionConfigurationException(
            testId
                + " cannot run on W9Y's threads (-Dw9y.threads): its parameter '"
                + parameter.getName()
                + "' of type "
                + parameter.getType().getName()
                + " is resolved by JUnit; take only W9yRun or long, or run with one thread");
      }
    }
    Class<?> testClass = context.getRequiredTestClass();
    if (context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
        == TestInstance.Lifecycle.PER_CLASS) {
      Object shared = context.getRequiredTestInstance();
      return new ThreadedSeeds(testId, method, () -> shared);
    }
    try {
      testClass.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new ExtensionConfigurationException(
          testId
              + " cannot run on W9Y's threads (-Dw9y.threads): "
              + testClass.getName()
              + " has no constructor without parameters (an inner @Nested class needs its outer"
              + " instance); give it one, or run with one thread",
          e);
    }
    return new ThreadedSeeds(testId, method, () -> ReflectionSupport.newInstance(testClass));
  }

  /**
   * Runs each seed (twice for those under the determinism check) on {@code threads} threads and
   * returns, in seed order, one entry per invocation JUnit should report. The seed stream is pulled
   * only as threads free up, so a fuzz budget in it is checked as each seed starts.
   */
  Stream<Reported> run(
      Stream<Long> seeds,
      int threads,
      Ratio determinismCheck,
      Runs runs,
      Consumer<AutoCloseable> closeWithTheTest) {
    SeedPool<List<Reported>> pool =
        new SeedPool<>(
            seeds.iterator(),
            seed -> {
              boolean twice = SeedRunner.checksDeterminism(seed, determinismCheck);
              List<Reported> reported = new ArrayList<>(2);
              W9yRun first = runs.create(seed, twice, false);
              reported.add(new Reported(first, invoke(first)));
              if (twice) {
                W9yRun again = runs.create(seed, true, true);
                reported.add(new Reported(again, invoke(again)));
              }
              return reported;
            },
            threads,
            Long.MAX_VALUE);
    closeWithTheTest.accept(pool);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pool, Spliterator.ORDERED), false)
        .flatMap(done -> done.value().stream());
  }

  private Throwable invoke(W9yRun run) {
    Object[] arguments = new Object[method.getParameterCount()];
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = types[i] == W9yRun.class ? run : (Object) run.seed();
    }
    try {
      ReflectionSupport.invokeMethod(method, testInstances.get(), arguments);
      return null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable thrown) {
      return thrown;
    }
  }

  @Override
  public String toString() {
    return "ThreadedSeeds[" + testId + "]";
  }
}
