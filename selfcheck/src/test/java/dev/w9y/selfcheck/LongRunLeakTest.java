package dev.w9y.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.SimulationRun;
import dev.w9y.guestjs.internal.JsSandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * CI fuzz jobs run seed after seed in one JVM for hours: nothing a run makes may outlive it. The
 * soak benchmark ({@code SoakBenchmark}, docs/PERFORMANCE.md) shows it over 10,000 seeds; this is
 * the short version that catches a regression. Before runs released their guests, every JS seed of
 * this workload kept about 4 GraalJS contexts and 0.9 MB of heap.
 */
class LongRunLeakTest {
  private static final int WARM_UP_SEEDS = 40;
  private static final int MEASURED_SEEDS = 260;

  /**
   * A leak of 0.9 MB per seed grows the heap by about 230 MB over the measured seeds; the JIT's
   * code caches, GraalJS's source caches and the heap's own noise stay well under this.
   */
  private static final long MAX_GROWTH_BYTES = 48L * 1024 * 1024;

  @Test
  void everyGuestContextIsClosedWhenARunEnds() {
    long before = JsSandbox.openContexts();
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult result = JsWorkload.run(seed);
      assertThat(JsSandbox.openContexts())
          .as("contexts still open after seed %d (%s)", seed, result.summary())
          .isEqualTo(before);
    }
  }

  @Test
  void aRunAbandonedHalfwayReleasesItsGuestsWhenClosed() {
    long before = JsSandbox.openContexts();
    try (SimulationRun run = JsWorkload.simulation(7).start()) {
      assertThat(run.runTo(200)).as("paused at event 200").isTrue();
      assertThat(JsSandbox.openContexts()).as("contexts while paused").isGreaterThan(before);
    }
    assertThat(JsSandbox.openContexts()).isEqualTo(before);
  }

  @Test
  void liveHeapStaysFlatOverHundredsOfJavaScriptSeeds() {
    for (long seed = 0; seed < WARM_UP_SEEDS; seed++) {
      JsWorkload.run(seed);
    }
    long start = liveHeapBytes();
    for (long seed = WARM_UP_SEEDS; seed < WARM_UP_SEEDS + MEASURED_SEEDS; seed++) {
      JsWorkload.run(seed);
    }
    long end = liveHeapBytes();
    assertThat(end - start)
        .as(
            "live heap after GC grew from %d MB to %d MB over %d seeds",
            start >> 20, end >> 20, MEASURED_SEEDS)
        .isLessThan(MAX_GROWTH_BYTES);
  }

  /** Heap in use after full collections (repeated: one may leave finalizable objects behind). */
  static long liveHeapBytes() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
