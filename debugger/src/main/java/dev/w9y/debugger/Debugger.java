package dev.w9y.debugger;

import dev.w9y.scheduler.VirtualTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interactive time-travel debugger over a loaded run: a prompt {@code #event +time kind actor>}
 * and commands to move (step, back, goto, continue, reverse-continue), set breakpoints and read the
 * state, records and causal chains. Its output is a pure function of the run and the commands (no
 * hash-ordered maps), so a scripted session prints the same text every time.
 *
 * <p>{@code w9y debug} runs it on a terminal; tests drive it with a script ({@code echo} writes
 * each command after its prompt, as a terminal would show it).
 */
public final class Debugger {
  static final String HELP =
      """
      step [n]               n events on (1)
      back [n]               n events back (1)
      goto #N | +HH:MM:SS.s  to event N, or to the last event at or before a virtual time
      continue               to the next event a breakpoint hits
      reverse-continue       to the previous event a breakpoint hits
      break WORDS            kind=K actor=A request=ID check=NAME fault fault=TEXT console=TEXT
                             text=TEXT (in a record's JSON line)
                             (all the words must hit at the same event)
      breaks                 the breakpoints
      delete N               removes breakpoint N
      print                  the current event's trace records
      show                   the whole state after the current event
      show SECTION [OBJECT]  one of instances requests pending storage alarms console checks faults
      why ID                 the causal chain of request ID (m12)
      help                   this list
      quit                   leaves
      """;

  private final TimeTravel run;
  private final PrintStream out;
  private final Map<Integer, Breakpoint> breakpoints = new TreeMap<>();
  private int nextBreakpoint = 1;

  private Debugger(TimeTravel run, PrintStream out) {
    this.run = run;
    this.out = out;
  }

  /**
   * Reads commands from {@code in} until {@code quit} or the end of input, writing to {@code out}.
   *
   * @param echo write each command after its prompt (for scripts and transcripts)
   */
  public static void run(TimeTravel run, BufferedReader in, PrintStream out, boolean echo) {
    new Debugger(run, out).loop(in, echo);
  }

  private void loop(BufferedReader in, boolean echo) {
    out.println(
        "seed "
            + run.result().seed()
            + ": "
            + run.eventCount()
            + " events, "
            + run.recordCount()
            + " records, "
            + (run.result().passed()
                ? "passed"
                : "failed at #" + run.result().failure().orElseThrow().eventIndex())
            + ", trace sha256 "
            + run.result().traceSha256());
    while (true) {
      out.print(prompt());
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (line == null) {
        out.println();
        return;
      }
      if (echo) {
        out.println(line);
      }
      if (!execute(line.trim())) {
        return;
      }
    }
  }

  /** {@code #12 +00:00:00.153 request.delivered box-office#0> }. */
  String prompt() {
    long at = run.position();
    return "#"
        + at
        + " "
        + VirtualTime.format(run.timeNanos(at))
        + " "
        + run.eventKind(at)
        + " "
        + run.eventActor(at)
        + "> ";
  }

  /** Runs one command; false for quit. */
  boolean execute(String line) {
    if (line.isEmpty()) {
      return true;
    }
    String[] words = line.split("\\s+", 2);
    String command = words[0];
    String rest = words.length > 1 ? words[1].trim() : "";
    try {
      switch (command) {
        case "step", "s" -> moved(run.step(count(rest)));
        case "back", "b" -> moved(run.back(count(rest)));
        case "goto", "g" -> moved(goTo(rest));
        case "continue", "c" -> continueTo(true);
        case "reverse-continue", "rc" -> continueTo(false);
        case "break" -> addBreakpoint(rest);
        case "breaks" -> listBreakpoints();
        case "delete" -> deleteBreakpoint(rest);
        case "print", "p" -> print();
        case "show" -> show(rest);
        case "why" -> out.print(run.why(rest));
        case "help", "h", "?" -> out.print(HELP);
        case "quit", "q", "exit" -> {
          return false;
        }
        default -> out.println("unknown command '" + command + "' (help lists them)");
      }
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
    }
    return true;
  }

  private static long count(String text) {
    if (text.isEmpty()) {
      return 1;
    }
    try {
      long n = Long.parseLong(text);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a count of events");
    }
  }

  private TimeTravel goTo(String where) {
    if (where.startsWith("#")) {
      try {
        return run.goTo(Long.parseLong(where.substring(1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + where + "' is not an event (#N)");
      }
    }
    if (where.startsWith("+")) {
      return run.goToTime(java.time.Duration.ofNanos(TimeText.parse(where)));
    }
    throw new IllegalArgumentException("goto takes #N (an event) or +HH:MM:SS.s (a virtual time)");
  }

  private void moved(TimeTravel at) {
    print();
  }

  private void print() {
    for (String record : run.records()) {
      out.println(record);
    }
  }

  private void continueTo(boolean forwards) {
    if (breakpoints.isEmpty()) {
      out.println("no breakpoints (break kind=... sets one)");
      return;
    }
    long from = run.position();
    // The nearest hit of any breakpoint, in the direction of travel.
    long best = -1;
    int which = 0;
    for (Map.Entry<Integer, Breakpoint> entry : breakpoints.entrySet()) {
      run.goTo(from);
      boolean hit =
          forwards ? run.continueTo(entry.getValue()) : run.reverseContinueTo(entry.getValue());
      if (hit && (best < 0 || (forwards ? run.position() < best : run.position() > best))) {
        best = run.position();
        which = entry.getKey();
      }
    }
    if (best < 0) {
      run.goTo(from);
      out.println(
          "no breakpoint hits "
              + (forwards ? "after" : "before")
              + " #"
              + from
              + (forwards ? " (the last event is #" + (run.eventCount() - 1) + ")" : ""));
      return;
    }
    run.goTo(best);
    out.println("breakpoint " + which + " (" + breakpoints.get(which) + ") at #" + best);
    print();
  }

  private void addBreakpoint(String words) {
    Breakpoint breakpoint = Breakpoint.parse(words);
    breakpoints.put(nextBreakpoint, breakpoint);
    out.println("breakpoint " + nextBreakpoint + ": " + breakpoint);
    nextBreakpoint++;
  }

  private void listBreakpoints() {
    if (breakpoints.isEmpty()) {
      out.println("no breakpoints");
    }
    for (Map.Entry<Integer, Breakpoint> entry : breakpoints.entrySet()) {
      out.println(entry.getKey() + ": " + entry.getValue());
    }
  }

  private void deleteBreakpoint(String number) {
    try {
      if (breakpoints.remove(Integer.parseInt(number)) == null) {
        throw new NumberFormatException();
      }
      out.println("deleted breakpoint " + number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no breakpoint '" + number + "' (breaks lists them)");
    }
  }

  private void show(String what) {
    RunState state = run.state();
    if (what.isEmpty()) {
      out.print(state.render());
      return;
    }
    String[] words = what.split("\\s+", 2);
    Section section = null;
    for (Section each : Section.values()) {
      if (each.title().equals(words[0])) {
        section = each;
      }
    }
    if (section == null) {
      throw new IllegalArgumentException(
          "no section '"
              + words[0]
              + "' (instances requests pending storage alarms console checks faults)");
    }
    if (section == Section.STORAGE && words.length > 1) {
      Map<String, String> storage = state.storage(words[1]);
      out.println("storage of " + words[1] + " (" + storage.size() + ")");
      for (Map.Entry<String, String> entry : storage.entrySet()) {
        out.println("  " + entry.getKey() + "  " + entry.getValue());
      }
      return;
    }
    out.print(state.render(section));
  }
}
