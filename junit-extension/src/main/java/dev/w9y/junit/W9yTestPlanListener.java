package dev.w9y.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Tells {@link SharedFuzzBudget} which simulation tests a test run holds, so {@code
 * -Dw9y.fuzz.total} can share its budget among all of them. Registered through {@code
 * META-INF/services} and picked up by the JUnit Platform launcher (Surefire, Gradle, IDEs); does
 * nothing unless {@code -Dw9y.fuzz.total} is set.
 */
public final class W9yTestPlanListener implements TestExecutionListener {

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    if (System.getProperty(SharedFuzzBudget.PROPERTY) == null) {
      return;
    }
    List<String> simulations = new ArrayList<>();
    Consumer<TestIdentifier> visit =
        new Consumer<>() {
          @Override
          public void accept(TestIdentifier identifier) {
            identifier
                .getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .filter(W9yTestPlanListener::isSimulation)
                .ifPresent(m -> simulations.add(m.getClassName() + "#" + m.getMethodName()));
            testPlan.getChildren(identifier).forEach(this);
          }
        };
    testPlan.getRoots().forEach(visit);
    SharedFuzzBudget.jvm().plan(simulations);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (System.getProperty(SharedFuzzBudget.PROPERTY) != null) {
      SharedFuzzBudget.jvm().reset();
    }
  }

  private static boolean isSimulation(MethodSource source) {
    try {
      Method method = source.getJavaMethod();
      return method.isAnnotationPresent(W9ySimulation.class);
    } catch (RuntimeException e) {
      // A method that cannot be loaded is not one of ours to count.
      return false;
    }
  }
}
