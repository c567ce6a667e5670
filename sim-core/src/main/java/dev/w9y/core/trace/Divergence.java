package dev.w9y.core.trace;

import dev.w9y.core.http.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The first place two traces of what should be the same run differ: the line number, both versions
 * side by side, and the actor and event that produced them. This is the answer to "my seed does not
 * reproduce": it names where the runs parted.
 *
 * @param line the 0-based line (0 is the header) where the traces first differ
 * @param expected that line in the first trace, or null if it ended first
 * @param actual that line in the second trace, or null if it ended first
 */
public record Divergence(long line, String expected, String actual) {

  /** Compares two traces line by line; empty if they are identical. */
  public static Optional<Divergence> between(List<String> expected, List<String> actual) {
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        return Optional.of(new Divergence(i, expected.get(i), actual.get(i)));
      }
    }
    if (expected.size() != actual.size()) {
      return Optional.of(
          new Divergence(
              common,
              common < expected.size() ? expected.get(common) : null,
              common < actual.size() ? actual.get(common) : null));
    }
    return Optional.empty();
  }

  /** The actor of the differing record (from the expected trace, else the actual one). */
  public String actor() {
    return field("actor");
  }

  /** The event index of the differing record. */
  public long eventIndex() {
    String text = field("e");
    return text.isEmpty() ? -1 : Long.parseLong(text);
  }

  private String field(String name) {
    for (String line : new String[] {expected, actual}) {
      if (line != null) {
        JsonNode node = Json.MAPPER.readTree(line);
        if (node.has(name)) {
          return node.get(name).asString();
        }
      }
    }
    return "";
  }

  /** A report for people: where, who, and both versions. */
  public String describe() {
    String where = line == 0 ? "the header (the runs had different options)" : "line " + line;
    return "traces diverge at "
        + where
        + (actor().isEmpty() ? "" : ", event #" + eventIndex() + " by " + actor())
        + "\n  expected: "
        + (expected == null ? "<trace ended>" : expected)
        + "\n  actual:   "
        + (actual == null ? "<trace ended>" : actual);
  }
}
