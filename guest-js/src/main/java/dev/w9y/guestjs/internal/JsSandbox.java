package dev.w9y.guestjs.internal;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.management.ExecutionListener;

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

  /**
   * Deepest guest call stack (JavaScript functions on the stack at once). GraalJS's own limit is
   * wherever the Java stack happens to overflow, which moves between runs, JDKs and JIT modes; this
   * one is counted, so a runaway recursion fails at the same call everywhere. Kept well under what
   * a 1 MiB Java thread stack holds in the interpreter (about 580 calls).
   */
  public static final int MAX_CALL_DEPTH = 256;

  /**
   * Longest string a guest may build (UTF-16 code units); past it GraalJS throws a RangeError at
   * the same point on every run. With {@link #MAX_TYPED_ARRAY_LENGTH} and the statement budget it
   * bounds how fast a guest can allocate; a JVM heap exhaustion is still possible in principle and
   * is reported as the instance being lost (see docs/JS-GUESTS.md).
   */
  public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;

  /** Most elements of one typed array (and so of one ArrayBuffer a guest allocates as one). */
  public static final int MAX_TYPED_ARRAY_LENGTH = 16 * 1024 * 1024;

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

  /**
   * Contexts made and not yet closed, over the whole JVM. The shared engine keeps every context it
   * made alive until it is closed, so this is what a long fuzzing JVM would leak; tests check it
   * returns to where it was when a run ends.
   */
  private static final java.util.concurrent.atomic.AtomicLong OPEN_CONTEXTS =
      new java.util.concurrent.atomic.AtomicLong();

  private static final ThreadLocal<int[]> CALL_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  static {
    // Counts guest function calls per thread (simulations may run on several threads, each with
    // its own stack) and cancels the context that goes past MAX_CALL_DEPTH.
    ExecutionListener.newBuilder()
        .roots(true)
        .sourceFilter(JsSandbox::isGuestSource)
        .onEnter(
            event -> {
              int[] depth = CALL_DEPTH.get();
              if (++depth[0] > MAX_CALL_DEPTH) {
                depth[0]--; // this call does not start, so it will not return
                throw new CallDepthExceeded();
              }
            })
        .onReturn(event -> CALL_DEPTH.get()[0]--)
        .attach(ENGINE);
  }

  private JsSandbox() {}

  /**
   * Whether a source is the guest's own code. Budgets count only guest code: counting costs about
   * ten times the interpreter's own time per statement, and the prelude (Request, URL, ...) is
   * W9Y's code, which always finishes; a guest can only make it work on what it hands it.
   */
  static boolean isGuestSource(Source source) {
    return !source.getName().startsWith(Prelude.SOURCE_NAME_PREFIX);
  }

  /** Starts counting guest call depth afresh: the thread is about to make an outermost call. */
  static void resetCallDepth() {
    CALL_DEPTH.get()[0] = 0;
  }

  /** Thrown into the guest when its call stack is deeper than {@link #MAX_CALL_DEPTH}. */
  static final class CallDepthExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallDepthExceeded() {
      super(
          "the guest's call stack went deeper than "
              + MAX_CALL_DEPTH
              + " calls (unbounded recursion?)",
          null,
          false,
          false);
    }
  }

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
    Context context = buildContext(moduleFiles, statementLimit);
    OPEN_CONTEXTS.incrementAndGet();
    return context;
  }

  /** Closes a context made by {@link #newContext}, cancelling whatever it still runs. */
  public static void close(Context context) {
    context.close(true);
    OPEN_CONTEXTS.decrementAndGet();
  }

  /** How many contexts made by {@link #newContext} are still open in this JVM. */
  public static long openContexts() {
    return OPEN_CONTEXTS.get();
  }

  private static Context buildContext(FileSystem moduleFiles, long statementLimit) {
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
        // `using` declarations, Symbol.dispose and DisposableStack, as workerd (V8) has them: RPC
        // stubs are disposable.
        .option("js.explicit-resource-management", "true")
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
        .option("js.string-length-limit", Integer.toString(MAX_STRING_LENGTH))
        .option("js.max-typed-array-length", Integer.toString(MAX_TYPED_ARRAY_LENGTH))
        .resourceLimits(
            ResourceLimits.newBuilder()
                .statementLimit(statementLimit, JsSandbox::isGuestSource)
                .build())
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .build();
  }
}
