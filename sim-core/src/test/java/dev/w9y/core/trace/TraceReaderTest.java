package dev.w9y.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  @TempDir Path dir;

  /** A finished trace of three records: header, records i=0..2, footer (5 lines). */
  private Path finishedTrace(String name) {
    Path file = dir.resolve(name);
    TraceWriter writer = TraceWriter.toFile(file, false);
    writer.header(9, "test", new TreeMap<>());
    for (int i = 0; i < 3; i++) {
      Map<String, Object> details = new TreeMap<>();
      details.put("n", (long) i);
      writer.record(new TraceRecord(i, i, i * 1_000L, "svc#0", "thing.happened", details));
    }
    Map<String, Object> footer = new TreeMap<>();
    footer.put("status", "passed");
    writer.finish(footer);
    return file;
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static void write(Path file, List<String> lines) throws Exception {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void theFooterHashIsTheSha256OfTheFileWithoutItsLastLine() throws Exception {
    Path file = finishedTrace("seed-9.jsonl");
    byte[] bytes = Files.readAllBytes(file);
    int footerStart = bytes.length - 1;
    while (bytes[footerStart - 1] != '\n') {
      footerStart--;
    }

    // What `head -n -1 seed-9.jsonl | sha256sum` computes.
    String byHand =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Arrays.copyOfRange(bytes, 0, footerStart)));
    TraceReader trace = TraceReader.read(file);

    assertThat(trace.isComplete()).isTrue();
    assertThat(trace.records()).hasSize(3);
    assertThat(trace.footer().get().get("sha256").asString()).isEqualTo(byHand);
  }

  @Test
  void aChangedRecordIsCaughtByTheFooterHash() throws Exception {
    Path file = finishedTrace("changed.jsonl");
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"n\":1", "\"n\":7"));
    write(file, lines);

    assertThatThrownBy(() -> TraceReader.read(file))
        .isInstanceOf(TraceReader.CorruptTrace.class)
        .hasMessageStartingWith("trace " + file + " line 5: the footer's sha256 ")
        .hasMessageContaining("the trace was changed after it was written")
        .satisfies(e -> assertThat(((TraceReader.CorruptTrace) e).line()).isEqualTo(5));
  }

  @Test
  void aFileCutInTheMiddleOfALineIsReportedAsTruncatedAtThatLine() throws Exception {
    Path file = finishedTrace("cut.jsonl");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int third = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 10;
    Files.writeString(file, text.substring(0, third), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TraceReader.read(file))
        .isInstanceOf(TraceReader.CorruptTrace.class)
        .hasMessageStartingWith("trace " + file + " line 4: cut off in the middle")
        .hasMessageContaining("the file is truncated");
  }

  @Test
  void aFinishedFileWithoutItsFooterIsReportedAsTruncated() throws Exception {
    Path file = finishedTrace("nofooter.jsonl");
    List<String> lines = lines(file);
    write(file, lines.subList(0, 4));

    assertThatThrownBy(() -> TraceReader.read(file))
        .isInstanceOf(TraceReader.CorruptTrace.class)
        .hasMessage(
            "trace "
                + file
                + ": no footer after 3 records: the file is truncated (a run that dies leaves a"
                + " .partial file instead)");
  }

  @Test
  void aLineThatIsNotJsonIsNamedByItsNumberNotAsARawParserError() throws Exception {
    Path file = finishedTrace("garbled.jsonl");
    List<String> lines = lines(file);
    lines.set(1, "{\"actor\":\"svc#0\",\"e\":0,\"i\":0,\"kind\":\"thing\u0000happened");
    write(file, lines);

    assertThatThrownBy(() -> TraceReader.read(file))
        .isInstanceOf(TraceReader.CorruptTrace.class)
        .hasMessageStartingWith("trace " + file + " line 2: a record is not valid JSON (");
  }

  @Test
  void aMissingOrRepeatedLineIsNamed() throws Exception {
    Path file = finishedTrace("missing.jsonl");
    List<String> lines = lines(file);
    lines.remove(2);
    write(file, lines);

    assertThatThrownBy(() -> TraceReader.read(file))
        .hasMessage(
            "trace "
                + file
                + " line 3: record i=2 where i=1 belongs: a line is missing, repeated or changed");
  }

  @Test
  void anotherFormatVersionIsNamed() throws Exception {
    Path file = finishedTrace("v2.jsonl");
    List<String> lines = lines(file);
    lines.set(0, lines.get(0).replace("w9y-trace/1", "w9y-trace/2"));
    write(file, lines);

    assertThatThrownBy(() -> TraceReader.read(file))
        .hasMessage(
            "trace "
                + file
                + " line 1: format w9y-trace/2 is not one this version of W9Y reads (it reads"
                + " w9y-trace/1)");
    Files.writeString(file, "not a trace\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TraceReader.read(file))
        .hasMessageStartingWith("trace " + file + " line 1: the header is not valid JSON");
    Files.writeString(file, "", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TraceReader.read(file))
        .hasMessage("trace " + file + ": the trace is empty");
  }

  @Test
  void aLineAfterTheFooterIsNamed() throws Exception {
    Path file = finishedTrace("after.jsonl");
    List<String> lines = new java.util.ArrayList<>(lines(file));
    lines.add(lines.get(1));
    write(file, lines);

    assertThatThrownBy(() -> TraceReader.read(file))
        .hasMessage("trace " + file + " line 6: a line follows the footer (line 5)");
  }

  @Test
  void aPartialTraceLeftByAKilledRunDropsOnlyTheLineItWasWriting() throws Exception {
    Path finished = finishedTrace("whole.jsonl");
    String text = Files.readString(finished, StandardCharsets.UTF_8);
    int third = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 10;
    Path partial = dir.resolve("killed.jsonl.partial");
    Files.writeString(partial, text.substring(0, third), StandardCharsets.UTF_8);

    TraceReader trace = TraceReader.read(partial);

    assertThat(trace.isComplete()).isFalse();
    assertThat(trace.records()).hasSize(2);
    assertThat(trace.header().get("seed").asLong()).isEqualTo(9);
  }

  @Test
  void linesInMemoryAreCheckedAgainstTheirFooterToo() throws Exception {
    List<String> lines = new java.util.ArrayList<>(lines(finishedTrace("memory.jsonl")));
    assertThat(TraceReader.parse(lines, "seed 9").records()).hasSize(3);

    lines.set(1, lines.get(1).replace("\"n\":0", "\"n\":5"));
    assertThatThrownBy(() -> TraceReader.parse(lines, "seed 9"))
        .hasMessageStartingWith("trace seed 9 line 5: the footer's sha256 ");
  }

  @Test
  void anyTextAGuestLogsReadsBackWithAMatchingHash() {
    Path file = dir.resolve("text.jsonl");
    TraceWriter writer = TraceWriter.toFile(file, true);
    writer.header(1, "test", new TreeMap<>());
    List<String> texts =
        List.of(
            "caf\u00e9 \u65e5\u672c",
            "\ud83d\ude00",
            "lone \ud800 surrogate",
            "tab\tnul\u0000",
            "\u2028");
    for (int i = 0; i < texts.size(); i++) {
      Map<String, Object> details = new TreeMap<>();
      details.put("text", texts.get(i));
      writer.record(new TraceRecord(i, i, 0, "svc#0", "console.log", details));
    }
    writer.finish(new TreeMap<>());

    assertThat(TraceReader.read(file).records()).hasSize(texts.size());
    assertThat(TraceReader.parse(writer.allLines(), "in memory").records()).hasSize(texts.size());
  }
}
