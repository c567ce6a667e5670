package dev.w9y.core.contract;

import java.util.Objects;

/**
 * One way a message broke its receiver's (or, for a response, its sender's) contract.
 *
 * @param kind what broke, one of the constants below
 * @param operation the operation matched ({@code POST /orders}), or the request line when none
 * @param pointer where in the message: a JSON pointer into the body ({@code /body/items/0/qty}), or
 *     {@code /path/id}, {@code /query/limit}, {@code /header/x-key}, {@code /status}, {@code
 *     /header/content-type}
 * @param expected what the contract declares there
 * @param actual what the message carried
 */
public record ContractViolation(
    String kind, String operation, String pointer, String expected, String actual) {
  public static final String UNKNOWN_ROUTE = "unknown-route";
  public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
  public static final String PARAMETER = "parameter";
  public static final String REQUEST_BODY = "request-body";
  public static final String REQUEST_CONTENT_TYPE = "request-content-type";
  public static final String RESPONSE_STATUS = "response-status";
  public static final String RESPONSE_CONTENT_TYPE = "response-content-type";
  public static final String RESPONSE_BODY = "response-body";

  public ContractViolation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(pointer, "pointer");
    expected = expected == null ? "" : expected;
    actual = actual == null ? "" : actual;
  }

  /** One line: {@code response-body POST /orders at /body/id: expected integer, was "7"}. */
  public String describe() {
    return kind + " " + operation + " at " + pointer + ": expected " + expected + ", was " + actual;
  }
}
