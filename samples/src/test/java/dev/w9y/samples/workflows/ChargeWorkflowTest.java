package dev.w9y.samples.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.Simulation;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.faults.FaultPlan;
import dev.w9y.faults.FaultPlanFile;
import dev.w9y.junit.SeedRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charge-workflow sample (topologies/charge-workflow): a Workflow whose "charge card" step is
 * not idempotent double-charges a card on some seed of the chaos plan — found within 1,000 seeds
 * and shrunk to the faults it needs — and the variant with an idempotency key passes the same
 * seeds.
 */
class ChargeWorkflowTest {
  private static final Path TOPOLOGIES = Path.of("topologies", "charge-workflow");

  @TempDir Path traces;

  private static TopologyFile.TopologyDocument document(String file) {
    return TopologyFile.read(TOPOLOGIES.resolve(file));
  }

  private static Simulation simulation(TopologyFile.TopologyDocument document, long seed) {
    return Simulation.builder(document.topology())
        .seed(seed)
        .workload(document.workload().orElseThrow()::newWorkload)
        .build();
  }

  @Test
  void theNonIdempotentChargeIsFoundShrunkAndTheIdempotencyKeyFixesTheSameSeeds() {
    TopologyFile.TopologyDocument buggy = document("w9y.yaml");
    FaultPlan plan = FaultPlanFile.planOf(buggy);
    SeedRunner runner =
        new SeedRunner("ChargeWorkflow#buggy", "mvn test", traces, plan, 200, false);
    SeedRunner.Outcome failed = null;
    long seed = 1;
    for (; seed <= 1000 && failed == null; seed++) {
      SeedRunner.Outcome outcome = runner.run(simulation(buggy, seed), seed);
      if (!outcome.passed()) {
        failed = outcome;
      }
    }
    assertThat(failed).as("a double charge within 1,000 seeds").isNotNull();
    long found = failed.result().seed();
    assertThat(failed.result().failure().orElseThrow().getMessage())
        .contains("GET http://processor/check answered 409")
        .contains("was charged 2 times");
    List<String> shrunk = failed.shrunkFaults().orElseThrow();
    assertThat(shrunk).as("the faults the double charge needs").isNotEmpty().hasSizeLessThan(4);
    assertThat(failed.injectedFaults()).isGreaterThanOrEqualTo(shrunk.size());

    TopologyFile.TopologyDocument fixed = document("fixed.yaml");
    SeedRunner fixedRunner =
        new SeedRunner(
            "ChargeWorkflow#fixed", "mvn test", traces, FaultPlanFile.planOf(fixed), 0, false);
    for (long s = 1; s <= Math.max(found, 25); s++) {
      SeedRunner.Outcome outcome = fixedRunner.run(simulation(fixed, s), s);
      assertThat(outcome.passed()).as(outcome.report()).isTrue();
    }
    // The failing seed's minimal fault schedule replays the double charge on its own.
    SeedRunner replay =
        new SeedRunner(
            "ChargeWorkflow#replay",
            "mvn test",
            traces.resolve("replay"),
            plan.withOnly(shrunk),
            0,
            false);
    assertThat(replay.run(simulation(buggy, found), found).passed()).isFalse();
    System.out.println("charge-workflow: double charge at seed " + found + ", shrunk to " + shrunk);
  }
}
