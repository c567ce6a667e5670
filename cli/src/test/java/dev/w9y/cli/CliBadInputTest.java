package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, exit codes and bad input: each mistake is one line naming it, exit code 2. */
class CliBadInputTest {
  static final String NAIVE = "../samples/topologies/box-office/w9y.yaml";

  @TempDir Path dir;

  /** A one-line error on stderr naming {@code named}, nothing on stdout, exit code 2. */
  private static void oneLineError(W9yProcess.Result result, String named) {
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err().strip().lines()).as(result.all()).hasSize(1);
    assertThat(result.err()).as(result.all()).contains(named).doesNotContain("\tat ");
  }

  @Test
  void helpListsTheSubcommandsAndTheExitCodes() {
    W9yProcess.Result help = W9yProcess.run("--help");
    assertThat(help.exitCode()).as(help.all()).isZero();
    assertThat(help.out())
        .contains("run ", "fuzz ", "replay ", "shrink ", "merge ")
        .contains("Exit codes:", "3   Replay diverged");
    W9yProcess.Result runHelp = W9yProcess.run("run", "--help");
    assertThat(runHelp.exitCode()).isZero();
    assertThat(runHelp.out()).contains("--seed=N", "--faults", "--trace=FILE");
  }

  @Test
  void unknownSubcommandsFlagsAndMissingArgumentsAreOneLineErrors() {
    oneLineError(W9yProcess.run("rnu", NAIVE), "rnu");
    oneLineError(W9yProcess.run("run", NAIVE, "--sed", "3"), "--sed");
    oneLineError(W9yProcess.run("run"), "TOPOLOGY");
    oneLineError(W9yProcess.run("run", NAIVE, "--seed", "x"), "--seed");
    oneLineError(W9yProcess.run("fuzz", NAIVE, "--shard", "2/2"), "--shard");
    oneLineError(W9yProcess.run("run", NAIVE, "--faults", "chaoss"), "chaoss");
  }

  @Test
  void missingAndBadFilesAreOneLineErrorsNamingTheFile() throws IOException {
    oneLineError(W9yProcess.run("run", "nowhere.yaml"), "nowhere.yaml: topology file not found");
    Path topology = dir.resolve("bad.yaml");
    Files.writeString(
        topology,
        "services:\n  a:\n    kind: js\n    entry: a.js\n    pubilc: true\n",
        StandardCharsets.UTF_8);
    oneLineError(W9yProcess.run("run", topology.toString()), "bad.yaml:5:5: services.a.pubilc");

    Path notATrace = dir.resolve("notes.jsonl");
    Files.writeString(notATrace, "hello\n", StandardCharsets.UTF_8);
    oneLineError(W9yProcess.run("replay", notATrace.toString()), "notes.jsonl");
    oneLineError(W9yProcess.run("replay", dir.resolve("gone.jsonl").toString()), "gone.jsonl");

    Path otherVersion = dir.resolve("v9.jsonl");
    Files.writeString(
        otherVersion,
        "{\"format\":\"w9y-trace/9\",\"seed\":1}\n{\"end\":true,\"records\":0,\"sha256\":\"00\"}\n",
        StandardCharsets.UTF_8);
    oneLineError(W9yProcess.run("replay", otherVersion.toString()), "w9y-trace/9");

    Path notJson = dir.resolve("result.json");
    Files.writeString(notJson, "{\"format\":\"other\"}", StandardCharsets.UTF_8);
    oneLineError(W9yProcess.run("merge", notJson.toString()), "not a w9y fuzz result");
  }

  @Test
  void aTruncatedTraceIsAOneLineError() throws IOException {
    // A real trace of a passing seed of the correct box office, cut in the middle of a line.
    Path trace = dir.resolve("whole.jsonl");
    W9yProcess.Result run =
        W9yProcess.run(
            "run", "../samples/topologies/box-office/correct.yaml", "--trace", trace.toString());
    assertThat(run.exitCode()).as(run.all()).isZero();
    List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
    String cut =
        String.join("\n", lines.subList(0, lines.size() / 2))
            + "\n"
            + lines.get(lines.size() / 2).substring(0, 20);
    Path truncated = dir.resolve("truncated.jsonl");
    Files.writeString(truncated, cut, StandardCharsets.UTF_8);
    oneLineError(W9yProcess.run("replay", truncated.toString()), "truncated.jsonl");
    oneLineError(W9yProcess.run("shrink", truncated.toString()), "truncated.jsonl");
    // A passing run has nothing to shrink.
    oneLineError(W9yProcess.run("shrink", trace.toString()), "passed");
  }
}
