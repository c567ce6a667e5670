package dev.w9y.samples.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.SimulationResult;
import dev.w9y.junit.W9yRun;
import dev.w9y.junit.W9ySimulation;
import java.util.ArrayList;
import java.util.List;

class CounterSystemTest {

  /** Reproduce one seed with: mvn test -pl samples -am -Dtest=CounterSystemTest -Dseed=N */
  @W9ySimulation(seeds = 200)
  void everyIncrementGetsItsOwnNumber(W9yRun run) {
    List<Long> answers = new ArrayList<>();

    run.check(CounterSystem.simulation(run.seed(), answers));

    assertThat(answers).containsExactlyInAnyOrderElementsOf(CounterSystem.expected());
  }

  @W9ySimulation(seeds = 3)
  void aSeedReproducesItsRunExactly(W9yRun run) {
    SimulationResult first = run.check(CounterSystem.simulation(run.seed(), new ArrayList<>()));
    SimulationResult second = run.check(CounterSystem.simulation(run.seed(), new ArrayList<>()));

    assertThat(second.traceSha256()).isEqualTo(first.traceSha256());
  }
}
