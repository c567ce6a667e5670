package dev.w9y.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DistributionTest {
  private final RandomStream random = RandomStream.root(21).child("distribution");

  @Test
  void fixedAlwaysGivesItsValueWithoutDrawing() {
    Distribution fixed = Distribution.fixed(Duration.ofMillis(3));

    assertThat(random.sampleNanos(fixed)).isEqualTo(3_000_000);
    assertThat(random.drawCount()).isZero();
  }

  @Test
  void uniformCoversItsWholeInclusiveRange() {
    Distribution uniform = new Distribution.Uniform(10, 13);
    boolean[] seen = new boolean[4];
    for (int i = 0; i < 1_000; i++) {
      long sample = random.sampleNanos(uniform);
      assertThat(sample).isBetween(10L, 13L);
      seen[(int) (sample - 10)] = true;
    }
    assertThat(seen).containsOnly(true);
  }

  @Test
  void exponentialHasItsMeanAndNeverExceedsItsMaximum() {
    Distribution exponential =
        Distribution.exponential(Duration.ofMillis(100), Duration.ofMillis(800));
    double sum = 0;
    long max = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      long sample = random.sampleNanos(exponential);
      assertThat(sample).isBetween(0L, 800_000_000L);
      sum += sample;
      max = Math.max(max, sample);
    }
    // Truncation at 8x the mean takes off e^-8 of the mass: the mean stays within 0.1% of 100 ms.
    assertThat(sum / n / 1e6).isCloseTo(100.0, within(1.5));
    assertThat(max).isEqualTo(800_000_000L);
  }

  @Test
  void aLongTailDrawsFromTheTailWithItsRatio() {
    Distribution longTail =
        Distribution.longTail(
            Distribution.fixed(Duration.ofMillis(1)),
            Ratio.of(1, 10),
            Distribution.fixed(Duration.ofSeconds(1)));
    int tail = 0;
    for (int i = 0; i < 50_000; i++) {
      if (random.sampleNanos(longTail) == 1_000_000_000L) {
        tail++;
      }
    }
    assertThat(tail / 50_000.0).isCloseTo(0.1, within(0.01));
    assertThat(longTail.minNanos()).isEqualTo(1_000_000L);
    assertThat(longTail.maxNanos()).isEqualTo(1_000_000_000L);
  }

  @Test
  void invalidDistributionsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> new Distribution.Uniform(5, 4)).hasMessageContaining("below its min");
    assertThatThrownBy(() -> new Distribution.Fixed(-1)).hasMessageContaining("negative");
    assertThatThrownBy(() -> new Distribution.Exponential(0, 10))
        .hasMessageContaining("mean must be positive");
    assertThatThrownBy(() -> new Distribution.Exponential(10, 5))
        .hasMessageContaining("below its mean");
  }
}
