package dev.w9y.core.assets;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of an assets directory's {@code _redirects} file, read and matched as workerd's asset
 * server does (wrangler's {@code parseRedirects}, the asset worker's {@code handleRedirects}):
 * {@code from to [status]} per line, {@code #} comments; status 301, 302 (the default), 303, 307,
 * 308 redirect, 200 serves {@code to}'s asset at {@code from}'s path; {@code *} (as {@code :splat})
 * and {@code :placeholders} in {@code from} are replaced in {@code to}. Rules without either,
 * before the first that has one, are static and win over the others; the rest match in file order.
 * A line workerd would skip with a warning is an error here, naming the line.
 */
final class Redirects {
  private static final List<Integer> STATUSES = List.of(200, 301, 302, 303, 307, 308);
  private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z]\\w*)");

  record Rule(String from, String to, int status, int line, Pattern pattern, List<String> names) {}

  /** Where a request's path leads: a redirect response, or the path to serve (maybe rewritten). */
  record Outcome(Response redirect, String pathname, boolean proxied) {}

  private final Map<String, Rule> staticRules = new LinkedHashMap<>();
  private final List<Rule> dynamicRules = new ArrayList<>();

  static final Redirects NONE = new Redirects();

  private Redirects() {}

  /**
   * Reads a {@code _redirects} file.
   *
   * @throws IllegalArgumentException naming {@code _redirects}, the line and the problem
   */
  static Redirects parse(String text) {
    Redirects redirects = new Redirects();
    String[] lines = text.split("\n", -1);
    boolean canBeStatic = true;
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] tokens = line.replaceAll("\\s+#.*$", "").split("\\s+");
      if (tokens.length < 2 || tokens.length > 3) {
        throw error(i, "expected 2 or 3 whitespace-separated tokens, got " + tokens.length);
      }
      String from = tokens[0];
      if (from.matches("(?i)^https?://.*")) {
        throw error(i, "W9Y serves one host: a rule's from must be a path, was " + from);
      }
      if (!from.startsWith("/")) {
        from = "/" + from;
      }
      from = stripSearchAndHash(from);
      String to = tokens[1];
      if (!to.startsWith("/") && !to.matches("(?i)^https?://[^/]+.*")) {
        throw error(
            i, "to must be a path (/...) or an http(s) URL, was " + to + " (workerd skips it)");
      }
      int status;
      try {
        status = tokens.length == 3 ? Integer.parseInt(tokens[2]) : 302;
      } catch (NumberFormatException e) {
        status = -1;
      }
      if (!STATUSES.contains(status)) {
        throw error(i, "status must be 200, 301, 302 (default), 303, 307 or 308, was " + tokens[2]);
      }
      if (status == 200 && !to.startsWith("/")) {
        throw error(i, "a 200 (rewrite) rule must point to a path, was " + to);
      }
      boolean relative = to.startsWith("/");
      boolean loop =
          relative
              && ((from.endsWith("/*") && to.matches(".*/index(\\.html)?$"))
                  || (from.endsWith("/") && to.matches(".*/index(\\.html)?$")));
      if (loop) {
        throw error(i, "an infinite redirect loop (workerd skips this rule)");
      }
      if (seen.contains(from)) {
        throw error(i, "a second rule for " + from + " (workerd skips it)");
      }
      seen.add(from);
      boolean dynamic = from.contains("*") || PLACEHOLDER.matcher(from).find();
      List<String> names = new ArrayList<>();
      Pattern pattern = regex(from, names);
      Rule rule = new Rule(from, to, status, i + 1, pattern, names);
      if (!dynamic && canBeStatic) {
        redirects.staticRules.put(from, rule);
      } else {
        canBeStatic = false;
        redirects.dynamicRules.add(rule);
      }
    }
    return redirects;
  }

  boolean isEmpty() {
    return staticRules.isEmpty() && dynamicRules.isEmpty();
  }

  /** The rule for {@code pathname} (the raw path of the request), applied; search kept. */
  Outcome apply(String pathname, String search) {
    Rule rule = staticRules.get(pathname);
    Map<String, String> replacements = new LinkedHashMap<>();
    if (rule == null) {
      for (Rule candidate : dynamicRules) {
        Matcher matcher = candidate.pattern().matcher(pathname);
        if (matcher.matches()) {
          rule = candidate;
          for (int g = 0; g < candidate.names().size(); g++) {
            replacements.put(candidate.names().get(g), matcher.group(g + 1));
          }
          break;
        }
      }
    }
    if (rule == null) {
      return new Outcome(null, pathname, false);
    }
    String target = rule.to();
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      target = target.replace(":" + replacement.getKey(), replacement.getValue());
    }
    target = target.strip();
    boolean absolute = target.matches("^(\\w+://).*");
    if (!absolute) {
      target = target.replaceAll("/+", "/");
    }
    int hashAt = target.indexOf('#');
    String hash = hashAt < 0 ? "" : target.substring(hashAt);
    String beforeHash = hashAt < 0 ? target : target.substring(0, hashAt);
    int searchAt = beforeHash.indexOf('?');
    String ownSearch = searchAt < 0 ? "" : beforeHash.substring(searchAt);
    String base = searchAt < 0 ? beforeHash : beforeHash.substring(0, searchAt);
    if (ownSearch.equals("?")) {
      ownSearch = "";
    }
    if (rule.status() == 200) {
      return new Outcome(null, base, true);
    }
    if (absolute && base.indexOf('/', base.indexOf("://") + 3) < 0) {
      base = base + "/"; // a URL's href has a path
    }
    String location = base + (ownSearch.isEmpty() ? search : ownSearch) + hash;
    return new Outcome(
        new Response(rule.status(), Headers.of("location", location), Body.EMPTY), null, false);
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

  /**
   * workerd's generateRuleRegExp: {@code *} a greedy splat, {@code :name} one segment; {@code
   * names} gets the name of each capturing group, in order.
   */
  static Pattern regex(String from, List<String> names) {
    StringBuilder regex = new StringBuilder("^");
    String[] parts = from.split("\\*", -1);
    for (int p = 0; p < parts.length; p++) {
      if (p > 0) {
        regex.append(names.contains("splat") ? ".*" : "(.*)");
        if (!names.contains("splat")) {
          names.add("splat");
        }
      }
      Matcher placeholder = PLACEHOLDER.matcher(parts[p]);
      int last = 0;
      while (placeholder.find()) {
        regex.append(Pattern.quote(parts[p].substring(last, placeholder.start())));
        String name = placeholder.group(1);
        if (names.contains(name)) {
          regex.append("[^/]+");
        } else {
          regex.append("([^/]+)");
          names.add(name);
        }
        last = placeholder.end();
      }
      regex.append(Pattern.quote(parts[p].substring(last)));
    }
    return Pattern.compile(regex.append("$").toString());
  }

  private static IllegalArgumentException error(int index, String problem) {
    return new IllegalArgumentException("_redirects:" + (index + 1) + ": " + problem);
  }
}
