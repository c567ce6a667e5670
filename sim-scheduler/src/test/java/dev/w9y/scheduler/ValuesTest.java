package dev.w9y.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void virtualTimeFormatsAsHoursMinutesSecondsAndMillis() {
    assertThat(VirtualTime.format(0)).isEqualTo("+00:00:00.000");
    assertThat(VirtualTime.format(Duration.ofMillis(192_004).toNanos())).isEqualTo("+00:03:12.004");
    assertThat(VirtualTime.format(Duration.ofHours(51).plusMillis(6).toNanos()))
        .isEqualTo("+2d03:00:00.006");
    assertThat(VirtualTime.format(-Duration.ofMillis(1500).toNanos())).isEqualTo("-00:00:01.500");
    assertThat(VirtualTime.formatPrecise(1_000_000_250L)).isEqualTo("+00:00:01.000000250");
    assertThat(VirtualTime.format(Long.MIN_VALUE)).startsWith("-106751d");
  }

  @Test
  void ratiosAreExactAndValidated() {
    assertThat(Ratio.parse("1/4")).isEqualTo(Ratio.of(1, 4));
    assertThat(Ratio.parse(" 25% ")).isEqualTo(Ratio.of(25, 100));
    assertThat(Ratio.of(3, 8)).hasToString("3/8");
    assertThat(Ratio.NEVER.isNever()).isTrue();
    assertThatThrownBy(() -> Ratio.of(5, 4)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Ratio.of(1, 0)).hasMessageContaining("denominator");
    assertThatThrownBy(() -> Ratio.parse("0.25")).hasMessageContaining("1/4 or 25%");
    assertThatThrownBy(() -> Ratio.parse("a/b")).hasMessageContaining("1/4 or 25%");
  }

  @Test
  void negativeWeightsAreRejected() {
    assertThatThrownBy(() -> Weighted.of("x", -1)).hasMessageContaining("negative");
  }
}
