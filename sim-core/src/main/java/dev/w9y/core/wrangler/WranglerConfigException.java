package dev.w9y.core.wrangler;

import dev.w9y.scheduler.W9yException;

/**
 * A wrangler configuration W9Y cannot run: the message names the file, the line and column (where
 * they are known; 0 otherwise), the key and the problem.
 */
public final class WranglerConfigException extends W9yException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String key;

  WranglerConfigException(String file, int line, int column, String key, String problem) {
    super(file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }

  /** The configuration file, as it was given. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem, 0 if unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem, 0 if unknown. */
  public int column() {
    return column;
  }

  /** The key at fault, dotted ({@code durable_objects.bindings[0].script_name}). */
  public String key() {
    return key;
  }
}
