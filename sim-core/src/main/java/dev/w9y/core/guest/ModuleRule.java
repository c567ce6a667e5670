package dev.w9y.core.guest;

import java.util.List;

/**
 * A module rule as wrangler's {@code rules} key writes it: files matching {@code globs} (relative
 * to the project root, {@code **} crossing directories) are modules of {@code type}. Rules are
 * tried in order; a rule without {@code fallthrough} replaces wrangler's default rule of the same
 * type.
 *
 * @param type {@code ESModule}, {@code CommonJS}, {@code Text}, {@code Data} or {@code
 *     CompiledWasm}
 */
public record ModuleRule(String type, List<String> globs, boolean fallthrough) {
  /** The module types W9Y runs. */
  public static final List<String> TYPES =
      List.of("ESModule", "CommonJS", "Text", "Data", "CompiledWasm");

  /**
   * wrangler's default rules: {@code .txt .html .sql} are Text, {@code .bin} Data, {@code .wasm}
   * CompiledWasm.
   */
  public static final List<ModuleRule> DEFAULTS =
      List.of(
          new ModuleRule("Text", List.of("**/*.txt", "**/*.html", "**/*.sql"), false),
          new ModuleRule("Data", List.of("**/*.bin"), false),
          new ModuleRule("CompiledWasm", List.of("**/*.wasm", "**/*.wasm?module"), false));

  public ModuleRule {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "module rule type '" + type + "' is not one W9Y runs (one of " + sortedTypes() + ")");
    }
    globs = List.copyOf(globs);
  }

  private static List<String> sortedTypes() {
    return new java.util.ArrayList<>(new java.util.TreeSet<>(TYPES));
  }

  /** The rules in effect: {@code custom} first, then each default whose type none replaces. */
  public static List<ModuleRule> withDefaults(List<ModuleRule> custom) {
    List<ModuleRule> all = new java.util.ArrayList<>(custom);
    for (ModuleRule rule : DEFAULTS) {
      boolean replaced =
          custom.stream().anyMatch(c -> c.type().equals(rule.type()) && !c.fallthrough());
      if (!replaced) {
        all.add(rule);
      }
    }
    return List.copyOf(all);
  }

  /** Whether {@code relativePath} ('/'-separated) matches one of the globs. */
  public boolean matches(String relativePath) {
    for (String glob : globs) {
      if (relativePath.matches(regex(glob))) {
        return true;
      }
    }
    return false;
  }

  /** A glob as a regular expression: {@code **}/ any directories, {@code *} within one name. */
  static String regex(String glob) {
    StringBuilder out = new StringBuilder();
    String g = glob.startsWith("./") ? glob.substring(2) : glob;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && g.startsWith("**/", i)) {
        out.append("(?:.*/)?");
        i += 2;
      } else if (c == '*' && g.startsWith("**", i)) {
        out.append(".*");
        i += 1;
      } else if (c == '*') {
        out.append("[^/]*");
      } else if (c == '?') {
        out.append("[^/]");
      } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
