package dev.w9y.core.queue;

import dev.w9y.core.guest.GuestException;

/** A send refused, in workerd's words ({@code Queue send failed: message length of ...}). */
public final class QueueException extends GuestException {
  public QueueException(String message) {
    super(message);
  }
}
