package dev.w9y.core.trace;

import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

/**
 * Records a run as canonical JSON Lines with a running SHA-256.
 *
 * <ul>
 *   <li>Line 1, the header: {@code {"format":"w9y-trace/1","options":{...},"seed":N,"w9y":V}}.
 *   <li>One line per {@link TraceRecord}.
 *   <li>The last line, the footer, written by {@link #finish}: status, counts, the failure if any,
 *       per-stream random draw counts and the {@code sha256} of every line before it.
 * </ul>
 *
 * <p>With a file, lines go to {@code <file>.partial} as they are made; {@link #finish} appends the
 * footer and renames it to the file. A run that dies leaves the {@code .partial} file, readable and
 * without a footer: {@link TraceReader} reports it as incomplete. Without a file the writer only
 * hashes and keeps the last lines (for failure reports), or every line if asked (for replay).
 */
public final class TraceWriter implements AutoCloseable {
  public static final String FORMAT = "w9y-trace/1";

  /** How many of the latest lines are kept for failure reports. */
  public static final int RECENT_LINES = 50;

  /** A single trace line longer than this is cut: details past it are replaced by a digest. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private final MessageDigest sha256;
  private final Path file;
  private final Path partial;
  private final OutputStream out;
  private final boolean retainAll;
  private final List<String> allLines;
  private final Deque<byte[]> recent = new ArrayDeque<>();
  private String finalHash;
  private long records;
  private long bytes;
  private boolean finished;

  private TraceWriter(Path file, boolean retainAll) {
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    this.file = file;
    this.retainAll = retainAll;
    this.allLines = retainAll ? new ArrayList<>() : List.of();
    if (file == null) {
      this.partial = null;
      this.out = null;
    } else {
      this.partial = file.resolveSibling(file.getFileName() + ".partial");
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        this.out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
      } catch (IOException e) {
        throw new W9yException("cannot write trace " + partial + ": " + e.getMessage(), e);
      }
    }
  }

  /** Hashes lines and keeps the latest ones in memory; writes no file. */
  public static TraceWriter inMemory(boolean retainAll) {
    return new TraceWriter(null, retainAll);
  }

  /** Writes to {@code file} (via {@code file.partial} until finished). */
  public static TraceWriter toFile(Path file, boolean retainAll) {
    return new TraceWriter(file, retainAll);
  }

  /** Writes the header line; must come first. */
  public void header(long seed, String version, Map<String, ?> options) {
    if (records != 0 || bytes != 0) {
      throw new IllegalStateException("the trace header must be the first line");
    }
    TreeMap<String, Object> header = new TreeMap<>();
    header.put("format", FORMAT);
    header.put("seed", seed);
    header.put("w9y", version);
    header.put("options", options);
    writeLine(CanonicalJson.objectBytes(header));
  }

  /** Appends one record. */
  public void record(TraceRecord record) {
    if (finished) {
      throw new IllegalStateException("trace already finished");
    }
    byte[] line = CanonicalJson.objectBytes(record.toMap());
    if (line.length > MAX_LINE_BYTES) {
      TreeMap<String, Object> cut = new TreeMap<>();
      cut.put("detailsTruncated", true);
      cut.put("detailsBytes", (long) line.length);
      cut.put("detailsSha256", HexFormat.of().formatHex(digestOf(line)));
      line =
          CanonicalJson.objectBytes(
              new TraceRecord(
                      record.index(),
                      record.eventIndex(),
                      record.timeNanos(),
                      record.actor(),
                      record.kind(),
                      cut)
                  .toMap());
    }
    records++;
    writeLine(line);
  }

  /** The number of records written (header and footer not counted). */
  public long recordCount() {
    return records;
  }

  /** Bytes written so far, header included. */
  public long byteCount() {
    return bytes;
  }

  /** SHA-256 of every line so far (header and records), as hex. */
  public String sha256() {
    if (finalHash != null) {
      return finalHash;
    }
    try {
      return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable on every Java platform", e);
    }
  }

  /** The latest lines, oldest first. */
  public List<String> recentLines() {
    List<String> lines = new ArrayList<>(recent.size());
    for (byte[] line : recent) {
      lines.add(new String(line, StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** Every line, if the writer retains them. */
  public List<String> allLines() {
    if (!retainAll) {
      throw new IllegalStateException("this trace writer does not retain lines");
    }
    return List.copyOf(allLines);
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
    String hash = sha256();
    TreeMap<String, Object> footer = new TreeMap<>(footerDetails);
    footer.put("end", true);
    footer.put("records", records);
    footer.put("sha256", hash);
    finalHash = hash;
    finished = true;
    writeLine(CanonicalJson.objectBytes(footer));
    if (out != null) {
      try {
        out.close();
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
    if (out != null && !finished) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void writeLine(byte[] line) {
    if (!finished) {
      sha256.update(line);
      sha256.update((byte) '\n');
    }
    bytes += line.length + 1;
    recent.addLast(line);
    if (recent.size() > RECENT_LINES) {
      recent.removeFirst();
    }
    if (retainAll) {
      allLines.add(new String(line, StandardCharsets.UTF_8));
    }
    if (out != null) {
      try {
        out.write(line);
        out.write('\n');
      } catch (IOException e) {
        throw new W9yException("cannot write trace " + partial + ": " + e.getMessage(), e);
      }
    }
  }

  private static byte[] digestOf(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
