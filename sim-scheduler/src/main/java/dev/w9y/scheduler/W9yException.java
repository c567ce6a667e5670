package dev.w9y.scheduler;

/** The root of every exception W9Y throws on purpose. */
public class W9yException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public W9yException(String message) {
    super(message);
  }

  public W9yException(String message, Throwable cause) {
    super(message, cause);
  }
}
