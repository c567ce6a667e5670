package dev.w9y.core.guest;

import dev.w9y.scheduler.W9yException;

/**
 * A fetch got no response: unknown host, unreachable service, dropped or reset connection, timeout.
 * This is what a real {@code fetch()} rejection looks like to guests (JavaScript sees a {@code
 * TypeError}); it is not an HTTP error status.
 */
public final class FetchFailed extends W9yException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public FetchFailed(String url, String reason) {
    super("fetch " + url + " failed: " + reason);
    this.reason = reason;
  }

  /** Why: {@code unknown host}, {@code connection reset}, {@code timed out}, ... */
  public String reason() {
    return reason;
  }
}
