package dev.w9y.guestjs.internal;

import dev.w9y.core.guest.ModuleRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a service's files become modules, as wrangler and esbuild make them: each file's module type
 * (ES module, CommonJS, Text, Data, JSON, CompiledWasm) from the module rules and, for {@code .js},
 * from its syntax; how specifiers resolve (relative paths with the extensions and index files a
 * bundler tries, bare package names through {@code node_modules} and {@code package.json} {@code
 * exports}/{@code module}/{@code main}); and the ES module a non-ES file is imported as (a facade
 * whose default export is the text, the bytes, the parsed JSON, the CommonJS {@code module.exports}
 * or the {@code WebAssembly.Module}). Works on paths relative to the service's root, '/'-separated.
 * Every answer is a pure function of the files and rules, so the same everywhere.
 */
public final class ModuleLoader {
  /** The module types. */
  public enum Type {
    ES_MODULE("ESModule"),
    COMMON_JS("CommonJS"),
    TEXT("Text"),
    DATA("Data"),
    JSON("JSON"),
    COMPILED_WASM("CompiledWasm");

    private final String ruleName;

    Type(String ruleName) {
      this.ruleName = ruleName;
    }

    public String ruleName() {
      return ruleName;
    }

    static Type ofRule(String name) {
      for (Type type : values()) {
        if (type.ruleName.equals(name)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown module type " + name);
    }
  }

  /** What the loader reads: a directory tree of files, in memory or on disk. */
  public interface Tree {
    boolean isFile(String path);

    boolean isDirectory(String path);

    /** The file's bytes; only called for paths {@link #isFile} accepts. */
    byte[] read(String path);
  }

  /** Extensions tried after a specifier without one, in esbuild's order. */
  static final List<String> EXTENSIONS = List.of(".js", ".mjs", ".cjs", ".json");

  /** Conditions of {@code package.json} {@code exports} a Worker bundle matches, in wrangler's. */
  private static final List<String> CONDITIONS_IMPORT =
      List.of("workerd", "worker", "browser", "import", "module", "default");

  private static final List<String> CONDITIONS_REQUIRE =
      List.of("workerd", "worker", "browser", "require", "module", "default");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<String> RESERVED =
      List.of(
          "break",
          "case",
          "catch",
          "class",
          "const",
          "continue",
          "debugger",
          "default",
          "delete",
          "do",
          "else",
          "enum",
          "export",
          "extends",
          "false",
          "finally",
          "for",
          "function",
          "if",
          "import",
          "in",
          "instanceof",
          "new",
          "null",
          "return",
          "super",
          "switch",
          "this",
          "throw",
          "true",
          "try",
          "typeof",
          "var",
          "void",
          "while",
          "with",
          "yield",
          "let",
          "static",
          "implements",
          "interface",
          "package",
          "private",
          "protected",
          "public",
          "await",
          "arguments",
          "eval",
          "__esModule");

  private final Tree tree;
  private final List<ModuleRule> rules;
  private final Map<String, Type> types = new TreeMap<>();
  private final Map<String, ModuleSniffer.Facts> facts = new TreeMap<>();
  private final Map<String, byte[]> facades = new TreeMap<>();

  public ModuleLoader(Tree tree, List<ModuleRule> rules) {
    this.tree = tree;
    this.rules = ModuleRule.withDefaults(rules);
  }

  /** A loader over files in memory. */
  public static ModuleLoader inMemory(SortedMap<String, byte[]> files, List<ModuleRule> rules) {
    TreeMap<String, byte[]> copy = new TreeMap<>(files);
    return new ModuleLoader(
        new Tree() {
          @Override
          public boolean isFile(String path) {
            return copy.containsKey(path);
          }

          @Override
          public boolean isDirectory(String path) {
            String prefix = path.isEmpty() ? "" : path + "/";
            String next = copy.ceilingKey(prefix);
            return next != null && next.startsWith(prefix);
          }

          @Override
          public byte[] read(String path) {
            return copy.get(path);
          }
        },
        rules);
  }

  // ---------------------------------------------------------------- types

  /** The module type of a file. */
  public Type type(String path) {
    return types.computeIfAbsent(path, this::classify);
  }

  /** Whether a file is a module under the rules (or a JavaScript or JSON file). */
  public boolean isModuleFile(String path) {
    if (path.endsWith(".json") || EXTENSIONS.stream().anyMatch(path::endsWith)) {
      return true;
    }
    return rules.stream().anyMatch(rule -> rule.matches(path));
  }

  private Type classify(String path) {
    for (ModuleRule rule : rules) {
      if (rule.matches(path)) {
        Type type = Type.ofRule(rule.type());
        if (type == Type.ES_MODULE && path.endsWith(".js") && !rule.globs().isEmpty()) {
          // wrangler's ESModule rule for .js is its default; a CommonJS dependency is still one.
          return sniffed(path);
        }
        return type;
      }
    }
    if (path.endsWith(".json")) {
      return Type.JSON;
    }
    if (path.endsWith(".cjs")) {
      return Type.COMMON_JS;
    }
    if (path.endsWith(".mjs")) {
      return Type.ES_MODULE;
    }
    return sniffed(path);
  }

  /** esbuild's rule: ES module syntax makes an ES module; otherwise CommonJS if it uses it. */
  private Type sniffed(String path) {
    ModuleSniffer.Facts f = facts(path);
    return !f.moduleSyntax() && f.commonJs() ? Type.COMMON_JS : Type.ES_MODULE;
  }

  ModuleSniffer.Facts facts(String path) {
    return facts.computeIfAbsent(path, p -> ModuleSniffer.sniff(text(p)));
  }

  String text(String path) {
    return new String(tree.read(path), StandardCharsets.UTF_8);
  }

  byte[] bytes(String path) {
    return tree.read(path);
  }

  // ---------------------------------------------------------------- facades

  /**
   * What GraalJS reads for the file: its own bytes for an ES module, else the ES module that stands
   * for it.
   */
  public byte[] moduleBytes(String path) {
    Type type = type(path);
    if (type == Type.ES_MODULE) {
      return tree.read(path);
    }
    return facades.computeIfAbsent(path, p -> facade(p, type).getBytes(StandardCharsets.UTF_8));
  }

  private String facade(String path, Type type) {
    String name = jsString(path);
    return switch (type) {
      case TEXT, DATA, COMPILED_WASM ->
          "export default globalThis.__w9yModules.load(" + name + ");\n";
      case JSON ->
          "const value = globalThis.__w9yModules.load("
              + name
              + ");\nexport default value;\n"
              + namedExports(jsonKeys(path), "value");
      case COMMON_JS ->
          "const m = globalThis.__w9yModules.load("
              + name
              + ");\n"
              + "export default m !== null && (typeof m === \"object\" || typeof m === \"function\")"
              + " && m.__esModule ? m.default : m;\n"
              + namedExports(commonJsExports(path, new LinkedHashSet<>()), "m");
      case ES_MODULE -> throw new IllegalStateException("an ES module needs no facade");
    };
  }

  private static String namedExports(Set<String> names, String from) {
    List<String> usable = new ArrayList<>();
    for (String name : names) {
      if (name.matches("[A-Za-z_$][A-Za-z0-9_$]*") && !RESERVED.contains(name)) {
        usable.add(name);
      }
    }
    if (usable.isEmpty()) {
      return "";
    }
    return "export const { " + String.join(", ", usable) + " } = " + from + " ?? {};\n";
  }

  private Set<String> jsonKeys(String path) {
    Set<String> keys = new LinkedHashSet<>();
    try {
      JsonNode node = JSON.readTree(tree.read(path));
      if (node != null && node.isObject()) {
        keys.addAll(node.propertyNames());
      }
    } catch (JacksonException e) {
      // JSON.parse reports it when the module loads, with the guest's own error
    }
    return keys;
  }

  /** The names a CommonJS module visibly exports, following its re-exports. */
  Set<String> commonJsExports(String path, Set<String> visiting) {
    Set<String> names = new LinkedHashSet<>();
    if (!visiting.add(path)) {
      return names;
    }
    ModuleSniffer.Facts f = facts(path);
    names.addAll(f.exportNames());
    for (String reexport : f.reexports()) {
      String target = resolve(path, reexport, true);
      if (target != null && type(target) == Type.COMMON_JS) {
        names.addAll(commonJsExports(target, visiting));
      }
    }
    names.remove("default");
    return names;
  }

  /** A JavaScript string literal of {@code text}. */
  static String jsString(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  // ---------------------------------------------------------------- resolution

  /**
   * The file {@code specifier} names from the module at {@code from} (a file path; "" for the
   * root), or null.
   *
   * @param require whether a {@code require()} asks (package exports' "require" condition) or an
   *     {@code import}
   */
  public String resolve(String from, String specifier, boolean require) {
    String dir = parent(from);
    if (specifier.startsWith("./")
        || specifier.startsWith("../")
        || specifier.equals(".")
        || specifier.equals("..")) {
      String joined = normalize(dir.isEmpty() ? specifier : dir + "/" + specifier);
      return joined == null ? null : probe(joined, require);
    }
    if (specifier.startsWith("/")) {
      String joined = normalize(specifier.substring(1));
      return joined == null ? null : probe(joined, require);
    }
    if (specifier.isEmpty() || specifier.contains(":")) {
      return null; // node:*, cloudflare:*, URLs: not files
    }
    String[] parts = specifier.split("/");
    int nameParts = specifier.startsWith("@") ? 2 : 1;
    if (parts.length < nameParts) {
      return null;
    }
    String pkg = String.join("/", java.util.Arrays.copyOfRange(parts, 0, nameParts));
    String subpath =
        parts.length > nameParts
            ? String.join("/", java.util.Arrays.copyOfRange(parts, nameParts, parts.length))
            : "";
    String at = dir;
    while (true) {
      String candidate = (at.isEmpty() ? "" : at + "/") + "node_modules/" + pkg;
      if (tree.isDirectory(candidate)) {
        String found = resolvePackage(candidate, subpath, require);
        if (found != null) {
          return found;
        }
      }
      if (at.isEmpty()) {
        return null;
      }
      at = parent(at);
    }
  }

  private String resolvePackage(String dir, String subpath, boolean require) {
    JsonNode manifest = manifest(dir);
    if (manifest != null && manifest.has("exports") && !manifest.get("exports").isNull()) {
      String target =
          exportsTarget(
              manifest.get("exports"),
              subpath.isEmpty() ? "." : "./" + subpath,
              require ? CONDITIONS_REQUIRE : CONDITIONS_IMPORT);
      if (target == null) {
        return null;
      }
      String joined = normalize(dir + "/" + target);
      return joined != null && tree.isFile(joined) ? joined : null;
    }
    if (!subpath.isEmpty()) {
      return probe(dir + "/" + subpath, require);
    }
    return probe(dir, require);
  }

  private JsonNode manifest(String dir) {
    String file = dir + "/package.json";
    if (!tree.isFile(file)) {
      return null;
    }
    try {
      return JSON.readTree(tree.read(file));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Node's PACKAGE_EXPORTS_RESOLVE for the conditions given, '*' patterns included. */
  private static String exportsTarget(JsonNode exports, String subpath, List<String> conditions) {
    boolean subpathMap = false;
    if (exports.isObject()) {
      for (String key : exports.propertyNames()) {
        subpathMap = key.startsWith(".");
        break;
      }
    }
    if (!subpathMap) {
      return subpath.equals(".") ? conditional(exports, conditions, "") : null;
    }
    if (exports.has(subpath)) {
      return conditional(exports.get(subpath), conditions, "");
    }
    for (String key : exports.propertyNames()) {
      int star = key.indexOf('*');
      if (star < 0) {
        continue;
      }
      String prefix = key.substring(0, star);
      String suffix = key.substring(star + 1);
      if (subpath.startsWith(prefix)
          && subpath.endsWith(suffix)
          && subpath.length() >= prefix.length() + suffix.length()) {
        String match = subpath.substring(prefix.length(), subpath.length() - suffix.length());
        return conditional(exports.get(key), conditions, match);
      }
    }
    return null;
  }

  private static String conditional(JsonNode target, List<String> conditions, String match) {
    if (target == null || target.isNull()) {
      return null;
    }
    if (target.isString()) {
      return target.asString().replace("*", match);
    }
    if (target.isArray()) {
      for (JsonNode item : target) {
        String found = conditional(item, conditions, match);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (target.isObject()) {
      for (String key : target.propertyNames()) {
        if (conditions.contains(key)) {
          String found = conditional(target.get(key), conditions, match);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  /** A file as a bundler finds it: exact, with an extension, or a directory's main or index. */
  public String probe(String path, boolean require) {
    if (tree.isFile(path)) {
      return path;
    }
    for (String extension : EXTENSIONS) {
      if (tree.isFile(path + extension)) {
        return path + extension;
      }
    }
    if (tree.isDirectory(path)) {
      JsonNode manifest = manifest(path);
      if (manifest != null) {
        for (String field : require ? List.of("main") : List.of("module", "main")) {
          JsonNode main = manifest.get(field);
          if (main != null && main.isString()) {
            String joined = normalize(path + "/" + main.asString());
            if (joined != null && !joined.equals(path)) {
              String found = probe(joined, require);
              if (found != null) {
                return found;
              }
            }
          }
        }
      }
      for (String extension : EXTENSIONS) {
        if (tree.isFile(path + "/index" + extension)) {
          return path + "/index" + extension;
        }
      }
    }
    return null;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Removes {@code .} and {@code ..} segments; null if the path climbs above the root. */
  static String normalize(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
      } else {
        out.add(segment);
      }
    }
    return String.join("/", out);
  }

  /**
   * Every file reachable from {@code starts} through literal import and require specifiers, the
   * starts included, plus the {@code package.json} of each package passed through. Dynamic
   * specifiers are not followed (as in a bundle).
   */
  public Set<String> reachable(List<String> starts) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>(starts);
    Function<String, Void> addManifests =
        file -> {
          String at = parent(file);
          while (true) {
            if (tree.isFile((at.isEmpty() ? "" : at + "/") + "package.json")) {
              seen.add((at.isEmpty() ? "" : at + "/") + "package.json");
            }
            int nm = at.lastIndexOf("node_modules/");
            if (nm < 0 || at.isEmpty()) {
              return null;
            }
            at = parent(at);
          }
        };
    while (!queue.isEmpty()) {
      String file = queue.remove(queue.size() - 1);
      if (!seen.add(file)) {
        continue;
      }
      if (file.contains("node_modules/")) {
        addManifests.apply(file);
      }
      Type type = type(file);
      if (type != Type.ES_MODULE && type != Type.COMMON_JS) {
        continue;
      }
      for (String specifier : facts(file).specifiers()) {
        String target = resolve(file, specifier, type == Type.COMMON_JS);
        if (target != null && !seen.contains(target)) {
          queue.add(target);
        }
      }
    }
    return seen;
  }
}
