package dev.w9y.core.guest;

import dev.w9y.scheduler.W9yException;

/** Guest code is unusable or misbehaved: bad module, missing handler, garbage returned. */
public class GuestException extends W9yException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  public GuestException(String message) {
    super(message);
    this.detail = message;
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
    this.detail = message;
  }

  /**
   * An error whose {@code context} names the service and instance ({@code service 'api' (api#0)})
   * and whose {@code detail} says what happened in the guest's own words ({@code fetch handler:
   * TypeError: ... (at index.js:1:28)}). The message holds both, for code that meets the exception
   * outside a run; traces and failure reports, which name the actor already, use {@link #detail()}.
   */
  public GuestException(String context, String detail, Throwable cause) {
    super(context + ", " + detail, cause);
    this.detail = detail;
  }

  /** What happened, without the service and instance (the whole message when none was given). */
  public String detail() {
    return detail;
  }
}
