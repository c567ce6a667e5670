package dev.w9y.core.guest;

import dev.w9y.scheduler.W9yException;

/** Guest code is unusable or misbehaved: bad module, missing handler, garbage returned. */
public class GuestException extends W9yException {
  private static final long serialVersionUID = 1L;

  public GuestException(String message) {
    super(message);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
  }
}
