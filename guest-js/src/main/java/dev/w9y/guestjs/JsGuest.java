package dev.w9y.guestjs;

import dev.w9y.core.guest.CodeIdentity;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.ModuleRule;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.guestjs.internal.JsSandbox;
import dev.w9y.guestjs.internal.JsServiceCode;
import dev.w9y.guestjs.internal.ModuleLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service written in JavaScript, Workers style: an ES module whose default export has {@code
 * fetch(request, env, ctx)} (and optionally {@code scheduled(event, env, ctx)}), and whose named
 * exports are its durable-object classes. The module may import other modules of the service by
 * relative path; they are read into memory when the guest is created, and nothing else on disk is
 * reachable from guest code. Immutable.
 *
 * <pre>{@code
 * ServiceSpec.of("api", JsGuest.fromFile(Path.of("src/test/js/api/index.js")))
 * ServiceSpec.of("echo", JsGuest.fromSource("index.js",
 *     "export default { fetch: (req) => new Response(req.url) };"))
 * }</pre>
 */
public final class JsGuest implements GuestCode {
  /** Most bytes of module files one service may have. */
  public static final long MAX_MODULE_BYTES = 32L * 1024 * 1024;

  private final String entry;
  private final SortedMap<String, byte[]> files;
  private final SortedMap<String, String> aliases;
  private final long statementLimit;
  private final boolean allowEval;
  private final String origin;
  private final List<ModuleRule> rules;
  private final SortedSet<String> sqliteClasses;
  private final List<String> compatibilityFlags;

  private JsGuest(Settings settings) {
    this.entry = settings.entry;
    this.files = settings.files;
    this.aliases = settings.aliases;
    this.statementLimit = settings.statementLimit;
    this.allowEval = settings.allowEval;
    this.origin = settings.origin;
    this.rules = List.copyOf(settings.rules);
    this.sqliteClasses = Collections.unmodifiableSortedSet(new TreeSet<>(settings.sqliteClasses));
    this.compatibilityFlags = List.copyOf(settings.compatibilityFlags);
  }

  /** New code: {@code files} with their entry, and every setting at its default. */
  private static JsGuest of(String entry, SortedMap<String, byte[]> files, String origin) {
    Settings settings = new Settings();
    settings.entry = entry;
    settings.files = files;
    settings.origin = origin;
    return new JsGuest(settings);
  }

  /** This code with {@code change} made to a copy of its settings. */
  private JsGuest changed(java.util.function.Consumer<Settings> change) {
    Settings settings = new Settings();
    settings.entry = entry;
    settings.files = new TreeMap<>(files);
    settings.aliases = new TreeMap<>(aliases);
    settings.statementLimit = statementLimit;
    settings.allowEval = allowEval;
    settings.origin = origin;
    settings.rules = rules;
    settings.sqliteClasses = new TreeSet<>(sqliteClasses);
    settings.compatibilityFlags = compatibilityFlags;
    change.accept(settings);
    return new JsGuest(settings);
  }

  /** Every field of a JsGuest, mutable, so each {@code with...} names only what it changes. */
  private static final class Settings {
    String entry;
    SortedMap<String, byte[]> files;
    SortedMap<String, String> aliases = new TreeMap<>();
    long statementLimit = JsSandbox.DEFAULT_STATEMENT_LIMIT;
    boolean allowEval;
    String origin;
    List<ModuleRule> rules = List.of();
    SortedSet<String> sqliteClasses = new TreeSet<>();
    List<String> compatibilityFlags = List.of();
  }

  /**
   * Which GraalJS runtime this JVM runs guests on, e.g. {@code "Interpreted 25.5.5.0.3"} on a stock
   * JDK or {@code "GraalVM CE 25.0.3"} with the JIT opt-in (docs/JS-GUESTS.md). Not part of any
   * trace: a run's trace is the same either way.
   */
  public static String runtimeDescription() {
    return JsSandbox.engine().getImplementationName() + " " + JsSandbox.engine().getVersion();
  }

