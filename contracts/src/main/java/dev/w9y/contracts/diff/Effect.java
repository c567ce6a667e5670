package dev.w9y.contracts.diff;

/**
 * What a change does to the set of messages a contract allows. Whether that breaks callers depends
 * on the direction: a request the callee accepts must not shrink (callers send what they always
 * sent), a response the callee may send must not grow (callers handle what they always handled).
 */
enum Effect {
  /** The new version allows fewer messages here. */
  NARROWS,
  /** The new version allows more messages here. */
  WIDENS,
  /** Some messages of each version are refused by the other (a changed type, a changed number). */
  REPLACES,
  /** Neither version allows anything the other refuses that callers can rely on. */
  NEUTRAL;

  Severity severity(Direction direction) {
    return switch (this) {
      case REPLACES -> Severity.BREAKING;
      case NEUTRAL -> Severity.NON_BREAKING;
      case NARROWS -> direction == Direction.REQUEST ? Severity.BREAKING : Severity.NON_BREAKING;
      case WIDENS -> direction == Direction.RESPONSE ? Severity.BREAKING : Severity.NON_BREAKING;
    };
  }

  /** Which way messages flow where a change is: callers send requests and receive responses. */
  enum Direction {
    REQUEST,
    RESPONSE
  }
}
