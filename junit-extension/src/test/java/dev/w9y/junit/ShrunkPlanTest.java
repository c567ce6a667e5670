package dev.w9y.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.faults.FaultKind;
import dev.w9y.faults.FaultScope;
import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan files: what a failing run writes, and the mistakes reading one refuses. */
class ShrunkPlanTest {
  private static final String DROP = "network.drop:payments->accounts/request#7";
  private static final String WRITE = "storage.write-failure:JOURNAL:0123456789ab/write#2";

  @TempDir Path directory;

  private Path plan(String text) throws IOException {
    Path file = directory.resolve("seed-42.plan");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void aWrittenPlanReadsBackWithItsFaultsWorkloadAndScope() {
    Path file = directory.resolve("seed-42.plan");
    FaultScope scope =
        FaultScope.NONE
            .sparing(List.of("driver", "ledger/JOURNAL"))
            .onlyKinds(List.of(FaultKind.NETWORK, FaultKind.STORAGE));

    SeedRunner.ShrunkPlan.write(file, 42, List.of(DROP, WRITE), 50, scope);

    assertThat(SeedRunner.ShrunkPlan.read(file))
        .isEqualTo(new SeedRunner.ShrunkPlan(42, List.of(DROP, WRITE), 50, scope));
  }

  @Test
  void anUnscopedRunsPlanHasOnlyTheLinesPlansAlwaysHad() throws IOException {
    Path file = directory.resolve("seed-42.plan");

    SeedRunner.ShrunkPlan.write(file, 42, List.of(DROP), 100, FaultScope.NONE);

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "# W9Y shrunk plan: replay with -Dw9y.plan=seed-42.plan",
            "seed=42",
            "faults=" + DROP,
            "workload=100");
  }

  @Test
  void aTruncatedOrMistypedFaultIdIsRefusedWithTheFileLineAndId() throws IOException {
    Path truncated = plan("# a plan\nseed=42\nfaults=" + DROP + ",network.drop:payments->acc\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(truncated))
        .isInstanceOf(W9yException.class)
        .hasMessageContaining("plan " + truncated.toAbsolutePath() + ":3: ")
        .hasMessageContaining("fault id 'network.drop:payments->acc' is malformed");

    Path unknown = plan("seed=42\nfaults=f17\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(unknown))
        .hasMessageContaining(":2: fault id 'f17' is malformed");

    Path family = plan("seed=42\nfaults=network.dorp:a->b/request#1\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(family))
        .hasMessageContaining("unknown fault family 'network.dorp'");

    Path empty = plan("seed=42\nfaults=" + DROP + ",\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(empty))
        .hasMessageContaining(":2: fault id '' is malformed");
  }

  @Test
  void linesAPlanDoesNotHaveAreRefusedByLine() throws IOException {
    Path typo = plan("seed=42\nfautls=" + DROP + "\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(typo))
        .hasMessageContaining(":2: unknown line 'fautls=" + DROP + "'");

    Path twice = plan("seed=42\nfaults=" + DROP + "\nseed=43\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(twice))
        .hasMessageContaining(":3: seed= given twice (first at line 1)");

    Path cut = plan("# W9Y shrunk plan\nseed=42\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(cut))
        .hasMessageContaining("has no faults= line (truncated?)");

    Path seed = plan("seed=4x2\nfaults=" + DROP + "\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(seed))
        .hasMessageContaining(":1: seed '4x2' is not a number");

    Path workload = plan("seed=42\nfaults=" + DROP + "\nworkload=0\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(workload))
        .hasMessageContaining(":3: workload '0' is not a percentage from 1 to 100");

    Path kind = plan("seed=42\nfaults=\nspareKinds=disk\n");
    assertThatThrownBy(() -> SeedRunner.ShrunkPlan.read(kind))
        .hasMessageContaining("unknown fault kind 'disk'");
  }
}
