package dev.w9y.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A URL path template of a contract: literal segments and parameters, as OpenAPI writes them
 * ({@code /orders/{id}/items}: a parameter is one whole segment) or as gRPC transcoding's {@code
 * google.api.http} rules do ({@link #transcoding}: {@code /v1/{name=shelves/*}/books/{book}:cancel}
 * — a variable may span several segments, {@code *} is one anonymous segment, {@code **} the rest
 * of the path, and a {@code :verb} ends the last segment).
 */
final class PathTemplate {
  private final String text;
  private final List<Segment> segments;
  private final String verb;

  /**
   * One segment: a literal, {@code *} (any one segment) or {@code **} (the rest, zero or more),
   * possibly part of a variable (whose value is its segments' text joined by '/').
   */
  private record Segment(Kind kind, String literal, String variable) {}

  private enum Kind {
    LITERAL,
    ANY,
    REST
  }

  /** An OpenAPI-style template: literal segments and whole-segment {@code {name}} parameters. */
  PathTemplate(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("path '" + text + "' must start with '/'");
    }
    List<Segment> parts = new ArrayList<>();
    for (String part : text.substring(1).split("/", -1)) {
      if (isParameter(part)) {
        if (part.length() == 2) {
          throw new IllegalArgumentException("path '" + text + "' has an unnamed parameter {}");
        }
        parts.add(new Segment(Kind.ANY, null, part.substring(1, part.length() - 1)));
      } else {
        parts.add(new Segment(Kind.LITERAL, part, null));
      }
    }
    this.text = text;
    this.segments = Collections.unmodifiableList(parts);
    this.verb = null;
  }

  private PathTemplate(String text, List<Segment> segments, String verb) {
    this.text = text;
    this.segments = Collections.unmodifiableList(segments);
    this.verb = verb;
  }

  /**
   * A template in gRPC transcoding syntax ({@code google/api/http.proto}): {@code Template = "/"
   * Segments [":" Verb]}, {@code Segment = "*" | "**" | LITERAL | "{" FieldPath ["=" Segments]
   * "}"}; a variable without segments is {@code {x=*}}; {@code **} only last.
   *
   * @throws IllegalArgumentException saying what is wrong and where in the template
   */
  static PathTemplate transcoding(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("path template '" + text + "' must start with '/'");
    }
    String body = text.substring(1);
    String verb = null;
    int close = body.lastIndexOf('}');
    int colon = body.indexOf(':', close + 1);
    if (colon >= 0 && body.indexOf('/', colon) < 0) {
      verb = body.substring(colon + 1);
      body = body.substring(0, colon);
      if (verb.isEmpty()) {
        throw new IllegalArgumentException("path template '" + text + "' has an empty verb");
      }
    }
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i <= body.length()) {
      if (i < body.length() && body.charAt(i) == '{') {
        int end = body.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("path template '" + text + "' has an unclosed '{'");
        }
        String variable = body.substring(i + 1, end);
        String pattern = "*";
        int equals = variable.indexOf('=');
        if (equals >= 0) {
          pattern = variable.substring(equals + 1);
          variable = variable.substring(0, equals);
        }
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
          throw new IllegalArgumentException(
              "path template '" + text + "' has a bad variable name '" + variable + "'");
        }
        for (String part : pattern.split("/", -1)) {
          segments.add(segment(text, part, variable));
        }
        i = end + 1;
      } else {
        int slash = body.indexOf('/', i);
        int end = slash < 0 ? body.length() : slash;
        String part = body.substring(i, end);
        if (part.contains("{") || part.contains("}")) {
          throw new IllegalArgumentException(
              "path template '"
                  + text
                  + "': a variable must be a whole segment, was '"
                  + part
                  + "'");
        }
        segments.add(segment(text, part, null));
        i = end;
      }
      if (i < body.length() && body.charAt(i) != '/') {
        throw new IllegalArgumentException(
            "path template '" + text + "': expected '/' after a variable at " + (i + 1));
      }
      i++;
    }
    for (int s = 0; s < segments.size() - 1; s++) {
      if (segments.get(s).kind() == Kind.REST) {
        throw new IllegalArgumentException(
            "path template '" + text + "': '**' must be the last segment");
      }
    }
    return new PathTemplate(text, segments, verb);
  }

  private static Segment segment(String template, String part, String variable) {
    if (part.equals("*")) {
      return new Segment(Kind.ANY, null, variable);
    }
    if (part.equals("**")) {
      return new Segment(Kind.REST, null, variable);
    }
    if (part.isEmpty() || part.contains("*")) {
      throw new IllegalArgumentException(
          "path template '" + template + "' has a bad segment '" + part + "'");
    }
    return new Segment(Kind.LITERAL, part, variable);
  }

  String text() {
    return text;
  }

  /** The variables this template binds, in order ({@code name}, {@code book.id}). */
  List<String> variables() {
    List<String> names = new ArrayList<>();
    for (Segment segment : segments) {
      if (segment.variable() != null && !names.contains(segment.variable())) {
        names.add(segment.variable());
      }
    }
    return names;
  }

  /** The variables' values if the (decoded) path segments match, else null. */
  Map<String, String> match(List<String> pathSegments) {
    List<String> actual = pathSegments;
    if (verb != null) {
      String last = actual.isEmpty() ? "" : actual.get(actual.size() - 1);
      if (!last.endsWith(":" + verb)) {
        return null;
      }
      actual = new ArrayList<>(actual);
      actual.set(actual.size() - 1, last.substring(0, last.length() - verb.length() - 1));
    }
    boolean rest = !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.REST;
    int fixed = rest ? segments.size() - 1 : segments.size();
    if (rest ? actual.size() < fixed : actual.size() != fixed) {
      return null;
    }
    Map<String, List<String>> parts = new TreeMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      List<String> taken;
      if (segment.kind() == Kind.REST) {
        taken = actual.subList(i, actual.size());
      } else {
        String value = actual.get(i);
        boolean fits =
            segment.kind() == Kind.LITERAL ? segment.literal().equals(value) : !value.isEmpty();
        if (!fits) {
          return null;
        }
        taken = List.of(value);
      }
      if (segment.variable() != null) {
        parts.computeIfAbsent(segment.variable(), v -> new ArrayList<>()).addAll(taken);
      }
    }
    Map<String, String> values = new TreeMap<>();
    parts.forEach((name, texts) -> values.put(name, String.join("/", texts)));
    return values;
  }

  /**
   * Whether this template is preferred over {@code other} for every path both match: OpenAPI's rule
   * that a concrete segment wins over a template ({@code /orders/mine} over {@code /orders/{id}});
   * a single-segment wildcard wins over {@code **}. Two templates that can match the same path with
   * neither preferred are ambiguous.
   */
  boolean dominates(PathTemplate other) {
    boolean strictly = false;
    int length = Math.max(segments.size(), other.segments.size());
    for (int i = 0; i < length; i++) {
      int mine = specificity(i);
      int theirs = other.specificity(i);
      if (mine < theirs) {
        return false;
      }
      if (mine > theirs) {
        strictly = true;
      }
    }
    return strictly || (verb != null && other.verb == null);
  }

  /** 2: a literal, 1: one wildcard segment, 0: within {@code **} (or past the end). */
  private int specificity(int index) {
    if (index >= segments.size()) {
      return 0;
    }
    Kind kind = segments.get(index).kind();
    return kind == Kind.LITERAL ? 2 : kind == Kind.ANY ? 1 : 0;
  }

  /** Whether some path matches both templates. */
  boolean overlaps(PathTemplate other) {
    if (verb != null && other.verb != null && !verb.equals(other.verb)) {
      return false;
    }
    boolean myRest = endsWithRest();
    boolean theirRest = other.endsWithRest();
    int mineFixed = myRest ? segments.size() - 1 : segments.size();
    int theirsFixed = other.endsWithRest() ? other.segments.size() - 1 : other.segments.size();
    if (!myRest && !theirRest && mineFixed != theirsFixed
        || !myRest && theirRest && mineFixed < theirsFixed
        || myRest && !theirRest && theirsFixed < mineFixed) {
      return false;
    }
    for (int i = 0; i < Math.min(mineFixed, theirsFixed); i++) {
      Segment mine = segments.get(i);
      Segment theirs = other.segments.get(i);
      if (mine.kind() == Kind.LITERAL
          && theirs.kind() == Kind.LITERAL
          && !mine.literal().equals(theirs.literal())) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithRest() {
    return !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.REST;
  }

  static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.substring(1).split("/", -1)) {
      parts.add(Http.decode(part));
    }
    return parts;
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  @Override
  public String toString() {
    return text;
  }
}
