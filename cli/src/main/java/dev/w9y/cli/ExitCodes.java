package dev.w9y.cli;

/** The exit codes of every subcommand, as {@code w9y --help} and the README list them. */
final class ExitCodes {
  /** The run passed, the traces are identical, the command did what was asked. */
  static final int OK = 0;

  /** A seed failed (run, fuzz, merge). */
  static final int SEED_FAILED = 1;

  /** Contract diff: the new version has changes that break callers of the old one. */
  static final int BREAKING_CHANGES = 1;

  /** Bad usage or input: an unknown option, a missing or malformed file, a bad topology. */
  static final int BAD_INPUT = 2;

  /** Replay: the re-run differs from the recorded trace. */
  static final int DIVERGED = 3;

  private ExitCodes() {}
}
