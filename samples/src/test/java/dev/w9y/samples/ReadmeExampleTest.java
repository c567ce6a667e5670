package dev.w9y.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.scheduler.DispatchDigest;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import dev.w9y.scheduler.Ratio;
import dev.w9y.scheduler.Scheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example on the README's first screen, kept compiling and passing here. */
class ReadmeExampleTest {
  // README example begins
  static String simulate(long seed) {
    Scheduler sim = Scheduler.create(seed); // virtual clock + seeded event queue
    RandomStream net = sim.random("network"); // a named stream: its numbers depend on (seed, name)
    Distribution latency =
        Distribution.longTail(
            Distribution.uniform(Duration.ofMillis(1), Duration.ofMillis(20)),
            Ratio.of(1, 50), // 2% of messages take the slow path
            Distribution.exponential(Duration.ofMillis(300), Duration.ofSeconds(5)));
    DispatchDigest trace = DispatchDigest.attachTo(sim); // SHA-256 of every dispatched event

    for (int i = 0; i < 100; i++) {
      int request = i;
      sim.scheduleAfter(
          net.sampleNanos(latency),
          "deliver request " + request,
          () -> {
            if (net.chance(Ratio.of(1, 10))) {
              sim.scheduleAfter(Duration.ofSeconds(1), "retry " + request, () -> {});
            }
          });
    }
    sim.runFor(Duration.ofMinutes(5)); // five virtual minutes, ~1 ms real
    return trace.hex(); // simulate(1234) is the same on every run, JVM and JDK
  }

  @Test
  void theSameSeedGivesTheSameRunByteForByte() {
    assertThat(simulate(1234)).isEqualTo(simulate(1234));
    assertThat(simulate(1234)).isNotEqualTo(simulate(1235));
  }
  // README example ends
}
