package dev.w9y.core.topology;

import dev.w9y.scheduler.W9yException;

/** A topology file is malformed: the message names the file, the line and the key. */
public final class TopologyFileException extends W9yException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String key;

  TopologyFileException(String source, int line, int column, String key, String problem) {
    super(source + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    this.source = source;
    this.line = line;
    this.key = key;
  }

  /** The file (or source name) that is malformed. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The dotted path of the offending key, e.g. {@code services.gateway.bindings.USERS}. */
  public String key() {
    return key;
  }
}
