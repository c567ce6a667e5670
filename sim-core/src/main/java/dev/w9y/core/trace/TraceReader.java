package dev.w9y.core.trace;

import dev.w9y.core.http.Json;
import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a trace written by {@link TraceWriter}: header, records, and footer if it finished — and
 * checks it on the way, so a damaged file is reported as such (with the file and line) rather than
 * read as a different run:
 *
 * <ul>
 *   <li>line 1 must be a {@value TraceWriter#FORMAT} header (another version is named);
 *   <li>every line must be one JSON object, records numbered {@code i} = 0, 1, 2, ... in order;
 *   <li>the footer, if present, must be the last line, its {@code records} count must match, and
 *       its {@code sha256} must be the SHA-256 of the bytes before it (every line before the
 *       footer, each with its LF: {@code head -n -1 trace.jsonl | sha256sum});
 *   <li>a finished trace file ({@code .jsonl}) must have its footer: without one it was truncated.
 *       Only a {@code .partial} file (left by a run that died) may lack it, and in one the last
 *       line may be cut short by the kill; that line is dropped.
 * </ul>
 *
 * <p>Every problem is a {@link CorruptTrace} naming the source and the 1-based line.
 */
public record TraceReader(JsonNode header, List<JsonNode> records, Optional<JsonNode> footer) {

  /** A trace that is not what {@link TraceWriter} wrote: corrupt, truncated, or another format. */
  public static final class CorruptTrace extends W9yException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    CorruptTrace(String source, int line, String problem, Throwable cause) {
      super("trace " + source + (line > 0 ? " line " + line : "") + ": " + problem, cause);
      this.source = source;
      this.line = line;
    }

    /** The file (or the name given to {@link #parse}) the trace came from. */
    public String source() {
      return source;
    }

    /** The 1-based line at fault, or 0 for the trace as a whole. */
    public int line() {
      return line;
    }
  }

  /** Whether the run that wrote the trace finished (the trace has its footer). */
  public boolean isComplete() {
    return footer.isPresent();
  }

  /**
   * Reads and checks a trace file. A {@code .partial} file may lack its footer; any other must have
   * it, with the hash of the lines before it.
   */
  public static TraceReader read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new W9yException("cannot read trace " + file + ": " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    boolean endsWithNewline = start == bytes.length;
    if (!endsWithNewline) {
      lines.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
    }
    boolean partial = file.getFileName().toString().endsWith(".partial");
    return check(lines, file.toString(), partial, endsWithNewline);
  }

  /**
   * Reads and checks a trace held as lines (for example {@code SimulationResult.fullTrace()}); a
   * footer, if there is one, must match the lines before it.
   *
   * @param source names the trace in errors
   */
  public static TraceReader parse(List<String> lines, String source) {
    return check(lines, source, true, true);
  }

  private static TraceReader check(
      List<String> lines, String source, boolean mayBePartial, boolean endsWithNewline) {
    if (lines.isEmpty()) {
      throw new CorruptTrace(source, 0, "the trace is empty", null);
    }
    JsonNode header = object(lines.get(0), source, 1, "the header");
    String format = header.path("format").asString("");
    if (!TraceWriter.FORMAT.equals(format)) {
      throw new CorruptTrace(
          source,
          1,
          format.startsWith("w9y-trace/")
              ? "format "
                  + format
                  + " is not one this version of W9Y reads (it reads "
                  + TraceWriter.FORMAT
                  + ")"
              : "does not start with a " + TraceWriter.FORMAT + " header",
          null);
    }
    MessageDigest sha256 = sha256();
    update(sha256, lines.get(0));
    List<JsonNode> records = new ArrayList<>();
    JsonNode footer = null;
    int footerLine = 0;
    for (int i = 1; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String text = lines.get(i);
      boolean last = i == lines.size() - 1;
      if (footer != null) {
        throw new CorruptTrace(
            source, lineNumber, "a line follows the footer (line " + footerLine + ")", null);
      }
      JsonNode node;
      try {
        node = object(text, source, lineNumber, "a record");
      } catch (CorruptTrace e) {
        if (last && mayBePartial && !endsWithNewline) {
          break; // the line a killed run was writing
        }
        if (last && !endsWithNewline) {
          throw new CorruptTrace(
              source,
              lineNumber,
              "cut off in the middle (the file is truncated; "
                  + e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                  + ")",
              e.getCause());
        }
        throw e;
      }
      if (node.path("end").asBoolean(false)) {
        footer = node;
        footerLine = lineNumber;
        continue;
      }
      long expected = records.size();
      if (!node.path("i").isIntegralNumber() || node.path("i").asLong() != expected) {
        throw new CorruptTrace(
            source,
            lineNumber,
            "record i="
                + (node.has("i") ? node.get("i").toString() : "(none)")
                + " where i="
                + expected
                + " belongs: a line is missing, repeated or changed",
            null);
      }
      records.add(node);
      update(sha256, text);
    }
    if (footer == null) {
      if (!mayBePartial) {
        throw new CorruptTrace(
            source,
            0,
            "no footer after "
                + records.size()
                + " records: the file is truncated (a run that dies leaves a .partial file"
                + " instead)",
            null);
      }
    } else {
      if (footer.path("records").asLong(-1) != records.size()) {
        throw new CorruptTrace(
            source,
            footerLine,
            "the footer counts "
                + footer.path("records")
                + " records but the trace holds "
                + records.size(),
            null);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      String written = footer.path("sha256").asString("");
      if (!actual.equals(written)) {
        throw new CorruptTrace(
            source,
            footerLine,
            "the footer's sha256 "
                + written
                + " is not the hash of the lines before it ("
                + actual
                + "): the trace was changed after it was written",
            null);
      }
    }
    return new TraceReader(header, List.copyOf(records), Optional.ofNullable(footer));
  }

  private static JsonNode object(String text, String source, int line, String what) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      String reason = e.getOriginalMessage();
      throw new CorruptTrace(
          source, line, what + " is not valid JSON (" + firstLine(reason) + ")", e);
    }
    if (node == null || !node.isObject()) {
      throw new CorruptTrace(source, line, what + " is not a JSON object", null);
    }
    return node;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static void update(MessageDigest digest, String line) {
    digest.update(line.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }
}
