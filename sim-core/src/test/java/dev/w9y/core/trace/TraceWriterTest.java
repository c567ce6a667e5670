package dev.w9y.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {
  @TempDir Path dir;

  private static TraceRecord record(long index, Map<String, Object> details) {
    return new TraceRecord(index, index, index * 1_000, "svc#0", "thing.happened", details);
  }

  @Test
  void linesAreCanonicalJsonWithSortedKeysAndTheHeaderFirst() {
    TraceWriter writer = TraceWriter.inMemory(true);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("zeta", 1L);
    options.put("alpha", List.of("x", true));
    writer.header(42, "test", options);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("zz", "last");
    details.put("aa", null);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("b", 2L);
    details.put("nested", nested);
    writer.record(record(0, details));

    List<String> lines = writer.allLines();

    assertThat(lines.get(0))
        .isEqualTo(
            "{\"format\":\"w9y-trace/1\",\"options\":{\"alpha\":[\"x\",true],\"zeta\":1},"
                + "\"seed\":42,\"w9y\":\"test\"}");
    assertThat(lines.get(1))
        .isEqualTo(
            "{\"aa\":null,\"actor\":\"svc#0\",\"e\":0,\"i\":0,\"kind\":\"thing.happened\","
                + "\"nested\":{\"b\":2},\"t\":0,\"zz\":\"last\"}");
  }

  @Test
  void floatingPointValuesAreRefused() {
    TraceWriter writer = TraceWriter.inMemory(false);
    writer.header(1, "test", new TreeMap<>());
    Map<String, Object> details = new TreeMap<>();
    details.put("ratio", 0.25);

    assertThatThrownBy(() -> writer.record(record(0, details)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Double");
  }

  @Test
  void reservedKeysCannotBeUsedForDetails() {
    Map<String, Object> details = new TreeMap<>();
    details.put("kind", "sneaky");

    assertThatThrownBy(() -> record(0, details)).hasMessageContaining("reserved");
  }

  @Test
  void aFinishedFileTraceIsMovedIntoPlaceWithAFooterHoldingTheHash() throws Exception {
    Path file = dir.resolve("runs/seed-1.jsonl");
    TraceWriter writer = TraceWriter.toFile(file, false);
    writer.header(1, "test", new TreeMap<>());
    writer.record(record(0, new TreeMap<>()));
    String runningHash = writer.sha256();

    assertThat(dir.resolve("runs/seed-1.jsonl.partial")).exists();
    Map<String, Object> footer = new TreeMap<>();
    footer.put("status", "passed");
    String hash = writer.finish(footer);

    assertThat(hash).isEqualTo(runningHash);
    assertThat(dir.resolve("runs/seed-1.jsonl.partial")).doesNotExist();
    TraceReader trace = TraceReader.read(file);
    assertThat(trace.isComplete()).isTrue();
    assertThat(trace.records()).hasSize(1);
    assertThat(trace.footer().get().get("sha256").asString()).isEqualTo(hash);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String body = String.join("\n", lines.subList(0, 2)) + "\n";
    assertThat(sha256(body)).isEqualTo(hash);
  }

  @Test
  void theFinishedHashCoversEveryLineEvenWhenNothingAskedForItBefore() throws Exception {
    Path file = dir.resolve("quiet.jsonl");
    TraceWriter writer = TraceWriter.toFile(file, false);
    writer.header(3, "test", new TreeMap<>());
    for (int i = 0; i < 10; i++) {
      writer.record(record(i, new TreeMap<>()));
    }

    String hash = writer.finish(new TreeMap<>());

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(12);
    assertThat(sha256(String.join("\n", lines.subList(0, 11)) + "\n")).isEqualTo(hash);
  }

  @Test
  void aRunThatDiesLeavesAReadablePartialTraceMarkedIncomplete() {
    Path file = dir.resolve("died.jsonl");
    try (TraceWriter writer = TraceWriter.toFile(file, false)) {
      writer.header(7, "test", new TreeMap<>());
      writer.record(record(0, new TreeMap<>()));
      writer.record(record(1, new TreeMap<>()));
    }

    TraceReader partial = TraceReader.read(dir.resolve("died.jsonl.partial"));

    assertThat(partial.isComplete()).isFalse();
    assertThat(partial.header().get("seed").asLong()).isEqualTo(7);
    assertThat(partial.records()).hasSize(2);
  }

  @Test
  void anOversizedStringIsCutAndDigestedSoEveryLineStaysBounded() {
    TraceWriter writer = TraceWriter.inMemory(true);
    writer.header(1, "test", new TreeMap<>());
    Map<String, Object> details = new TreeMap<>();
    details.put("huge", "x".repeat(100_000));

    writer.record(record(0, details));

    assertThat(writer.allLines().get(1))
        .contains("... [100000 chars, sha256 ")
        .hasSizeLessThan(CanonicalJson.MAX_STRING_CHARS);
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
