package dev.w9y.junit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Where a sweep's progress lines and summary go, and how often progress is shown.
 *
 * <p>By default everything goes to the process's own standard error (file descriptor 2), not to
 * {@code System.out}: Surefire's {@code redirectTestOutputToFile} (which this project's build sets)
 * sends {@code System.out} and {@code System.err} of tests to {@code target/surefire-reports/
 * *-output.txt}, while a forked JVM's native standard error is copied line by line to the build's
 * console. {@code -Dw9y.console=stdout} prints to {@code System.out} instead (for runners that show
 * test output but drop a child process's standard error), {@code -Dw9y.console=off} prints nothing.
 *
 * <p>Progress ({@code -Dw9y.progress}): {@code redraw} rewrites one line in place (for a terminal),
 * {@code lines} prints a plain line every {@code -Dw9y.progress.every} (default 10s) of wall time,
 * {@code off} prints only the summary, {@code auto} (the default) redraws when the JVM has a
 * terminal ({@link System#console()}; never inside a Surefire fork) and prints lines otherwise.
 *
 * <p>Wall time is read here for people only — when to print the next line, seeds/s, time left — and
 * never inside a simulation: this class only sees numbers a sweep hands it between seeds.
 */
final class SweepConsole {
  /** How progress is shown. */
  enum Mode {
    REDRAW,
    LINES,
    OFF
  }

  static final long DEFAULT_LINE_INTERVAL_NANOS = 10_000_000_000L;
  static final long DEFAULT_REDRAW_INTERVAL_NANOS = 250_000_000L;

  /** The process's own standard error, which Surefire does not redirect into its report files. */
  private static final PrintStream NATIVE_STDERR =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  /** Replaced by the extension's own tests to read what a sweep printed. */
  private static volatile Consumer<String> testSink;

  private final Mode mode;
  private final long intervalNanos;
  private final Target target;
  private long lastProgressNanos;
  private boolean redrawPending;

  private enum Target {
    STDERR,
    STDOUT,
    OFF
  }

  private SweepConsole(Mode mode, long intervalNanos, Target target, long startNanos) {
    this.mode = mode;
    this.intervalNanos = intervalNanos;
    this.target = target;
    this.lastProgressNanos = startNanos;
  }

  /** A console configured by {@code w9y.console}, {@code w9y.progress} and its interval. */
  static SweepConsole fromProperties(Properties properties, long startNanos) {
    Target target =
        switch (lower(properties.getProperty("w9y.console", "stderr"))) {
          case "stderr" -> Target.STDERR;
          case "stdout" -> Target.STDOUT;
          case "off" -> Target.OFF;
          default ->
              throw new IllegalArgumentException(
                  "-Dw9y.console must be stderr, stdout or off, was '"
                      + properties.getProperty("w9y.console")
                      + "'");
        };
    Mode mode =
        switch (lower(properties.getProperty("w9y.progress", "auto"))) {
          case "auto" -> onTerminal() ? Mode.REDRAW : Mode.LINES;
          case "redraw" -> Mode.REDRAW;
          case "lines" -> Mode.LINES;
          case "off" -> Mode.OFF;
          default ->
              throw new IllegalArgumentException(
                  "-Dw9y.progress must be auto, redraw, lines or off, was '"
                      + properties.getProperty("w9y.progress")
                      + "'");
        };
    String every = properties.getProperty("w9y.progress.every");
    long interval =
        every == null || every.isBlank()
            ? (mode == Mode.REDRAW ? DEFAULT_REDRAW_INTERVAL_NANOS : DEFAULT_LINE_INTERVAL_NANOS)
            : Durations.parse(every, "w9y.progress.every");
    return new SweepConsole(mode, interval, target, startNanos);
  }

  /**
   * Whether the JVM talks to a terminal: on JDK 17-21 {@link System#console()} exists only then; on
   * JDK 22 and later it may exist without one, and {@code Console.isTerminal()} says.
   */
  private static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static String lower(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether a progress line is due at {@code nowNanos}. */
  synchronized boolean progressDue(long nowNanos) {
    return mode != Mode.OFF && nowNanos - lastProgressNanos >= intervalNanos;
  }

  /** Shows a progress line (call when {@link #progressDue} said so). */
  synchronized void progress(String line, long nowNanos) {
    lastProgressNanos = nowNanos;
    if (mode == Mode.REDRAW) {
      // Carriage return, the line, then erase what a longer previous line left on the right.
      write("\r" + line + "\u001b[K", false);
      redrawPending = true;
    } else if (mode == Mode.LINES) {
      write(line, true);
    }
  }

  /** Prints a message on lines of its own (a summary, a note), ending a redrawn line first. */
  synchronized void message(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (redrawPending) {
      redrawPending = false;
      write("\r\u001b[K" + body, true);
    } else {
      write(body, true);
    }
  }

  private void write(String text, boolean newline) {
    Consumer<String> sink = testSink;
    if (sink != null) {
      sink.accept(newline ? text + "\n" : text);
      return;
    }
    PrintStream out =
        switch (target) {
          case STDERR -> NATIVE_STDERR;
          case STDOUT -> System.out;
          case OFF -> null;
        };
    if (out == null) {
      return;
    }
    synchronized (out) {
      if (newline) {
        out.println(text);
      } else {
        out.print(text);
      }
      out.flush();
    }
  }

  /** For the extension's tests: everything any sweep prints goes to {@code sink} (null: undo). */
  static void captureForTests(Consumer<String> sink) {
    testSink = sink;
  }
}
