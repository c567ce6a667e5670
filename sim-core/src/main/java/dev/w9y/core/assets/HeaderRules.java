package dev.w9y.core.assets;

import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of an assets directory's {@code _headers} file, read and applied as workerd's asset
 * server does (wrangler's {@code parseHeaders}, the asset worker's {@code attachCustomHeaders}): a
 * line starting with {@code /} starts a rule for that path pattern ({@code *} a splat, {@code
 * :name} one segment), indented {@code Name: value} lines set headers (repeated names joined with
 * {@code ", "}; {@code :name} and {@code :splat} in values replaced), {@code ! Name} lines remove
 * one. Every rule whose pattern matches the request's path applies, in file order, to every answer
 * of the asset server: the first rule to set a header replaces it, later ones append. A line
 * workerd would skip with a warning is an error here, naming the line.
 */
final class HeaderRules {
  private record Rule(
      Pattern pattern, List<String> names, Map<String, String> set, List<String> unset) {}

  private final List<Rule> rules;

  static final HeaderRules NONE = new HeaderRules(List.of());

  private HeaderRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Reads a {@code _headers} file.
   *
   * @throws IllegalArgumentException naming {@code _headers}, the line and the problem
   */
  static HeaderRules parse(String text) {
    Map<String, Rule> byPath = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    String path = null;
    Map<String, String> set = null;
    List<String> unset = null;
    int started = 0;
    for (int i = 0; i <= lines.length; i++) {
      String line = i == lines.length ? null : lines[i].strip();
      if (line != null && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      boolean isPath = line == null || line.startsWith("/") || line.matches("^[^\\s]+://.*");
      if (isPath) {
        if (path != null) {
          if (set.isEmpty() && unset.isEmpty()) {
            throw error(started, "no headers for " + path + " (workerd skips the rule)");
          }
          List<String> names = new ArrayList<>();
          Pattern pattern = Redirects.regex(path, names);
          byPath.put(path, new Rule(pattern, names, set, unset));
        }
        if (line == null) {
          break;
        }
        if (!line.startsWith("/")) {
          throw error(i, "W9Y serves one host: a rule's path must start with '/', was " + line);
        }
        path = stripSearchAndHash(line);
        set = new LinkedHashMap<>();
        unset = new ArrayList<>();
        started = i;
        continue;
      }
      if (!line.contains(":")) {
        if (path == null) {
          throw error(i, "expected a path beginning with '/'");
        }
        if (line.startsWith("! ")) {
          unset.add(line.substring(2));
          continue;
        }
        throw error(i, "expected a colon-separated header pair (name: value)");
      }
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.contains(" ")) {
        throw error(i, "a header name cannot include spaces");
      }
      if (name.isEmpty()) {
        throw error(i, "no header name");
      }
      if (value.isEmpty()) {
        throw error(i, "no header value");
      }
      if (path == null) {
        throw error(i, "a path must come before the header " + name);
      }
      set.merge(name, value, (old, more) -> old + ", " + more);
    }
    return new HeaderRules(new ArrayList<>(byPath.values()));
  }

  /** {@code response} with the headers of every rule matching {@code pathname} applied. */
  Response apply(String pathname, Response response) {
    if (rules.isEmpty()) {
      return response;
    }
    Headers headers = response.headers();
    List<String> setHere = new ArrayList<>();
    for (Rule rule : rules) {
      Matcher matcher = rule.pattern().matcher(pathname);
      if (!matcher.matches()) {
        continue;
      }
      for (String name : rule.unset()) {
        headers = headers.without(name);
      }
      for (Map.Entry<String, String> header : rule.set().entrySet()) {
        String value = header.getValue();
        for (int g = 0; g < rule.names().size(); g++) {
          value = value.replace(":" + rule.names().get(g), matcher.group(g + 1));
        }
        if (setHere.contains(header.getKey())) {
          // JavaScript's Headers.append: one header, values joined
          String joined = headers.get(header.getKey()).map(v -> v + ", ").orElse("") + value;
          headers = headers.withReplaced(header.getKey(), joined);
        } else {
          headers = headers.withReplaced(header.getKey(), value);
          setHere.add(header.getKey());
        }
      }
    }
    return new Response(response.status(), headers, response.body());
  }

  private static String stripSearchAndHash(String path) {
    int cut = path.length();
    for (char c : new char[] {'?', '#'}) {
      int at = path.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return path.substring(0, cut);
  }

  private static IllegalArgumentException error(int index, String problem) {
    return new IllegalArgumentException("_headers:" + (index + 1) + ": " + problem);
  }
}
