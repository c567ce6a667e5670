package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The subcommands as separate processes on the box-office sample, in the order a user goes: run,
 * fuzz in two shards, reproduce a failure, merge, replay, shrink. Later tests use what earlier ones
 * wrote (the fuzz shards' traces), so the class runs its tests in order on one directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliWorkflowTest {
  private static final String NAIVE = CliBadInputTest.NAIVE;
  private static final String CORRECT = "../samples/topologies/box-office/correct.yaml";
  private static final Pattern SHA = Pattern.compile("sha256:\\s+([0-9a-f]{64})");

  @TempDir static Path dir;

  private static String sha(W9yProcess.Result result) {
    Matcher matcher = SHA.matcher(result.out());
    assertThat(matcher.find()).as(result.all()).isTrue();
    return matcher.group(1);
  }

  @Test
  @Order(1)
  void runPassesOrFailsBySeedAndTheSameSeedGivesTheSameHashInTwoProcesses() {
    W9yProcess.Result correct =
        W9yProcess.run("run", CORRECT, "--seed", "3", "--trace", dir.resolve("c.jsonl").toString());
    assertThat(correct.exitCode()).as(correct.all()).isEqualTo(ExitCodes.OK);
    assertThat(correct.out()).contains("status:    PASSED", "events:", "virtual time");

    W9yProcess.Result naive =
        W9yProcess.run("run", NAIVE, "--seed", "3", "--trace", dir.resolve("n1.jsonl").toString());
    assertThat(naive.exitCode()).as(naive.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(naive.out())
        .contains("status:    FAILED", "GET http://driver/check answered 409", "was given twice");
    // Given as an absolute path this time: the header records where the file is relative to the
    // working directory either way, so the trace (and its hash) is the same.
    W9yProcess.Result again =
        W9yProcess.run(
            "run",
            Path.of(NAIVE).toAbsolutePath().toString(),
            "--seed",
            "3",
            "--trace",
            dir.resolve("n2.jsonl").toString());
    assertThat(sha(again)).isEqualTo(sha(naive));
    assertThat(sha(naive)).isNotEqualTo(sha(correct));
  }

  private Path shard0;
  private Path shard1;

  @Test
  @Order(2)
  void fuzzShardsFindTheNaiveBoxOfficesFailureAndItsReproduceCommandGivesTheSameHash()
      throws IOException {
    shard0 = dir.resolve("shard-0");
    shard1 = dir.resolve("shard-1");
    W9yProcess.Result first =
        W9yProcess.run("fuzz", NAIVE, "--seeds", "4", "--shard", "0/2", "--out", shard0.toString());
    W9yProcess.Result second =
        W9yProcess.run("fuzz", NAIVE, "--seeds", "4", "--shard", "1/2", "--out", shard1.toString());
    assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(first.out())
        .contains("reproduce: ./w9y run " + NAIVE + " --seed ")
        .contains("replay the shrunk plan: ./w9y run " + NAIVE + " --faults ");
    // The sweep's summary (on stderr, with its progress) has the seed count.
    assertThat(first.err()).contains("2 seeds");

    JsonNode result = Json.MAPPER.readTree(Files.readString(shard0.resolve("result.json")));
    assertThat(result.path("shard").asString()).isEqualTo("0/2");
    assertThat(result.path("seedsRun").asLong()).isEqualTo(2);
    JsonNode failure = result.path("failures").get(0);
    long seed = failure.path("seed").asLong();
    assertThat(Path.of(failure.path("trace").asString())).isRegularFile();
    assertThat(Path.of(failure.path("plan").asString())).isRegularFile();
    JsonNode other = Json.MAPPER.readTree(Files.readString(shard1.resolve("result.json")));
    assertThat(other.path("failures").get(0).path("seed").asLong()).isNotEqualTo(seed);

    // The reproduce command, run as written (without ./w9y), fails the same way, same hash.
    String reproduce = failure.path("reproduce").asString();
    assertThat(reproduce).startsWith("./w9y run ");
    List<String> args = new ArrayList<>(List.of(reproduce.substring("./w9y ".length()).split(" ")));
    args.add("--trace");
    args.add(dir.resolve("reproduced.jsonl").toString());
    W9yProcess.Result reproduced = W9yProcess.run(args.toArray(String[]::new));
    assertThat(reproduced.exitCode()).as(reproduced.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(sha(reproduced)).isEqualTo(failure.path("traceSha256").asString());
  }

  @Test
  @Order(3)
  void mergeCombinesTheShardsAndUpdatesARegressionCorpus() throws IOException {
    Path corpus = dir.resolve("corpus.seeds");
    W9yProcess.Result merged =
        W9yProcess.run(
            "merge",
            shard0.resolve("result.json").toString(),
            shard1.resolve("result.json").toString(),
            "--corpus",
            corpus.toString());
    assertThat(merged.exitCode()).as(merged.all()).isEqualTo(ExitCodes.SEED_FAILED);
    int failures = 0;
    for (Path shard : List.of(shard0, shard1)) {
      failures +=
          Json.MAPPER
              .readTree(Files.readString(shard.resolve("result.json")))
              .path("failures")
              .size();
    }
    assertThat(merged.out())
        .contains("2 shards [0/2, 1/2], 4 seeds, " + failures + " failed", "reproduce: ");
    assertThat(Files.readAllLines(corpus)).hasSize(failures);
  }

  @Test
  @Order(4)
  void replaySaysIdenticalOnAGoodTraceAndShowsWhereATamperedOneDiverges() throws IOException {
    Path trace = onlyTrace(shard0);
    W9yProcess.Result identical = W9yProcess.run("replay", trace.toString());
    assertThat(identical.exitCode()).as(identical.all()).isEqualTo(ExitCodes.OK);
    assertThat(identical.out()).startsWith("identical: ");

    // A record changed, with the footer's hash made to match: a valid trace of another run.
    List<String> lines = new ArrayList<>(Files.readAllLines(trace, StandardCharsets.UTF_8));
    int changed = lines.size() / 2;
    String original = lines.get(changed);
    lines.set(changed, original.replaceFirst("\"t\":(\\d+)", "\"t\":$11"));
    assertThat(lines.get(changed)).isNotEqualTo(original);
    lines.set(lines.size() - 1, withHash(lines));
    Path tampered = dir.resolve("tampered.jsonl");
    Files.write(tampered, lines, StandardCharsets.UTF_8);
    W9yProcess.Result diverged = W9yProcess.run("replay", tampered.toString());
    assertThat(diverged.exitCode()).as(diverged.all()).isEqualTo(ExitCodes.DIVERGED);
    assertThat(diverged.out())
        .contains("traces diverge at line " + changed)
        .contains("expected: " + lines.get(changed))
        .contains("actual:   " + original);
  }

  @Test
  @Order(5)
  void shrinkWritesAPlanThatRunReplays() throws IOException {
    Path trace = onlyTrace(shard1);
    Path plan = dir.resolve("minimal.plan");
    W9yProcess.Result shrunk = W9yProcess.run("shrink", trace.toString(), "-o", plan.toString());
    assertThat(shrunk.exitCode()).as(shrunk.all()).isEqualTo(ExitCodes.OK);
    assertThat(shrunk.out()).contains("shrunk: fails with ", "plan:   " + plan);
    long seed = Long.parseLong(trace.getFileName().toString().replaceAll("\\D", ""));
    assertThat(Files.readString(plan)).contains("seed=" + seed, "faults=");
    W9yProcess.Result replayed = W9yProcess.run("run", NAIVE, "--faults", plan.toString());
    assertThat(replayed.exitCode()).as(replayed.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(replayed.out()).contains("seed " + seed, "a shrunk plan's", "was given twice");
  }

  @Test
  @Order(6)
  void viewExportAndDebugOpenAFailingSeed() throws IOException {
    Path trace = onlyTrace(shard0);
    Path html = dir.resolve("run.html");
    W9yProcess.Result view = W9yProcess.run("view", trace.toString(), "-o", html.toString());
    assertThat(view.exitCode()).as(view.all()).isEqualTo(ExitCodes.OK);
    assertThat(view.out()).contains("viewer: " + html);
    assertThat(Files.readString(html)).contains("<html").doesNotContain("src=\"http");

    Path json = dir.resolve("run.perfetto.json");
    W9yProcess.Result export =
        W9yProcess.run("export", "--perfetto", trace.toString(), "-o", json.toString());
    assertThat(export.exitCode()).as(export.all()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(json)).contains("\"traceEvents\"", "\"ph\":\"X\"");

    // A scripted session on the trace fuzz found: to the failure, then back to the box office's
    // last sale before it, whose storage still says one seat sold; and the same event again by
    // stepping back and forth.
    W9yProcess.Result debug =
        W9yProcess.runWithInput(
            String.join(
                "\n",
                "break kind=check.failed",
                "continue",
                "delete 1",
                "break kind=response.sent actor=EVENTS:7ea2a6f85758",
                "reverse-continue",
                "show storage EVENTS:7ea2a6f85758",
                "back 2",
                "step 2",
                "quit",
                ""),
            "debug",
            trace.toString(),
            "--echo");
    assertThat(debug.exitCode()).as(debug.all()).isEqualTo(ExitCodes.OK);
    String out = debug.out();
    assertThat(out)
        .as(debug.all())
        .contains("breakpoint 1 (kind=check.failed) at #")
        .contains("breakpoint 2 (kind=response.sent actor=EVENTS:7ea2a6f85758) at #")
        .contains("storage of EVENTS:7ea2a6f85758")
        .containsPattern("\\n  sold  \\d+\\n");
    // back 2 then step 2 prints the breakpoint's event's records again, byte for byte.
    String afterHit = out.substring(out.indexOf('\n', out.indexOf("breakpoint 2 (kind=")) + 1);
    String hitRecords = afterHit.substring(0, afterHit.indexOf("\n#") + 1); // up to the prompt
    assertThat(hitRecords).contains("\"kind\":\"response.sent\"");
    assertThat(out.substring(out.indexOf("> step 2"))).contains(hitRecords);
  }

  @Test
  @Order(7)
  void viewDebugAndExportRefuseWhatIsNotATrace() throws IOException {
    Path notATrace = dir.resolve("not-a-trace.jsonl");
    Files.writeString(notATrace, "hello\n");
    for (String[] args :
        List.of(
            new String[] {"view", notATrace.toString()},
            new String[] {"export", "--perfetto", notATrace.toString()},
            new String[] {"debug", notATrace.toString()},
            new String[] {"view", dir.resolve("missing.jsonl").toString()})) {
      W9yProcess.Result result = W9yProcess.run(args);
      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err().strip().lines().count()).as(result.all()).isEqualTo(1);
      assertThat(result.err()).doesNotContain("Exception").contains("trace");
    }
  }

  /** The first failing seed's trace a fuzz shard wrote. */
  private static Path onlyTrace(Path shard) throws IOException {
    try (var files = Files.list(shard)) {
      return files
          .filter(f -> f.getFileName().toString().matches("seed-\\d+\\.jsonl"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  /** The footer of {@code lines} with the hash of every line before it, as TraceReader checks. */
  private static String withHash(List<String> lines) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String line : lines.subList(0, lines.size() - 1)) {
        sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String hash = HexFormat.of().formatHex(sha256.digest());
      return lines
          .get(lines.size() - 1)
          .replaceFirst("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + hash + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