  /**
   * The module at {@code entry} and every module file under its directory: {@code .js .mjs .cjs
   * .json}, and what wrangler's default module rules make modules ({@code .txt .html .sql} Text,
   * {@code .bin} Data, {@code .wasm} CompiledWasm), outside directories whose name starts with a
   * dot ({@code .wrangler}, {@code .git}). From {@code node_modules}, only the files the modules
   * reach through literal {@code import}/{@code require} specifiers (and the packages' {@code
   * package.json}), as a bundler would take them.
   */
  public static JsGuest fromFile(Path entry) {
    Path file = entry.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("JavaScript entry module " + entry + " does not exist");
    }
    Path directory = file.getParent();
    return fromProject(
        directory,
        directory.relativize(file).toString().replace('\\', '/'),
        List.of(),
        entry.toString());
  }

  /**
   * A Worker project as wrangler sees it: the entry {@code main} (relative to {@code root}) and the
   * module files under {@code root}, typed by {@code rules} before wrangler's defaults (see {@link
   * #fromFile}). {@code origin} names the code in errors and the trace; keep it free of absolute
   * paths (the trace of a run must be the same on every machine).
   */
  public static JsGuest fromProject(Path root, String main, List<ModuleRule> rules, String origin) {
    Path directory = root.toAbsolutePath().normalize();
    Path file = directory.resolve(main).normalize();
    if (!Files.isRegularFile(file) || !file.startsWith(directory)) {
      throw new IllegalArgumentException(
          "JavaScript entry module " + main + " does not exist under " + root);
    }
    List<Path> paths = new ArrayList<>();
    try {
      // node_modules (often tens of thousands of files) and dot-directories are not walked: the
      // files a module reaches there are found by resolution below.
      Files.walkFileTree(
          directory,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                Path dir, java.nio.file.attribute.BasicFileAttributes attributes) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip =
                  !dir.equals(directory) && (name.equals("node_modules") || name.startsWith("."));
              return skip
                  ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                  : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(
                Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
              if (attributes.isRegularFile()) {
                paths.add(file);
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("reading the modules of " + origin, e);
    }
    paths.sort(null); // walk order is the file system's; sorted is the same everywhere
    DiskTree disk = new DiskTree(directory);
    ModuleLoader loader = new ModuleLoader(disk, rules);
    List<String> starts = new ArrayList<>();
    starts.add(directory.relativize(file).toString().replace('\\', '/'));
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Path path : paths) {
      String relative = directory.relativize(path).toString().replace('\\', '/');
      if (relative.startsWith("node_modules/") || relative.contains("/node_modules/")) {
        continue;
      }
      if (relative.startsWith(".") || relative.contains("/.")) {
        continue; // .wrangler (wrangler's scratch bundles), .git and other tools' directories
      }
      if (loader.isModuleFile(relative)) {
        starts.add(relative);
      }
    }
    long total = 0;
    for (String relative : new TreeSet<>(loader.reachable(starts))) {
      byte[] content = disk.read(relative);
      total += content.length;
      if (total > MAX_MODULE_BYTES) {
        throw new IllegalArgumentException(
            "the modules of " + origin + " exceed " + MAX_MODULE_BYTES + " bytes");
      }
      files.put(relative, content);
    }
    JsGuest project = of(starts.get(0), files, origin);
    return rules.isEmpty() ? project : project.withModuleRules(rules);
  }

  /** A directory on disk as the module loader reads it; each file read once. */
  private static final class DiskTree implements ModuleLoader.Tree {
    private final Path directory;
    private final SortedMap<String, byte[]> read = new TreeMap<>();

    DiskTree(Path directory) {
      this.directory = directory;
    }

    private Path at(String path) {
      Path resolved = directory.resolve(path).normalize();
      return resolved.startsWith(directory) ? resolved : directory.resolve("\0invalid");
    }

    @Override
    public boolean isFile(String path) {
      return !path.isEmpty() && read.containsKey(path) || Files.isRegularFile(at(path));
    }

    @Override
    public boolean isDirectory(String path) {
      return Files.isDirectory(at(path));
    }

    @Override
    public byte[] read(String path) {
      return read.computeIfAbsent(
          path,
          p -> {
            try {
              return Files.readAllBytes(at(p));
            } catch (IOException e) {
              throw new UncheckedIOException("reading " + p, e);
            }
          });
    }
  }

  /** A service whose entry module is {@code source}, known to errors as {@code fileName}. */
  public static JsGuest fromSource(String fileName, String source) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(fileName, source.getBytes(StandardCharsets.UTF_8));
    return of(fileName, files, fileName);
  }

  /** Adds (or replaces) a module file the entry can import by relative path. */
  public JsGuest withFile(String relativePath, String source) {
    byte[] content = source.getBytes(StandardCharsets.UTF_8);
    return changed(settings -> settings.files.put(relativePath, content));
  }

  /** Adds (or replaces) a file of any module type (Data, CompiledWasm: bytes). */
  public JsGuest withFile(String relativePath, byte[] content) {
    byte[] copy = content.clone();
    return changed(settings -> settings.files.put(relativePath, copy));
  }

  /**
   * Module rules (wrangler's {@code rules}), tried before wrangler's default rules; a rule without
   * fallthrough replaces the default of its type.
   */
  public JsGuest withModuleRules(List<ModuleRule> moduleRules) {
    for (ModuleRule rule : moduleRules) {
      java.util.Objects.requireNonNull(rule, "rule");
    }
    return changed(settings -> settings.rules = moduleRules);
  }

  /**
   * Makes a bare specifier ({@code import _ from "lodash"}) resolve to one of the service's files
   * (a bundled copy of the package).
   */
  public JsGuest withModuleAlias(String specifier, String relativePath) {
    if (!files.containsKey(relativePath)) {
      throw new IllegalArgumentException(
          "module alias '"
              + specifier
              + "' points at "
              + relativePath
              + ", not a file of "
              + origin);
    }
    return changed(settings -> settings.aliases.put(specifier, relativePath));
  }

  /**
   * Sets the statement budget of one event: a host-to-guest call (a request, a timer, a promise
   * settling) that runs more statements fails, and the instance restarts. Counted, so the same on
   * every run; default {@link JsSandbox#DEFAULT_STATEMENT_LIMIT}.
   */
  public JsGuest withStatementLimit(long statements) {
    if (statements < 1) {
      throw new IllegalArgumentException("statement limit must be positive, was " + statements);
    }
    return changed(settings -> settings.statementLimit = statements);
  }

  /**
   * Lets the guest generate code from strings: {@code eval}, {@code new Function}, and the async
   * and generator function constructors. workerd refuses them (EvalError "Code generation from
   * strings disallowed for this context"), and so does W9Y unless asked; topology files say {@code
   * allowEval: true}.
   */
  @Override
  public JsGuest allowingEval() {
    return changed(settings -> settings.allowEval = true);
  }

  /**
   * Makes objects of the durable-object classes {@code classNames} SQLite-backed, as wrangler's
   * {@code new_sqlite_classes} does: {@code ctx.storage.sql}, {@code transactionSync}, {@code
   * ctx.storage.kv}, and the key-value API kept in the same database.
   */
  @Override
  public JsGuest withSqliteClasses(Collection<String> classNames) {
    return changed(settings -> settings.sqliteClasses.addAll(classNames));
  }

  /**
   * The same code with workerd's compatibility flags: {@code nodejs_compat} (or {@code
   * nodejs_compat_v2}) provides the {@code node:*} modules docs/JS-GUESTS.md lists, with bare
   * specifiers and the {@code Buffer} and {@code process} globals (as workerd does for
   * compatibility dates from 2024-09-23); {@code nodejs_als} provides {@code node:async_hooks}
   * only. Other flags are recorded and change nothing.
   */
  @Override
  public JsGuest withCompatibilityFlags(List<String> flags) {
    return changed(settings -> settings.compatibilityFlags = flags);
  }

  /** The compatibility flags the code runs with. */
  public List<String> compatibilityFlags() {
    return compatibilityFlags;
  }

  @Override
  public boolean isSqliteClass(String className) {
    return sqliteClasses.contains(className);
  }

  @Override
  public String kind() {
    return "js";
  }

  /**
   * The entry (relative to the project root) and a hash of every module file, the aliases and the
   * module rules: the same code gives the same trace header wherever it was loaded from. The origin
   * (a path as passed) is for error messages only.
   */
  @Override
  public String describe() {
    SortedMap<String, byte[]> content = new TreeMap<>(files);
    // Aliases and rules change which module an import reaches and how a file is read; names that
    // cannot be file paths (a NUL) keep them apart from the files.
    content.put("\0aliases", aliases.toString().getBytes(StandardCharsets.UTF_8));
    content.put("\0rules", rules.toString().getBytes(StandardCharsets.UTF_8));
    if (!sqliteClasses.isEmpty()) {
      content.put("\0sqlite", sqliteClasses.toString().getBytes(StandardCharsets.UTF_8));
    }
    // The flags change what the code can import: the header names them.
    return CodeIdentity.of("js", entry, content)
        + (compatibilityFlags.isEmpty() ? "" : " " + compatibilityFlags);
  }

  @Override
  public ServiceCode load(String serviceName) {
    return new JsServiceCode(
        serviceName, entry, files, aliases, statementLimit, allowEval, rules, compatibilityFlags);
  }
}
