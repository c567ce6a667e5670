package dev.w9y.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A URL path template of a contract ({@code /orders/{id}/items}): literal segments and
 * whole-segment parameters, as OpenAPI and gRPC transcoding write them.
 */
final class PathTemplate {
  private final String text;
  private final List<String> segments;

  PathTemplate(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("path '" + text + "' must start with '/'");
    }
    this.text = text;
    List<String> parts = new ArrayList<>();
    for (String part : text.substring(1).split("/", -1)) {
      if (isParameter(part) && part.length() == 2) {
        throw new IllegalArgumentException("path '" + text + "' has an unnamed parameter {}");
      }
      parts.add(part);
    }
    this.segments = Collections.unmodifiableList(parts);
  }

  String text() {
    return text;
  }

  /** The path parameters' values if {@code path} matches (decoded), else null. */
  Map<String, String> match(List<String> pathSegments) {
    if (pathSegments.size() != segments.size()) {
      return null;
    }
    Map<String, String> values = new TreeMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      String actual = pathSegments.get(i);
      if (isParameter(segment)) {
        if (actual.isEmpty()) {
          return null;
        }
        values.put(segment.substring(1, segment.length() - 1), actual);
      } else if (!segment.equals(actual)) {
        return null;
      }
    }
    return values;
  }

  /**
   * Whether this template is preferred over {@code other} for every path both match: OpenAPI's rule
   * that a concrete segment wins over a template ({@code /orders/mine} over {@code /orders/{id}}).
   * Two templates that can match the same path with neither preferred are ambiguous.
   */
  boolean dominates(PathTemplate other) {
    boolean strictly = false;
    for (int i = 0; i < segments.size(); i++) {
      boolean mine = isParameter(segments.get(i));
      boolean theirs = isParameter(other.segments.get(i));
      if (mine && !theirs) {
        return false;
      }
      if (!mine && theirs) {
        strictly = true;
      }
    }
    return strictly;
  }

  /** Whether some path matches both templates. */
  boolean overlaps(PathTemplate other) {
    if (segments.size() != other.segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      String mine = segments.get(i);
      String theirs = other.segments.get(i);
      if (!isParameter(mine) && !isParameter(theirs) && !mine.equals(theirs)) {
        return false;
      }
    }
    return true;
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
