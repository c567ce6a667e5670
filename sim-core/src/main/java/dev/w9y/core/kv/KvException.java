package dev.w9y.core.kv;

import dev.w9y.core.guest.GuestException;

/**
 * A KV operation refused, in workerd's words ({@code KV PUT failed: 413 Value length of 26214401
 * exceeds limit of 26214400.}): what the guest's promise rejects with.
 */
public final class KvException extends GuestException {
  public KvException(String message) {
    super(message);
  }
}
