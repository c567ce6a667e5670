package dev.w9y.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose}: errors with their stack trace. {@link Main}'s error handler reads it from the
 * arguments, so a command only declares it.
 */
final class Verbose {
  @Option(names = "--verbose", description = "Show stack traces of errors.")
  boolean verbose;
}
