package dev.w9y.debugger;

import dev.w9y.core.trace.TraceRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every trace record of a run, kept small: the canonical lines go to a temporary file (a million
 * events write hundreds of megabytes of text), and memory keeps per record only what breakpoints
 * and causal chains search: its kind and actor (as ids), the request it names and the request whose
 * handling wrote it. Lines are read back on demand.
 */
final class RecordLog implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private FileChannel reader;
  private long written;
  private final LongArray offsets = new LongArray();
  private final IntArray kinds = new IntArray();
  private final IntArray actors = new IntArray();
  private final IntArray requests = new IntArray();
  private final IntArray causes = new IntArray();
  private final Names kindNames = new Names();
  private final Names actorNames = new Names();

  RecordLog() {
    try {
      file = Files.createTempFile("w9y-timetravel-", ".jsonl");
      file.toFile().deleteOnExit();
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("time travel: cannot create its record file: " + e, e);
    }
  }

  /** Interned names: an id per distinct kind or actor, in the order first seen. */
  static final class Names {
    private final Map<String, Integer> ids = new TreeMap<>();
    private final List<String> names = new ArrayList<>();

    int id(String name) {
      Integer id = ids.get(name);
      if (id == null) {
        id = names.size();
        ids.put(name, id);
        names.add(name);
      }
      return id;
    }

    /** The id of {@code name}, or -1 if no record has it. */
    int find(String name) {
      Integer id = ids.get(name);
      return id == null ? -1 : id;
    }

    String name(int id) {
      return names.get(id);
    }
  }

  void add(TraceRecord record, String cause) {
    byte[] line = (record.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(line);
    } catch (IOException e) {
      throw new UncheckedIOException("time travel: cannot write its record file: " + e, e);
    }
    offsets.add(written);
    written += line.length;
    kinds.add(kindNames.id(record.kind()));
    actors.add(actorNames.id(record.actor()));
    Object id = record.details().get("id");
    requests.add(id instanceof String text ? requestNumber(text) : 0);
    causes.add(cause == null ? 0 : requestNumber(cause));
  }

  /** {@code m12} to 12; 0 for anything else (0 is never a request's number). */
  static int requestNumber(String id) {
    if (id.length() < 2 || id.charAt(0) != 'm') {
      return 0;
    }
    try {
      return Integer.parseInt(id, 1, id.length(), 10);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Loading is over: the file is complete and read from now on. */
  void seal() {
    try {
      out.close();
      reader = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("time travel: cannot reopen its record file: " + e, e);
    }
    offsets.add(written);
    offsets.trim();
    kinds.trim();
    actors.trim();
    requests.trim();
    causes.trim();
  }

  int size() {
    return kinds.size();
  }

  /** Record {@code index}'s canonical JSON line (no newline). */
  String line(int index) {
    long from = offsets.get(index);
    int length = (int) (offsets.get(index + 1) - from - 1);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (reader.read(buffer, from + buffer.position()) < 0) {
          throw new IOException("the record file ends early");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("time travel: cannot read record " + index + ": " + e, e);
    }
    return new String(buffer.array(), StandardCharsets.UTF_8);
  }

  String kind(int index) {
    return kindNames.name(kinds.get(index));
  }

  int kindId(int index) {
    return kinds.get(index);
  }

  String actor(int index) {
    return actorNames.name(actors.get(index));
  }

  int actorId(int index) {
    return actors.get(index);
  }

  /** The number of the request record {@code index} names ({@code "id":"m12"}: 12), or 0. */
  int request(int index) {
    return requests.get(index);
  }

  /** The number of the request whose handling wrote record {@code index}, or 0. */
  int cause(int index) {
    return causes.get(index);
  }

  Names kindNames() {
    return kindNames;
  }

  Names actorNames() {
    return actorNames;
  }

  /** Bytes of canonical text the run wrote (the record file's size). */
  long bytes() {
    return written;
  }

  @Override
  public void close() {
    try {
      out.close();
      if (reader != null) {
        reader.close();
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("time travel: cannot delete " + file + ": " + e, e);
    }
  }
}
