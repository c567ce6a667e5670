package dev.w9y.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerWorkloadTest {
  private static final int SEEDS = 2_000;

  @Test
  void theSameSeedDispatchesTheSameEventsAndDrawsTheSameNumbersOverThousandsOfSeeds() {
    List<String> first = runSeeds();
    List<String> second = runSeeds();

    for (int i = 0; i < SEEDS; i++) {
      assertThat(second.get(i)).as("seed %d run twice", i).isEqualTo(first.get(i));
    }
  }

  @Test
  void theDigestTellsSeedsApart() {
    List<String> hashes = new ArrayList<>();
    for (String line : runSeeds()) {
      hashes.add(line.substring(line.indexOf("sha256=")));
    }
    assertThat(hashes).doesNotHaveDuplicates();
  }

  @Test
  void theWorkloadExercisesPausesSameTimeFanOutAndRealTraffic() {
    SchedulerWorkload.Result result = SchedulerWorkload.run(1);

    assertThat(result.events()).isGreaterThan(1_000);
    assertThat(result.endNanos()).isEqualTo(SchedulerWorkload.RUN_DURATION.toNanos());
    assertThat(result.line()).startsWith("seed=1 events=").contains(" sha256=");
  }

  private static List<String> runSeeds() {
    List<String> lines = new ArrayList<>(SEEDS);
    for (long seed = 0; seed < SEEDS; seed++) {
      lines.add(SchedulerWorkload.run(seed).line());
    }
    return lines;
  }
}
