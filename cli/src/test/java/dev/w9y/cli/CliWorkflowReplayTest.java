package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w9y workflow history} and {@code w9y workflow replay} as separate processes on the
 * charge-workflow sample: record order-0's history from a run, replay it against the fixed shop
 * (exit 0) and against the shop whose charge step was renamed (exit 3, the step named).
 */
class CliWorkflowReplayTest {
  private static final String DIR = "../samples/topologies/charge-workflow/";

  @TempDir Path dir;

  @Test
  void aRecordedHistoryReplaysAgainstTheFixAndDivergesAtTheRenamedStep() throws Exception {
    Path trace = dir.resolve("run.jsonl");
    W9yProcess.Result run =
        W9yProcess.run(
            "run",
            DIR + "fixed.yaml",
            "--seed",
            "1",
            "--faults",
            "none",
            "--trace",
            trace.toString());
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OK);

    Path history = dir.resolve("order-0.json");
    W9yProcess.Result recorded =
        W9yProcess.run(
            "workflow",
            "history",
            trace.toString(),
            "--workflow",
            "charge-card",
            "--instance",
            "order-0",
            "-o",
            history.toString());
    assertThat(recorded.exitCode()).as(recorded.all()).isEqualTo(ExitCodes.OK);
    assertThat(recorded.out()).contains("instance order-0, 4 steps, complete");
    assertThat(Files.readString(history)).contains("\"key\" : \"do:charge card#1\"");

    W9yProcess.Result good =
        W9yProcess.run(
            "workflow",
            "replay",
            "--history",
            history.toString(),
            "--topology",
            DIR + "fixed.yaml");
    assertThat(good.exitCode()).as(good.all()).isEqualTo(ExitCodes.OK);
    assertThat(good.out()).contains("REPLAYS: workflow charge-card instance order-0");

    W9yProcess.Result bad =
        W9yProcess.run(
            "workflow",
            "replay",
            "--history",
            DIR + "order-0.history.json",
            "--topology",
            DIR + "renamed.yaml");
    assertThat(bad.exitCode()).as(bad.all()).isEqualTo(ExitCodes.DIVERGED);
    assertThat(bad.out())
        .contains(
            "DIVERGED: workflow charge-card instance order-0",
            "step 2: the history has step.do(\"charge card\") but the new code calls"
                + " step.do(\"charge the card\")");
  }

  @Test
  void badInputIsExitCodeTwoNamingTheProblem() throws Exception {
    Path notHistory = dir.resolve("x.json");
    Files.writeString(notHistory, "{\"workflow\": \"charge-card\"}");
    W9yProcess.Result noSteps =
        W9yProcess.run(
            "workflow",
            "replay",
            "--history",
            notHistory.toString(),
            "--topology",
            DIR + "fixed.yaml");
    assertThat(noSteps.exitCode()).as(noSteps.all()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noSteps.all()).contains("a workflow history needs a \"steps\" array");

    Path other = dir.resolve("other.json");
    Files.writeString(
        other,
        Files.readString(Path.of(DIR + "order-0.history.json"))
            .replace("\"charge-card\"", "\"no-such-workflow\""));
    W9yProcess.Result unbound =
        W9yProcess.run(
            "workflow", "replay", "--history", other.toString(), "--topology", DIR + "fixed.yaml");
    assertThat(unbound.exitCode()).as(unbound.all()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unbound.all()).contains("the topology binds no workflow named 'no-such-workflow'");
  }
}
