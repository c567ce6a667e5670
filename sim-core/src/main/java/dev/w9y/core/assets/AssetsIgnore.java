package dev.w9y.core.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files of an assets directory are not assets, as wrangler and Miniflare decide it
 * (workers-shared's {@code createAssetsIgnoreFunction}): the patterns {@code /.assetsignore},
 * {@code /_redirects} and {@code /_headers}, then the lines of the directory's {@code
 * .assetsignore}, read with gitignore's rules as the npm {@code ignore} package reads them (case
 * insensitive, the last matching pattern decides, {@code !} re-includes, a trailing {@code /}
 * matches directories only, a pattern with a {@code /} before its end is anchored to the directory,
 * {@code *}, {@code ?}, {@code [...]} and {@code **}; a file under an ignored directory stays
 * ignored whatever follows).
 */
final class AssetsIgnore {
  /** What wrangler always leaves out, before the file's own lines (which may re-include them). */
  private static final List<String> DEFAULTS =
      List.of("/.assetsignore", "/_redirects", "/_headers");

  private record Rule(Pattern pattern, boolean negated, boolean directoryOnly) {}

  private final List<Rule> rules;

  private AssetsIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules of an {@code .assetsignore} file's text (null: the directory has none). */
  static AssetsIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    List<String> lines = new ArrayList<>(DEFAULTS);
    if (text != null) {
      lines.addAll(List.of(text.split("\n", -1)));
    }
    for (String line : lines) {
      Rule rule = rule(line);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return new AssetsIgnore(rules);
  }

  /** Whether the file at {@code path} (from the directory, {@code /}-separated) is not an asset. */
  boolean ignored(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    // As git: once a directory is ignored, nothing under it can be re-included.
    int slash = relative.indexOf('/');
    while (slash >= 0) {
      if (decide(relative.substring(0, slash), true)) {
        return true;
      }
      slash = relative.indexOf('/', slash + 1);
    }
    return decide(relative, false);
  }

  private boolean decide(String path, boolean directory) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if ((directory || !rule.directoryOnly()) && rule.pattern().matcher(path).matches()) {
        ignored = !rule.negated();
      }
    }
    return ignored;
  }

  /** One line as a rule, or null for a blank line or a comment. */
  private static Rule rule(String line) {
    String text = trimTrailingSpace(line);
    if (text.isEmpty() || text.startsWith("#")) {
      return null;
    }
    boolean negated = text.startsWith("!");
    if (negated) {
      text = text.substring(1);
    } else if (text.startsWith("\\!") || text.startsWith("\\#")) {
      text = text.substring(1);
    }
    boolean directoryOnly = text.endsWith("/");
    if (directoryOnly) {
      text = text.substring(0, text.length() - 1);
    }
    boolean anchored = text.indexOf('/') >= 0;
    if (text.startsWith("/")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      return null;
    }
    String body = translate(text);
    return new Rule(
        Pattern.compile(
            (anchored ? "" : "(?:.*/)?") + body,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL),
        negated,
        directoryOnly);
  }

  /** Trailing spaces go unless escaped with a backslash; a trailing CR goes too (CRLF files). */
  private static String trimTrailingSpace(String line) {
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      if (end >= 2 && line.charAt(end - 2) == '\\' && line.charAt(end - 1) == ' ') {
        break;
      }
      end--;
    }
    return line.substring(0, end);
  }

  /** A glob (without its anchoring {@code /}) as a regular expression. */
  private static String translate(String glob) {
    StringBuilder out = new StringBuilder();
    int length = glob.length();
    for (int i = 0; i < length; i++) {
      char c = glob.charAt(i);
      boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < length && glob.charAt(i + 1) == '*' && segmentStart) {
        boolean segmentEnd = i + 2 == length || glob.charAt(i + 2) == '/';
        if (segmentEnd) {
          if (i + 2 == length) {
            out.append(".*"); // "a/**": everything inside a
          } else {
            out.append("(?:.*/)?"); // "**/" : any number of directories, none included
            i++;
          }
          i++;
          continue;
        }
      }
      switch (c) {
        case '*' -> {
          while (i + 1 < length && glob.charAt(i + 1) == '*') {
            i++;
          }
          out.append("[^/]*");
        }
        case '?' -> out.append("[^/]");
        case '\\' -> {
          if (i + 1 < length) {
            out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          } else {
            out.append("\\\\");
          }
        }
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            out.append("\\[");
          } else {
            String set = glob.substring(i + 1, close);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            out.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = close;
          }
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
