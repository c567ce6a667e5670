package dev.w9y.cli;

import dev.w9y.core.topology.TopologyFileException;
import dev.w9y.scheduler.W9yException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code w9y} program: {@link W9yCommand} and its subcommands, with W9Y's exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line {@code args}, printing to {@code out} and {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = commandLine();
    line.setOut(out);
    line.setErr(err);
    return line.execute(args);
  }

  /** The command tree with W9Y's handling of bad input: one line, exit code 2. */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new W9yCommand());
    line.setExitCodeExceptionMapper(error -> ExitCodes.BAD_INPUT);
    line.setParameterExceptionHandler(
        (error, args) -> {
          CommandLine failed = error.getCommandLine();
          failed
              .getErr()
              .println(
                  "w9y: "
                      + error.getMessage()
                      + " (see: w9y "
                      + (failed.getParent() == null ? "" : failed.getCommandName() + " ")
                      + "--help)");
          return ExitCodes.BAD_INPUT;
        });
    line.setExecutionExceptionHandler(
        (error, failed, parsed) -> {
          boolean verbose = parsed.originalArgs().contains("--verbose");
          failed.getErr().println("w9y " + failed.getCommandName() + ": " + oneLine(error));
          if (verbose) {
            error.printStackTrace(failed.getErr());
          }
          return ExitCodes.BAD_INPUT;
        });
    return line;
  }

  /** An error's message on one line: a known error's own words, else its type and message. */
  static String oneLine(Throwable error) {
    String message =
        error instanceof CliError
                || error instanceof TopologyFileException
                || error instanceof W9yException
                || error instanceof IllegalArgumentException
            ? error.getMessage()
            : error.getClass().getSimpleName() + ": " + error.getMessage();
    String first = message == null ? error.getClass().getSimpleName() : message.strip();
    int newline = first.indexOf('\n');
    return newline < 0 ? first : first.substring(0, newline) + " (more with --verbose)";
  }
}
