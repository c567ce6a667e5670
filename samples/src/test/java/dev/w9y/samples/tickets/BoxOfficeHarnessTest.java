package dev.w9y.samples.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.Simulation;
import dev.w9y.core.SimulationResult;
import dev.w9y.core.topology.TopologyFile;
import dev.w9y.faults.FaultPlanFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The box office tested as an existing system is, from outside: a driver Worker
 * (topologies/box-office/driver.js) runs the buyers on {@code POST /run} and answers {@code GET
 * /check} with 200 or 409; the topology file's workload calls both, the check once the faults are
 * healed, and its {@code faults:} section is chaos sparing the driver (the harness keeps its
 * journal; faults act on the system under test). No Java check: the HTTP answer is the verdict.
 */
class BoxOfficeHarnessTest {
  private static final Path TOPOLOGIES = Path.of("topologies", "box-office");
  private static final int SEEDS = 8;

  /** The topology file as a simulation at {@code seed}, with the file's own fault plan. */
  private static Simulation simulation(String file, long seed) {
    TopologyFile.TopologyDocument document = TopologyFile.read(TOPOLOGIES.resolve(file));
    Simulation simulation =
        Simulation.builder(document.topology())
            .seed(seed)
            .workload(document.workload().orElseThrow()::newWorkload)
            .build();
    return FaultPlanFile.planOf(document).applyTo(simulation);
  }

  private static List<SimulationResult> sweep(String file) {
    List<SimulationResult> results = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      results.add(simulation(file, seed).run());
    }
    return results;
  }

  @Test
  void theHarnessFindsThePlantedDoubleSaleThroughItsCheckEndpoint() {
    List<SimulationResult> naive = sweep("w9y.yaml");

    assertThat(naive).anySatisfy(result -> assertThat(result.passed()).isFalse());
    SimulationResult failed = naive.stream().filter(r -> !r.passed()).findFirst().orElseThrow();
    assertThat(failed.failure().orElseThrow().getMessage())
        .contains("GET http://driver/check answered 409")
        .contains("was given twice");
  }

  @Test
  void theFixedBoxOfficePassesTheSameSeedsWithTheDriverSpared() {
    for (SimulationResult result : sweep("correct.yaml")) {
      assertThat(result.passed()).as(result.summary()).isTrue();
    }
  }

  @Test
  void aSeedOfTheHarnessIsTheSameRunTwice() {
    for (long seed = 1; seed <= 3; seed++) {
      assertThat(simulation("w9y.yaml", seed).run().traceSha256())
          .isEqualTo(simulation("w9y.yaml", seed).run().traceSha256());
    }
  }
}
