package dev.w9y.core.guest;

import dev.w9y.scheduler.W9yException;

/**
 * A Durable Object's fetch handler or constructor threw: its caller's fetch rejects with this error
 * (in JavaScript, an error of the same built-in type and message with {@code remote} set, and
 * {@code durableObjectReset} when the object was reset), as in workerd. It is not an HTTP 500.
 */
public final class RemoteError extends W9yException {
  private static final long serialVersionUID = 1L;

  private final String errorName;
  private final String errorMessage;
  private final boolean objectReset;

  public RemoteError(String errorName, String errorMessage, boolean objectReset) {
    super(errorName + ": " + errorMessage);
    this.errorName = errorName;
    this.errorMessage = errorMessage;
    this.objectReset = objectReset;
  }

  /** The error a guest threw, as its caller gets it; {@code objectReset} for a failed start. */
  public static RemoteError of(Throwable thrown, boolean objectReset) {
    if (thrown instanceof GuestThrown guest) {
      return new RemoteError(guest.errorName(), guest.errorMessage(), objectReset);
    }
    String message =
        thrown == null ? "handler resolved to null" : String.valueOf(thrown.getMessage());
    return new RemoteError("Error", message, objectReset);
  }

  /** The error's name: {@code TypeError}, {@code RangeError}, ...; {@code Error} otherwise. */
  public String errorName() {
    return errorName;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /** The object's constructor failed, so the object was reset (workerd's durableObjectReset). */
  public boolean objectReset() {
    return objectReset;
  }
}
