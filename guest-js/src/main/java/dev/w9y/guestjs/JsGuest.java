package dev.w9y.guestjs;

import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.guestjs.internal.JsSandbox;
import dev.w9y.guestjs.internal.JsServiceCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  private static final List<String> MODULE_EXTENSIONS = List.of(".js", ".mjs", ".cjs", ".json");

  private final String entry;
  private final SortedMap<String, byte[]> files;
  private final SortedMap<String, String> aliases;
  private final long statementLimit;
  private final boolean allowEval;
  private final String origin;

  private JsGuest(
      String entry,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> aliases,
      long statementLimit,
      boolean allowEval,
      String origin) {
    this.entry = entry;
    this.files = files;
    this.aliases = aliases;
    this.statementLimit = statementLimit;
    this.allowEval = allowEval;
    this.origin = origin;
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
   * The module at {@code entry} and every module file ({@code .js .mjs .cjs .json}) under its
   * directory, except under {@code node_modules}.
   */
  public static JsGuest fromFile(Path entry) {
    Path file = entry.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("JavaScript entry module " + entry + " does not exist");
    }
    Path directory = file.getParent();
    SortedMap<String, byte[]> files = new TreeMap<>();
    long total = 0;
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(Files::isRegularFile).forEach(paths::add);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the modules of " + entry, e);
    }
    paths.sort(null); // walk order is the file system's; sorted is the same everywhere
    for (Path path : paths) {
      String relative = directory.relativize(path).toString().replace('\\', '/');
      if (relative.startsWith("node_modules/") || relative.contains("/node_modules/")) {
        continue;
      }
      if (MODULE_EXTENSIONS.stream().noneMatch(relative::endsWith)) {
        continue;
      }
      try {
        byte[] content = Files.readAllBytes(path);
        total += content.length;
        if (total > MAX_MODULE_BYTES) {
          throw new IllegalArgumentException(
              "the modules beside " + entry + " exceed " + MAX_MODULE_BYTES + " bytes");
        }
        files.put(relative, content);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + path, e);
      }
    }
    return new JsGuest(
        directory.relativize(file).toString().replace('\\', '/'),
        files,
        new TreeMap<>(),
        JsSandbox.DEFAULT_STATEMENT_LIMIT,
        false,
        entry.toString());
  }

  /** A service whose entry module is {@code source}, known to errors as {@code fileName}. */
  public static JsGuest fromSource(String fileName, String source) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(fileName, source.getBytes(StandardCharsets.UTF_8));
    return new JsGuest(
        fileName, files, new TreeMap<>(), JsSandbox.DEFAULT_STATEMENT_LIMIT, false, fileName);
  }

  /** Adds (or replaces) a module file the entry can import by relative path. */
  public JsGuest withFile(String relativePath, String source) {
    SortedMap<String, byte[]> copy = new TreeMap<>(files);
    copy.put(relativePath, source.getBytes(StandardCharsets.UTF_8));
    return new JsGuest(entry, copy, aliases, statementLimit, allowEval, origin);
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
    SortedMap<String, String> copy = new TreeMap<>(aliases);
    copy.put(specifier, relativePath);
    return new JsGuest(entry, files, copy, statementLimit, allowEval, origin);
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
    return new JsGuest(entry, files, aliases, statements, allowEval, origin);
  }

  /**
   * Lets the guest generate code from strings: {@code eval}, {@code new Function}, and the async
   * and generator function constructors. workerd refuses them (EvalError "Code generation from
   * strings disallowed for this context"), and so does W9Y unless asked; topology files say {@code
   * allowEval: true}.
   */
  @Override
  public JsGuest allowingEval() {
    return new JsGuest(entry, files, aliases, statementLimit, true, origin);
  }

  @Override
  public String kind() {
    return "js";
  }

  @Override
  public String describe() {
    return "js:" + origin;
  }

  @Override
  public ServiceCode load(String serviceName) {
    return new JsServiceCode(serviceName, entry, files, aliases, statementLimit, allowEval);
  }
}
