package dev.w9y.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PingDemoTest {

  @Test
  void theSameSeedPrintsTheSameRun() {
    PingDemo.Outcome first = PingDemo.run(42);
    PingDemo.Outcome again = PingDemo.run(42);

    assertThat(again).isEqualTo(first);
    assertThat(first.log()).hasSize((int) first.events());
  }

  @Test
  void seedsDecideLossesAndRetries() {
    long distinctDigests =
        java.util.stream.LongStream.range(0, 50)
            .mapToObj(PingDemo::run)
            .map(PingDemo.Outcome::sha256)
            .distinct()
            .count();
    assertThat(distinctDigests).isGreaterThan(40);
  }

  @Test
  void everyPingIsTriedAtMostThreeTimes() {
    for (long seed = 0; seed < 200; seed++) {
      PingDemo.Outcome outcome = PingDemo.run(seed);
      assertThat(outcome.attempts()).isBetween(5, 15);
      assertThat(outcome.answered()).isBetween(0, 5);
    }
  }
}
