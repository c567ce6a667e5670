package dev.w9y.core.trace;

import dev.w9y.scheduler.W9yException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * Records a run as canonical JSON Lines with a running SHA-256.
 *
 * <ul>
 *   <li>Line 1, the header: {@code {"format":"w9y-trace/1","options":{...},"seed":N,"w9y":V}}.
 *   <li>One line per {@link TraceRecord}.
 *   <li>The last line, the footer, written by {@link #finish}: status, counts, the failure if any,
 *       per-stream random draw counts and the {@code sha256} of every line before it (each line
 *       with its LF).
 * </ul>
 *
 * <p><b>The trace hash</b> — the one {@link #finish} and {@link #sha256()} return, reports print
 * and the footer holds — is the SHA-256 of the file's bytes up to and including the LF that ends
 * the last record: header and records, not the footer (the footer holds the hash, so it cannot be
 * part of it). It is therefore <em>not</em> {@code sha256sum trace.jsonl}; to check it by hand,
 * drop the last line: {@code head -n -1 trace.jsonl | sha256sum} (GNU coreutils) or {@code sed '$d'
 * trace.jsonl | shasum -a 256} (macOS), and compare with the footer's {@code "sha256"}. {@link
 * TraceReader#read} does that check on every read. Two runs with the same hash wrote the same
 * header and records byte for byte; their footers (status, counts, the failure, per-stream random
 * draw counts) are not covered by it.
 *
 * <p>One Jackson generator streams every line into a sink that hashes and (with a file) writes in
 * large chunks: tracing is on the hot path of every event. With a file, lines go to {@code
 * <file>.partial}; {@link #finish} appends the footer and renames it to the file. A run that dies
 * leaves the {@code .partial} file, readable and without a footer: {@link TraceReader} reports it
 * as incomplete. The latest records are kept as objects and turned into text only when asked.
 */
public final class TraceWriter implements AutoCloseable {
  public static final String FORMAT = "w9y-trace/1";

  /** How many of the latest records are kept for failure reports. */
  public static final int RECENT_LINES = 50;

  private final boolean enabled;
  private final Path file;
  private final Path partial;
  private final HashingSink sink;
  private final JsonGenerator generator;
  private final boolean retainAll;
  private final List<TraceRecord> allRecords;
  private final Deque<TraceRecord> recent = new ArrayDeque<>();
  private String headerLine;
  private String footerLine;
  private long records;
  private String finalHash;
  private boolean finished;

  private TraceWriter(Path file, boolean retainAll, boolean enabled) {
    this.enabled = enabled;
    this.file = file;
    this.retainAll = retainAll;
    this.allRecords = retainAll ? new ArrayList<>() : List.of();
    OutputStream out = null;
    if (file == null) {
      this.partial = null;
    } else {
      this.partial = file.resolveSibling(file.getFileName() + ".partial");
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
      } catch (IOException e) {
        throw new W9yException("cannot write trace " + partial + ": " + e.getMessage(), e);
      }
    }
    this.sink = enabled ? new HashingSink(out) : null;
    this.generator = enabled ? CanonicalJson.lineGenerator(sink) : null;
  }

  /**
   * Records nothing: for measuring what tracing costs, and for sweeps that only need pass/fail. Its
   * hash is the empty string, so determinism checks cannot use it.
   */
  public static TraceWriter disabled() {
    return new TraceWriter(null, false, false);
  }

  /** Hashes lines and keeps the latest records in memory; writes no file. */
  public static TraceWriter inMemory(boolean retainAll) {
    return new TraceWriter(null, retainAll, true);
  }

  /** Writes to {@code file} (via {@code file.partial} until finished). */
  public static TraceWriter toFile(Path file, boolean retainAll) {
    return new TraceWriter(file, retainAll, true);
  }

  /** Whether records are serialized and hashed at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Writes the header line; must come first. */
  public void header(long seed, String version, Map<String, ?> options) {
    if (!enabled) {
      return;
    }
    if (headerLine != null || records != 0) {
      throw new IllegalStateException("the trace header must be the first line");
    }
    TreeMap<String, Object> header = new TreeMap<>();
    header.put("format", FORMAT);
    header.put("seed", seed);
    header.put("w9y", version);
    header.put("options", options);
    CanonicalJson.writeValue(generator, header);
    headerLine = new String(CanonicalJson.objectBytes(header), StandardCharsets.UTF_8);
  }

  /** Appends one record (a disabled writer only counts it; {@code record} may then be null). */
  public void record(TraceRecord record) {
    if (finished) {
      throw new IllegalStateException("trace already finished");
    }
    records++;
    if (!enabled) {
      return;
    }
    CanonicalJson.writeRecord(generator, record);
    recent.addLast(record);
    if (recent.size() > RECENT_LINES) {
      recent.removeFirst();
    }
    if (retainAll) {
      allRecords.add(record);
    }
  }

  /** The number of records written (header and footer not counted). */
  public long recordCount() {
    return records;
  }

  /** Bytes written so far, header included. */
  public long byteCount() {
    if (!enabled) {
      return 0;
    }
    flushGenerator();
    return sink.count;
  }

  /** SHA-256 of every line so far (header and records, each with its LF), as hex. */
  public String sha256() {
    if (finalHash != null) {
      return finalHash;
    }
    if (!enabled) {
      return "";
    }
    flushGenerator();
    try {
      MessageDigest snapshot = (MessageDigest) sink.sha256.clone();
      // The generator writes the LF between lines lazily, before the next one: add the last.
      snapshot.update((byte) '\n');
      return HexFormat.of().formatHex(snapshot.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable on every Java platform", e);
    }
  }

  /** The latest records as lines, oldest first. */
  public List<String> recentLines() {
    List<String> lines = new ArrayList<>(recent.size());
    for (TraceRecord record : recent) {
      lines.add(CanonicalJson.recordLine(record));
    }
    return lines;
  }

  /** Every line (header, records, and the footer once finished), if the writer retains them. */
  public List<String> allLines() {
    if (!retainAll) {
      throw new IllegalStateException("this trace writer does not retain lines");
    }
    List<String> lines = new ArrayList<>(allRecords.size() + 2);
    lines.add(headerLine);
    for (TraceRecord record : allRecords) {
      lines.add(CanonicalJson.recordLine(record));
    }
    if (footerLine != null) {
      lines.add(footerLine);
    }
    return lines;
  }

  /** The finished file, if writing to one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Writes the footer and, with a file, moves it into place.
   *
   * @return the trace hash (of header and records, as {@link #sha256()})
   */
  public String finish(Map<String, ?> footerDetails) {
    if (finished) {
      throw new IllegalStateException("trace already finished");
    }
    if (!enabled) {
      finished = true;
      finalHash = "";
      return finalHash;
    }
    String hash = sha256();
    finalHash = hash;
    finished = true;
    TreeMap<String, Object> footer = new TreeMap<>(footerDetails);
    footer.put("end", true);
    footer.put("records", records);
    footer.put("sha256", hash);
    CanonicalJson.writeValue(generator, footer);
    generator.writeRaw('\n');
    footerLine = new String(CanonicalJson.objectBytes(footer), StandardCharsets.UTF_8);
    generator.close();
    if (file != null) {
      try {
        Files.move(
            partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new W9yException("cannot finish trace " + file + ": " + e.getMessage(), e);
      }
    }
    return hash;
  }

  /** Closes an unfinished file trace, leaving the readable {@code .partial} file behind. */
  @Override
  public void close() {
    if (enabled && !finished) {
      finished = true;
      generator.writeRaw('\n');
      generator.close();
    }
  }

  private void flushGenerator() {
    if (!finished) {
      generator.flush();
    }
  }

  /** Hashes everything written through it and passes it on to the file, if there is one. */
  private static final class HashingSink extends OutputStream {
    private final MessageDigest sha256;
    private final OutputStream file;
    private long count;

    HashingSink(OutputStream file) {
      this.file = file;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must provide SHA-256", e);
      }
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      sha256.update(bytes, offset, length);
      count += length;
      if (file != null) {
        try {
          file.write(bytes, offset, length);
        } catch (IOException e) {
          throw new W9yException("cannot write trace: " + e.getMessage(), e);
        }
      }
    }

    @Override
    public void flush() throws IOException {
      if (file != null) {
        file.flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
    }
  }
}
