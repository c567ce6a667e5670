package dev.w9y.samples.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterSystemTest {

  @Test
  void everyIncrementGetsItsOwnNumberWhateverTheSeed() {
    for (long seed = 0; seed < 200; seed++) {
      List<Long> answers = new ArrayList<>();
      SimulationResult result = CounterSystem.simulation(seed, answers).run();

      assertThat(result.passed()).as(result.summary()).isTrue();
      assertThat(answers)
          .as("seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(CounterSystem.expected());
    }
  }

  @Test
  void aSeedReproducesItsRunExactly() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();

    SimulationResult a = CounterSystem.simulation(42, first).run();
    SimulationResult b = CounterSystem.simulation(42, second).run();

    assertThat(b.traceSha256()).isEqualTo(a.traceSha256());
    assertThat(second).isEqualTo(first);
  }
}
