package dev.w9y.contracts.diff;

import java.util.Objects;

/**
 * One difference between two versions of a contract.
 *
 * @param operation the operation it is in, {@code POST /reservations}
 * @param pointer where in the operation: {@code /request/body/quantity}, {@code
 *     /request/query/limit}, {@code /responses/201/body/items/*}{@code /sku} ({@code *}: every item
 *     of an array, or every other property of an object), {@code /responses/503}; empty for the
 *     whole operation
 * @param message one line of English saying what changed and what it means for callers
 */
public record Change(
    ChangeKind kind, String operation, String pointer, Severity severity, String message) {
  public Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** {@code BREAKING property-became-required POST /reservations /request/body/quantity: ...}. */
  public String describe() {
    return severity
        + " "
        + kind.id()
        + " "
        + operation
        + (pointer.isEmpty() ? "" : " " + pointer)
        + ": "
        + message;
  }
}
