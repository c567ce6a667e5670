package dev.w9y.samples.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.kv.KvNamespaceBinding;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import org.junit.jupiter.api.Test;

/**
 * A KV-backed feature flag read right after a write at another location
 * (samples/src/main/js/flags): W9Y finds the stale read within a few seeds (well inside 1,000), the
 * failing seed replays exactly, and the fixed storefront passes the same seeds; with a strict
 * namespace the bug cannot show.
 */
class FeatureFlagsTest {
  private static final int SEEDS = 60;

  @Test
  void theStaleReadIsFoundWithin1000SeedsAndReplaysExactly() {
    SimulationResult failing = null;
    for (long seed = 1; seed <= 1000 && failing == null; seed++) {
      SimulationResult result = FeatureFlags.simulation("storefront.js", seed).run();
      if (!result.passed()) {
        failing = result;
      }
    }
    assertThat(failing).as("a seed within 1000 that announces the old checkout").isNotNull();
    assertThat(failing.failure().orElseThrow().getMessage())
        .contains("the rollout announces the new checkout");
    assertThat(failing.seed()).isLessThan(SEEDS);
    SimulationResult replay = FeatureFlags.simulation("storefront.js", failing.seed()).run();
    assertThat(replay.traceSha256()).isEqualTo(failing.traceSha256());
  }

  @Test
  void bothKindsOfStalenessShowAmongTheSeeds() {
    // The read cache (a checkout read before the rollout) and late propagation (kv.stale-read).
    boolean cached = false;
    boolean propagation = false;
    for (long seed = 1; seed <= SEEDS && !(cached && propagation); seed++) {
      SimulationResult result =
          FeatureFlags.simulation("storefront.js", seed).retainingTrace().run();
      if (result.passed()) {
        continue;
      }
      for (String line : result.fullTrace()) {
        cached |= line.contains("\"cached\":true") && line.contains("\"stale\":true");
        propagation |= line.contains("\"family\":\"kv.stale-read\"");
      }
    }
    assertThat(cached).as("a failure served from the read cache").isTrue();
    assertThat(propagation).as("a failure with a late propagation").isTrue();
  }

  @Test
  void theFixedStorefrontPassesTheSameSeeds() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimulationResult result = FeatureFlags.simulation("storefront-fixed.js", seed).run();
      assertThat(result.passed()).as(result.summary()).isTrue();
    }
  }

  @Test
  void aStrictNamespaceHidesTheBug() {
    for (long seed = 1; seed <= 20; seed++) {
      SimulationResult result =
          FeatureFlags.simulation("storefront.js", seed, KvNamespaceBinding.strict("flags")).run();
      assertThat(result.passed()).as(result.summary()).isTrue();
    }
  }

  /** The fixed storefront as a simulation test: seeds from the name, replay, shrinking. */
  @W9ySimulation(seeds = 20)
  void theFixedRolloutAlwaysAnnouncesTheNewCheckout(W9yRun run) {
    run.check(FeatureFlags.simulation("storefront-fixed.js", run.seed()));
  }
}
