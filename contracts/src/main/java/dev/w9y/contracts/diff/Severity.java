package dev.w9y.contracts.diff;

/** Whether callers written against the old contract still work against the new one. */
public enum Severity {
  /** Some caller of the old version can fail against the new one. */
  BREAKING,
  /** Every caller of the old version still works. */
  NON_BREAKING
}
