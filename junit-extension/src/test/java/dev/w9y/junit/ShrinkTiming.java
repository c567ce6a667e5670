package dev.w9y.junit;

import dev.w9y.faults.FaultPlan;
import dev.w9y.scheduler.Ratio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bench harness behind docs/PERFORMANCE.md's time-to-shrink: the two-fault planted bug of
 * {@link TwoFaultShrinkTest}, its first failing seed run, replayed and shrunk, ten times.
 */
public final class ShrinkTiming {
  private ShrinkTiming() {}

  public static void main(String[] args) throws Exception {
    FaultPlan plan =
        FaultPlan.none()
            .withNetwork(
                FaultPlan.NetworkFaults.CHAOS
                    .withPartitions(null, FaultPlan.NetworkFaults.CHAOS.partitionLasts())
                    .withClogging(null, FaultPlan.NetworkFaults.CHAOS.clogStep()))
            .withHttp(FaultPlan.HttpFaults.CHAOS.withUnknownOutcome(Ratio.of(1, 20)));
    Path traces = Files.createTempDirectory("w9y-shrink");
    SeedRunner runner = new SeedRunner("TwoFault#shrink", "mvn test", traces, plan, 500, false);
    long seed = 0;
    SeedRunner.Outcome outcome = runner.run(TwoFaultShrinkTest.system(), seed);
    while (outcome.passed() || outcome.injectedFaults() < 5) {
      outcome = runner.run(TwoFaultShrinkTest.system(), ++seed);
    }
    for (int round = 0; round < 10; round++) {
      long start = System.nanoTime();
      outcome = runner.run(TwoFaultShrinkTest.system(), seed);
      long nanos = System.nanoTime() - start;
      System.out.printf(
          Locale.ROOT,
          "round %d: seed %d, %d faults injected, shrunk to %s in %.1f ms (run + replay + shrink)%n",
          round,
          seed,
          outcome.injectedFaults(),
          outcome.shrunkFaults().orElseThrow(),
          nanos / 1e6);
    }
  }
}
