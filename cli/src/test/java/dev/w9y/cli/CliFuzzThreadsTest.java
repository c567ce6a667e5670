package dev.w9y.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w9y fuzz} runs seeds on every available processor by default; the number of threads
 * changes nothing a sweep reports: the same seeds, failures, trace hashes and shrunk plans in
 * result.json, and the same trace files byte for byte.
 */
class CliFuzzThreadsTest {
  @TempDir Path dir;

  @Test
  void oneAndTwoThreadsGiveTheSameResultAndTheSameTraces() throws IOException {
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    W9yProcess.Result first =
        W9yProcess.run(
            "fuzz",
            CliBadInputTest.NAIVE,
            "--seeds",
            "4",
            "--threads",
            "1",
            "--out",
            one.toString());
    W9yProcess.Result second =
        W9yProcess.run(
            "fuzz",
            CliBadInputTest.NAIVE,
            "--seeds",
            "4",
            "--threads",
            "2",
            "--out",
            two.toString());
    assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.SEED_FAILED);
    assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.SEED_FAILED);
    String resultOne = Files.readString(one.resolve("result.json"));
    String resultTwo = Files.readString(two.resolve("result.json"));
    assertThat(resultOne).contains("traceSha256");
    assertThat(resultTwo.replace(two.toString(), one.toString())).isEqualTo(resultOne);
    try (var files = Files.list(one)) {
      for (Path file : files.filter(f -> !f.endsWith("result.json")).toList()) {
        assertThat(Files.readString(two.resolve(file.getFileName().toString())))
            .as(file.getFileName().toString())
            .isEqualTo(Files.readString(file).replace(one.toString(), two.toString()));
      }
    }
  }

  @Test
  void theDefaultIsEveryAvailableProcessor() {
    assertThat(new FuzzCommand().threads).isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
