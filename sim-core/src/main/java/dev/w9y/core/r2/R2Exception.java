package dev.w9y.core.r2;

import dev.w9y.core.guest.GuestException;

/**
 * An R2 operation refused, in workerd's words: the operation, the message of R2's error and its
 * code ({@code get: The requested range is not satisfiable (10039)}). What the guest's promise
 * rejects with (an {@code Error}).
 */
public final class R2Exception extends GuestException {
  R2Exception(String operation, R2Error error) {
    super(operation + ": " + error.message() + " (" + error.code() + ")");
  }
}
