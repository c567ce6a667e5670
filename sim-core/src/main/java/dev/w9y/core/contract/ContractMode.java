package dev.w9y.core.contract;

/** What a contract violation does to a run. */
public enum ContractMode {
  /** The first violation fails the run, like a failed {@code always} check. */
  ENFORCE,
  /** Violations are recorded in the trace and counted in the result; the run goes on. */
  REPORT,
  /**
   * Contracts are not checked at all: the trace header names the mode, no record or count follows.
   */
  OFF
}
