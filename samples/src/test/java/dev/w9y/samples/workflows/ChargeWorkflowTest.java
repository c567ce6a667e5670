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
 * seeds. crash.yaml finds the same bug through the fault the issue names, the engine crashing
 * between the charge and its checkpoint, shrunk to that one fault.
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
  void aCrashBeforeTheChargesCheckpointChargesTwiceShrunkToThatOneFault() throws Exception {
    TopologyFile.TopologyDocument buggy = document("crash.yaml");
    FaultPlan plan = FaultPlanFile.planOf(buggy);
    assertThat(plan.workflows()).as("the topology's own workflow faults").isNotNull();
    SeedRunner runner =
        new SeedRunner("ChargeWorkflow#crash", "mvn test", traces, plan, 200, false);
    SeedRunner.Outcome failed = null;
    for (long seed = 1; seed <= 1000 && failed == null; seed++) {
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
    // Among all the faults the seed injected, the shrinker keeps one: the engine's crash before
    // the checkpoint of the charge (not a lost answer, not a crashed instance).
    List<String> shrunk = failed.shrunkFaults().orElseThrow();
    assertThat(failed.injectedFaults()).isGreaterThan(1);
    assertThat(shrunk).hasSize(1);
    assertThat(shrunk.get(0)).startsWith("storage.workflow-crash:");

    // Replayed from the plan file the shrinker wrote: it fails again, injecting that fault, at
    // the step "charge card", and two replays are the same run (same trace hash).
    Path planFile = traces.resolve("seed-" + found + ".plan");
    SeedRunner replay =
        new SeedRunner("ChargeWorkflow#crash", "mvn test", traces, plan.withOnly(shrunk), 0, false)
            .replaying(planFile);
    SeedRunner.Outcome first = replay.run(simulation(buggy, found), found);
    SeedRunner.Outcome second = replay.run(simulation(buggy, found), found);
    assertThat(first.passed()).isFalse();
    assertThat(first.result().failure().orElseThrow().getMessage()).contains("was charged 2 times");
    assertThat(second.result().traceSha256()).isEqualTo(first.result().traceSha256());
    String crash =
        java.nio.file.Files.readAllLines(traces.resolve("seed-" + found + ".replay.jsonl")).stream()
            .filter(line -> line.contains("\"fault.injected\""))
            .findFirst()
            .orElseThrow();
    assertThat(crash).contains(shrunk.get(0)).contains("\"step\":\"do:charge card#1\"");

    // The idempotency key fixes every seed up to the failing one, under the same faults.
    TopologyFile.TopologyDocument fixed = document("crash-fixed.yaml");
    assertThat(FaultPlanFile.planOf(fixed)).isEqualTo(plan);
    SeedRunner fixedRunner =
        new SeedRunner("ChargeWorkflow#crashFixed", "mvn test", traces, plan, 0, false);
    for (long s = 1; s <= Math.max(found, 25); s++) {
      SeedRunner.Outcome outcome = fixedRunner.run(simulation(fixed, s), s);
      assertThat(outcome.passed()).as(outcome.report()).isTrue();
    }
    System.out.println(
        "charge-workflow crash.yaml: double charge at seed "
            + found
            + " ("
            + failed.injectedFaults()
            + " faults), shrunk to "
            + shrunk);
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
