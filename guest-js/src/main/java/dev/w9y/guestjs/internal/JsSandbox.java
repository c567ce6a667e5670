package dev.w9y.guestjs.internal;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} of the JVM and the sandbox every guest context runs in. Sharing
 * the engine shares parsed code between contexts, which is what makes a context cheap enough to
 * create per service instance and per durable object.
 *
 * <p>The sandbox: no host classes, no host IO beyond the read-only module files handed in, no
 * threads, no processes, no native access, no other languages, no environment variables; GraalJS's
 * own {@code load}, {@code print}, {@code Graal}, {@code Polyglot}, {@code console}, {@code
 * SharedArrayBuffer} and {@code Atomics} are off (the prelude supplies {@code console} and removes
 * what options cannot). Time zone UTC and locale en-US so {@code Date} and {@code Intl} format the
 * same everywhere.
 */
public final class JsSandbox {
  /** Statements one host-to-guest call may execute before it fails; counted, so deterministic. */
  public static final long DEFAULT_STATEMENT_LIMIT = 10_000_000L;

  static {
    // GraalJS 25.5 warns on JDK 17 that its TruffleAttach library cannot load; harmless there.
    if (System.getProperty("polyglotimpl.AttachLibraryFailureAction") == null) {
      System.setProperty("polyglotimpl.AttachLibraryFailureAction", "ignore");
    }
  }

  private static final Engine ENGINE =
      Engine.newBuilder("js")
          .option("engine.WarnInterpreterOnly", "false")
          .out(OutputStream.nullOutputStream())
          .err(OutputStream.nullOutputStream())
          .logHandler(OutputStream.nullOutputStream())
          .build();

  private JsSandbox() {}

  /** The shared engine. */
  public static Engine engine() {
    return ENGINE;
  }

  /**
   * A new sandboxed context on the shared engine.
   *
   * @param moduleFiles the only files the guest's {@code import}s can read
   * @param statementLimit statements per host-to-guest call ({@link Context#resetLimits()} starts a
   *     new allowance)
   */
  public static Context newContext(FileSystem moduleFiles, long statementLimit) {
    return Context.newBuilder("js")
        .engine(ENGINE)
        .allowHostAccess(HostAccess.NONE)
        .allowHostClassLookup(className -> false)
        .allowHostClassLoading(false)
        .allowNativeAccess(false)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowIO(IOAccess.newBuilder().fileSystem(moduleFiles).build())
        .allowExperimentalOptions(true)
        .option("js.esm-eval-returns-exports", "true")
        .option("js.load", "false")
        .option("js.print", "false")
        // The Graal builtin is on only so the prelude can register the unhandled-rejection
        // handler; the prelude then deletes it.
        .option("js.graal-builtin", "true")
        .option("js.unhandled-rejections", "handler")
        .option("js.polyglot-builtin", "false")
        .option("js.console", "false")
        .option("js.shared-array-buffer", "false")
        .option("js.atomics", "false")
        .option("js.timezone", "UTC")
        .option("js.locale", "en-US")
        .option("js.stack-trace-limit", "20")
        .resourceLimits(ResourceLimits.newBuilder().statementLimit(statementLimit, null).build())
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .build();
  }
}
