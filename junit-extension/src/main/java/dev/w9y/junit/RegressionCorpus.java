package dev.w9y.junit;

import dev.w9y.scheduler.W9yException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds that failed once, kept in a human-readable file ({@code <seed> # <note>} per line) in the
 * test's resources and run first forever after. Commit the file: a seed that found a bug keeps
 * guarding against its return.
 */
public final class RegressionCorpus {
  private final Path file;

  public RegressionCorpus(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The seeds in the file, in order; none if it does not exist. */
  public List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return seeds;
    }
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        if (content.isBlank()) {
          continue;
        }
        try {
          seeds.add(Long.parseLong(content.strip()));
        } catch (NumberFormatException e) {
          throw new W9yException(file + ":" + number + ": not a seed: '" + line + "'", e);
        }
      }
    } catch (IOException e) {
      throw new W9yException("cannot read regression corpus " + file + ": " + e.getMessage(), e);
    }
    return seeds;
  }

  /** Adds a failing seed with a one-line note, unless it is already there. */
  public synchronized void add(long seed, String note) {
    if (seeds().contains(seed)) {
      return;
    }
    String line = seed + "  # " + note.replace('\n', ' ').replace('\r', ' ') + "\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new W9yException("cannot write regression corpus " + file + ": " + e.getMessage(), e);
    }
  }
}
