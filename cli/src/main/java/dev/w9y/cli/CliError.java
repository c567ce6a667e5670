package dev.w9y.cli;

/**
 * A mistake in what the user gave — an argument, a file — reported as one line naming it, with exit
 * code {@link ExitCodes#BAD_INPUT} (no stack trace unless {@code --verbose}).
 */
final class CliError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliError(String message) {
    super(message);
  }

  CliError(String message, Throwable cause) {
    super(message, cause);
  }
}
