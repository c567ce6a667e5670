package dev.w9y.debugger;

import dev.w9y.core.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Where {@link TimeTravel#continueTo} and {@link TimeTravel#reverseContinueTo} stop: an event that
 * wrote a record of a kind, by an actor, naming a request, about a check, injecting a fault or
 * printing console text, or after which a predicate over the state holds. {@link #and} combines
 * them (all must hit at the same event).
 */
public final class Breakpoint {
  /** One condition over one event of a loaded run. */
  interface Condition {
    boolean hits(TimeTravel run, long event);
  }

  private final String description;
  private final List<Condition> conditions;

  private Breakpoint(String description, List<Condition> conditions) {
    this.description = description;
    this.conditions = List.copyOf(conditions);
  }

  /** An event that wrote a record of {@code kind} ({@code response.sent}, {@code guest.error}). */
  public static Breakpoint kind(String kind) {
    Objects.requireNonNull(kind, "kind");
    return new Breakpoint(
        "kind=" + kind, List.of((run, event) -> run.anyRecord(event, kind, null)));
  }

  /** An event in which {@code actor} wrote a record ({@code box-office#0}, {@code EVENTS:...}). */
  public static Breakpoint actor(String actor) {
    Objects.requireNonNull(actor, "actor");
    return new Breakpoint(
        "actor=" + actor, List.of((run, event) -> run.anyRecord(event, null, actor)));
  }

  /** An event that wrote a record naming request {@code id} ({@code m12}). */
  public static Breakpoint request(String id) {
    int number = RecordLog.requestNumber(id);
    if (number == 0) {
      throw new IllegalArgumentException("request ids look like m12, not '" + id + "'");
    }
    return new Breakpoint(
        "request=" + id, List.of((run, event) -> run.anyRequestRecord(event, number)));
  }

  /** An event in which the check {@code name} reported (failed, fired, held or not). */
  public static Breakpoint check(String name) {
    Objects.requireNonNull(name, "name");
    return new Breakpoint(
        "check=" + name,
        List.of(
            (run, event) ->
                run.anyLine(
                    event,
                    kind -> kind.startsWith("check."),
                    line -> name.equals(text(line, "check")))));
  }

  /** An event that injected any fault. */
  public static Breakpoint fault() {
    return new Breakpoint(
        "fault", List.of((run, event) -> run.anyRecord(event, "fault.injected", null)));
  }

  /** An event that injected a fault whose id contains {@code text} ({@code network.drop}). */
  public static Breakpoint fault(String text) {
    Objects.requireNonNull(text, "text");
    return new Breakpoint(
        "fault=" + text,
        List.of(
            (run, event) ->
                run.anyLine(
                    event, "fault.injected"::equals, line -> text(line, "fault").contains(text))));
  }

  /** An event in which a guest's console line contains {@code text}. */
  public static Breakpoint console(String text) {
    Objects.requireNonNull(text, "text");
    return new Breakpoint(
        "console=" + text,
        List.of(
            (run, event) ->
                run.anyLine(event, "console"::equals, line -> text(line, "text").contains(text))));
  }

  /** An event with a record whose canonical JSON line contains {@code text}. */
  public static Breakpoint text(String text) {
    Objects.requireNonNull(text, "text");
    return new Breakpoint(
        "text=" + text,
        List.of((run, event) -> run.anyLine(event, kind -> true, line -> line.contains(text))));
  }

  /** A test over one record of a loaded run, which may read the run's other records. */
  @FunctionalInterface
  public interface RecordMatcher {
    boolean matches(TimeTravel run, long recordIndex, JsonNode record);
  }

  /**
   * An event with a record {@code matcher} accepts: for conditions over the run's history ("a seat
   * that an earlier response already gave").
   */
  public static Breakpoint onRecord(String description, RecordMatcher matcher) {
    Objects.requireNonNull(matcher, "matcher");
    return new Breakpoint(
        description,
        List.of(
            (run, event) -> {
              for (long i : run.recordRange(event)) {
                if (matcher.matches(run, i, Json.MAPPER.readTree(run.record(i)))) {
                  return true;
                }
              }
              return false;
            }));
  }

  /** An event after which {@code condition} holds over the whole state. */
  public static Breakpoint when(String description, Predicate<RunState> condition) {
    Objects.requireNonNull(condition, "condition");
    return new Breakpoint(
        description, List.of((run, event) -> condition.test(run.stateAfter(event))));
  }

  /** An event at which this and {@code other} both hit. */
  public Breakpoint and(Breakpoint other) {
    List<Condition> both = new ArrayList<>(conditions);
    both.addAll(other.conditions);
    return new Breakpoint(description + " " + other.description, both);
  }

  /** An event at which this or {@code other} hits. */
  public Breakpoint or(Breakpoint other) {
    Breakpoint self = this;
    return new Breakpoint(
        "(" + description + ") or (" + other.description + ")",
        List.of((run, event) -> self.hits(run, event) || other.hits(run, event)));
  }

  /**
   * A breakpoint from the debugger's words: space-separated {@code kind=K}, {@code actor=A}, {@code
   * request=ID}, {@code check=NAME}, {@code fault}, {@code fault=TEXT}, {@code console=TEXT}, all
   * of which must hit.
   *
   * @throws IllegalArgumentException naming the word it does not know
   */
  public static Breakpoint parse(String words) {
    Breakpoint all = null;
    for (String word : words.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? null : word.substring(eq + 1);
      if (value != null && value.isEmpty()) {
        throw new IllegalArgumentException("breakpoint '" + word + "' has no value after '='");
      }
      Breakpoint one =
          switch (name) {
            case "kind" -> kind(need(word, value));
            case "actor" -> actor(need(word, value));
            case "request" -> request(need(word, value));
            case "check" -> check(need(word, value));
            case "fault" -> value == null ? fault() : fault(value);
            case "console" -> console(need(word, value));
            case "text" -> text(need(word, value));
            default ->
                throw new IllegalArgumentException(
                    "unknown breakpoint '"
                        + word
                        + "' (kind=, actor=, request=, check=, fault, fault=, console=, text=)");
          };
      all = all == null ? one : all.and(one);
    }
    if (all == null) {
      throw new IllegalArgumentException(
          "a breakpoint needs a condition (kind=, actor=, request=, check=, fault, console=)");
    }
    return all;
  }

  private static String need(String word, String value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "breakpoint '" + word + "' needs a value: " + word + "=...");
    }
    return value;
  }

  private static String text(String line, String field) {
    JsonNode node = Json.MAPPER.readTree(line).get(field);
    return node == null ? "" : node.isString() ? node.asString() : node.toString();
  }

  /** Whether event {@code event} of {@code run} hits. */
  boolean hits(TimeTravel run, long event) {
    for (Condition condition : conditions) {
      if (!condition.hits(run, event)) {
        return false;
      }
    }
    return true;
  }

  /** The words that make it ({@code kind=response.sent actor=EVENTS:...}). */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
