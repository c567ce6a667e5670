package dev.w9y.samples.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.faults.FaultPlan;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import org.junit.jupiter.api.Test;

/**
 * A queue consumer that is not idempotent (samples/src/main/js/loyalty): W9Y finds a double credit
 * within a few seeds (well inside 1,000), by a duplicate delivery and by a redelivery after the
 * consumer crashed mid-batch; the failing seed replays exactly; the idempotent consumer passes the
 * same seeds.
 */
class LoyaltyTest {
  private static final int SEEDS = 60;

  @Test
  void theDoubleCreditIsFoundWithin1000SeedsAndReplaysExactly() {
    SimulationResult failing = null;
    for (long seed = 1; seed <= 1000 && failing == null; seed++) {
      SimulationResult result = Loyalty.simulation("loyalty.js", seed).run();
      if (!result.passed()) {
        failing = result;
      }
    }
    assertThat(failing).as("a seed within 1000 that credits an order twice").isNotNull();
    assertThat(failing.seed()).isLessThan(SEEDS);
    assertThat(failing.failure().orElseThrow().getMessage()).contains("no order is credited twice");
    SimulationResult replay = Loyalty.simulation("loyalty.js", failing.seed()).run();
    assertThat(replay.traceSha256()).isEqualTo(failing.traceSha256());
  }

  /** Each fault alone is enough: duplicates, and a crash after crediting but before the ack. */
  @Test
  void duplicatesAloneAndConsumerCrashesAloneEachFindIt() {
    FaultPlan.PlatformFaults chaos = FaultPlan.PlatformFaults.CHAOS;
    FaultPlan duplicates =
        FaultPlan.none()
            .withPlatform(
                FaultPlan.PlatformFaults.NONE.withQueueDuplicate(
                    chaos.queueDuplicate(), chaos.queueDuplicateAfter()));
    FaultPlan crashes =
        FaultPlan.none()
            .withPlatform(
                FaultPlan.PlatformFaults.NONE.withQueueConsumerCrash(
                    dev.w9y.scheduler.Ratio.of(1, 4)));
    for (FaultPlan plan : java.util.List.of(duplicates, crashes)) {
      SimulationResult failing = null;
      for (long seed = 1; seed <= 200 && failing == null; seed++) {
        SimulationResult result =
            Loyalty.simulation("loyalty.js", seed, plan).retainingTrace().run();
        if (!result.passed()) {
          failing = result;
        }
      }
      assertThat(failing).as("a failing seed under " + plan.platform()).isNotNull();
      String family =
          plan == duplicates
              ? "\"family\":\"queue.duplicate\""
              : "\"family\":\"queue.consumer-crash\"";
      assertThat(String.join("\n", failing.fullTrace())).contains(family);
    }
  }

  @Test
  void theIdempotentConsumerPassesTheSameSeeds() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimulationResult result = Loyalty.simulation("loyalty-fixed.js", seed).run();
      assertThat(result.passed()).as(result.summary()).isTrue();
    }
  }

  @Test
  void withoutFaultsTheNaiveConsumerPasses() {
    for (long seed = 1; seed <= 10; seed++) {
      SimulationResult result = Loyalty.simulation("loyalty.js", seed, FaultPlan.none()).run();
      assertThat(result.passed()).as(result.summary()).isTrue();
    }
  }

  /** The idempotent consumer under queue faults, instance crashes and storage faults. */
  @W9ySimulation(seeds = 10)
  void theIdempotentConsumerSurvivesCrashesAndStorageFaults(W9yRun run) {
    run.check(Loyalty.simulation("loyalty-fixed.js", run.seed(), Loyalty.CONSUMER_CHAOS));
  }
}
