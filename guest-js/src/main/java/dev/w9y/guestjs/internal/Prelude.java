package dev.w9y.guestjs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The JavaScript that turns a bare GraalJS context into a Workers-like global scope: Web APIs,
 * virtual time, seeded randomness, the bridge to the host. Each file under {@code
 * dev/w9y/guestjs/prelude/} is a script whose value is a function taking {@code internal}, an
 * object the prelude files share and guest code never sees; files run in {@link #FILES} order.
 * Sources are built once per JVM so the shared engine parses each file once.
 */
public final class Prelude {
  /** Prelude files in the order they install; later files may use what earlier ones put in. */
  public static final List<String> FILES =
      List.of(
          "json.js",
          "dom-exception.js",
          "runtime.js",
          "atomics.js",
          "event.js",
          "encoding.js",
          "modules.js",
          "wasm.js",
          "subtle.js",
          "url.js",
          "urlpattern.js",
          "headers.js",
          "structured-clone.js",
          "abort.js",
          "streams.js",
          "compression.js",
          "forms.js",
          "fetch.js",
          "htmlrewriter.js",
          "websocket.js",
          "cache.js",
          "sql.js",
          "workers.js",
          "d1.js",
          "rpc.js",
          "contracts.js",
          "workflows.js",
          "kv.js",
          "queue.js",
          "r2.js",
          "node.js",
          "node-stream.js",
          "node-fs.js",
          "node-http.js",
          "node-url.js",
          "node-kdf.js");

  /** The name every prelude source starts with; budgets do not count prelude code. */
  static final String SOURCE_NAME_PREFIX = "w9y:prelude/";

  private static final List<Source> SOURCES;

  static {
    JsSandbox.engine(); // first touch of GraalJS: the sandbox sets its system properties first
    SOURCES = load(FILES);
  }

  private Prelude() {}

  /**
   * The system property that makes every instance run every prelude file, the ones {@link #needed}
   * leaves out too: what a context looked like before files were left out, for the test that shows
   * leaving them out changes nothing a guest can see ({@code PreludeFilesLeftOutTest}).
   */
  public static final String EVERY_FILE_PROPERTY = "w9y.prelude.everyFile";

  /**
   * Runs the prelude in a fresh context, leaving out the files that would install nothing in it.
   *
   * @param internal the shared private object; the host bridge is already on it
   * @param nodeModules whether the service may import {@code node:} modules
   * @param platformKinds the kinds of the service's platform bindings ({@code "kv"}, {@code "d1"})
   * @return {@code internal}, for the caller to reach what the prelude files put on it
   */
  public static Value install(
      Context context,
      Value internal,
      boolean nodeModules,
      java.util.Collection<String> platformKinds) {
    shareHostErrorSample(internal);
    boolean everyFile = Boolean.getBoolean(EVERY_FILE_PROPERTY);
    for (int i = 0; i < SOURCES.size(); i++) {
      String file = FILES.get(i);
      if (everyFile || needed(file, nodeModules, platformKinds)) {
        context.eval(SOURCES.get(i)).execute(internal);
        StartProfile.mark(file);
      }
    }
    return internal;
  }

  /**
   * Whether {@code file} can do anything in a context, measured by {@code ServiceStartProfile}: a
   * file left out costs nothing, and a file run for nothing costs its top level. The node files
   * return before installing anything when the service may import no {@code node:} module ({@code
   * node.js} checks {@code internal.nodeModules}, the others the factories it would have made);
   * {@code d1.js}, {@code kv.js} and {@code r2.js} only register the maker of their kind's binding
   * object, which {@code makeEnv} calls for a binding of that kind alone. No other file reads what
   * these put on {@code internal}.
   */
  static boolean needed(
      String file, boolean nodeModules, java.util.Collection<String> platformKinds) {
    if (file.startsWith("node")) {
      return nodeModules;
    }
    return switch (file) {
      case "d1.js" -> platformKinds.contains("d1");
      case "kv.js" -> platformKinds.contains("kv");
      case "r2.js" -> platformKinds.contains("r2");
      default -> true;
    };
  }

  /** Runs chosen prelude files only (tests of one Web API). */
  public static Value install(Context context, Value internal, List<String> files) {
    shareHostErrorSample(internal);
    for (Source source : load(files)) {
      context.eval(source).execute(internal);
    }
    return internal;
  }

  /**
   * A call-depth error as the guest would catch one, for runtime.js to find the prototype GraalJS
   * gives host exceptions and make this one read as V8's RangeError (see {@link
   * JsSandbox.CallDepthExceeded}).
   */
  private static void shareHostErrorSample(Value internal) {
    internal.putMember("callDepthExceeded", new JsSandbox.CallDepthExceeded());
  }

  private static List<Source> load(List<String> files) {
    List<Source> sources = new ArrayList<>();
    for (String file : files) {
      String resource = "/dev/w9y/guestjs/prelude/" + file;
      try (InputStream in = Prelude.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("prelude file missing from the jar: " + resource);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        sources.add(
            Source.newBuilder("js", text, SOURCE_NAME_PREFIX + file)
                // Internal, as V8's built-ins are to a Worker in workerd: GraalJS prints the
                // prelude's functions as native code and leaves its frames out of guests' stacks.
                .internal(true)
                .buildLiteral());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Collections.unmodifiableList(sources);
  }
}
