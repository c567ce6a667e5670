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
 * own {@code load}, {@code print}, {@code Graal}, {@code Polyglot} and {@code console} are off (the
 * prelude supplies {@code console} and removes what options cannot). {@code SharedArrayBuffer} and
 * {@code Atomics} stay, as in workerd: with no second thread they are deterministic (the prelude's
 * atomics.js replaces what would wait). Time zone UTC and locale en-US so {@code Date} and {@code
 * Intl} format the same everywhere.
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

  /**
   * Statements one guest entry is charged as, for {@link #entryLimit}: a promise reaction, a
   * microtask, a timer or a stream callback costs the interpreter about a hundred plain statements
   * of time, and a chain of promise reactions keeps each link's promise alive (measured: about 900
   * bytes and 17 µs a link), none of which the statement count sees.
   */
  static final long STATEMENTS_PER_ENTRY = 100;

  /**
   * How many times one event may enter guest code from outside it (see {@code EventCounters}): the
   * statement budget's share for entries, so raising one raises the other.
   */
  static long entryLimit(long statementLimit) {
    return Math.max(1, statementLimit / STATEMENTS_PER_ENTRY);
  }

  /**
   * What the execution listener counts on one thread for the event running there: guest call depth,
   * and entries into guest code with no guest frame below (the event's first call, and every
   * promise reaction, microtask, timer or stream callback that reaches guest code after it).
   * Simulations may run on several threads, each with its own stack, so the counts are per thread.
   */
  private static final class EventCounters {
    int depth;
    long entries;
    long entryLimit = Long.MAX_VALUE; // no event running: contexts outside an instance
    boolean entriesExceeded;
  }

  private static final ThreadLocal<EventCounters> COUNTERS =
      ThreadLocal.withInitial(EventCounters::new);

  static {
    // Counts guest function calls per thread; a call past MAX_CALL_DEPTH, or an entry past the
    // event's entry limit, throws instead of starting. An entry has no guest frame below it, so no
    // guest code can catch what it throws; once over the limit every further entry throws too,
    // which ends a flood of queued jobs without running any of them.
    ExecutionListener.newBuilder()
        .roots(true)
        .sourceFilter(JsSandbox::isGuestSource)
        .onEnter(
            event -> {
              EventCounters counters = COUNTERS.get();
              if (counters.depth == 0 && ++counters.entries > counters.entryLimit) {
                counters.entriesExceeded = true;
                throw new EntryLimitExceeded(counters.entryLimit);
              }
              if (++counters.depth > MAX_CALL_DEPTH) {
                counters.depth--; // this call does not start, so it will not return
                throw new CallDepthExceeded();
              }
            })
        .onReturn(event -> COUNTERS.get().depth--)
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

  /**
   * Starts counting afresh for an event: the thread is about to make an outermost call into an
   * instance that may enter guest code {@code entryLimit} times before the event ends.
   */
  static void startEvent(long entryLimit) {
    EventCounters counters = COUNTERS.get();
    counters.depth = 0;
    counters.entries = 0;
    counters.entryLimit = entryLimit;
    counters.entriesExceeded = false;
  }

  /** The event is over: contexts used on this thread outside an instance are not limited. */
  static void endEvent() {
    COUNTERS.get().entryLimit = Long.MAX_VALUE;
  }

  /** Whether the running event went past its entry limit (it must end, as for the statements). */
  static boolean entryLimitExceeded() {
    return COUNTERS.get().entriesExceeded;
  }

  /**
   * Thrown into the guest when its call stack would go deeper than {@link #MAX_CALL_DEPTH}, with
   * V8's (and so workerd's) message. GraalJS hands whatever an execution listener throws to guest
   * code as a host exception (a guest error or a StackOverflowError thrown there included), so it
   * is not a RangeError object; the prelude (runtime.js) makes it read as one: its {@code name},
   * {@code instanceof RangeError}, {@code String(e)} and its stack's first line.
   */
  static final class CallDepthExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String JS_TEXT = "RangeError: " + STACK_OVERFLOW_MESSAGE;

    CallDepthExceeded() {
      super(STACK_OVERFLOW_MESSAGE, null, false, false);
    }
  }

  /** V8's message for a call stack too deep. */
  static final String STACK_OVERFLOW_MESSAGE = "Maximum call stack size exceeded";

  /** Thrown where an event would enter guest code once more than its entry limit allows. */
  static final class EntryLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EntryLimitExceeded(long limit) {
      super(describeEntryLimit(limit), null, false, false);
    }
  }

  /** What an instance lost to the entry limit is told, naming the budget it ran out of. */
  static String describeEntryLimit(long limit) {
    return "entered guest code more than "
        + limit
        + " times in one event (the statement budget's share for promise reactions, microtasks,"
        + " timer and stream callbacks, one per "
        + STATEMENTS_PER_ENTRY
        + " statements; a flood of jobs?)";
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
    return newContext(moduleFiles, statementLimit, false);
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

  /**
   * As {@link #newContext(FileSystem, long)}; {@code allowEval} lets guest code generate code from
   * strings ({@code eval}, {@code new Function}), which workerd refuses by default. Refused, it is
   * GraalJS's own switch that refuses it (every path, none forgotten); the prelude only puts
   * workerd's words on the common ones.
   */
  public static Context newContext(FileSystem moduleFiles, long statementLimit, boolean allowEval) {
    return newContext(moduleFiles, statementLimit, allowEval, false);
  }

  /**
   * As {@link #newContext(FileSystem, long, boolean)}; {@code asyncContext} turns on GraalJS's
   * AsyncContext (the TC39 proposal), which carries a value through promise reactions and {@code
   * await} as V8's continuation data does for workerd's AsyncLocalStorage. Only contexts that need
   * it ({@code nodejs_compat}, {@code nodejs_als}) pay for it; where GraalJS lacks the option the
   * prelude's AsyncLocalStorage carries its store through timers and synchronous calls only.
   */
  public static Context newContext(
      FileSystem moduleFiles, long statementLimit, boolean allowEval, boolean asyncContext) {
    Context context = buildContext(moduleFiles, statementLimit, allowEval, asyncContext);
    OPEN_CONTEXTS.incrementAndGet();
    return context;
  }

  /**
   * Options only some GraalJS versions have. {@code js.explicit-resource-management} (`using`
   * declarations, {@code Symbol.dispose} and {@code DisposableStack}, as workerd (V8) has them: RPC
   * stubs are disposable) exists in GraalJS 25.5, not in the 25.0 that the JIT opt-in runs (see
   * docs/JS-GUESTS.md), where asking for it would refuse every context.
   */
  private static final java.util.Map<String, String> WHERE_SUPPORTED = optionsWhereSupported();

  private static java.util.Map<String, String> optionsWhereSupported() {
    java.util.Map<String, String> options = new java.util.TreeMap<>();
    if (ENGINE.getLanguages().get("js").getOptions().get("js.explicit-resource-management")
        != null) {
      options.put("js.explicit-resource-management", "true");
    }
    return java.util.Collections.unmodifiableMap(options);
  }

  /** Whether this GraalJS has the AsyncContext proposal ({@code js.async-context}). */
  static final boolean HAS_ASYNC_CONTEXT =
      ENGINE.getLanguages().get("js").getOptions().get("js.async-context") != null;

  private static Context buildContext(
      FileSystem moduleFiles, long statementLimit, boolean allowEval, boolean asyncContext) {
    java.util.Map<String, String> optional = WHERE_SUPPORTED;
    if (asyncContext && HAS_ASYNC_CONTEXT) {
      optional = new java.util.TreeMap<>(WHERE_SUPPORTED);
      optional.put("js.async-context", "true");
    }
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
        .option("js.allow-eval", Boolean.toString(allowEval))
        .option("js.load", "false")
        .option("js.print", "false")
        // Neither Java package objects (com, org, edu, javafx) nor a global `arguments`: GraalJS
        // defines them by default; workerd's global scope has none of them.
        .option("js.java-package-globals", "false")
        .option("js.global-arguments", "false")
        .options(optional)
        // The Graal builtin is on only so the prelude can register the unhandled-rejection
        // handler; the prelude then deletes it.
        .option("js.graal-builtin", "true")
        .option("js.unhandled-rejections", "handler")
        .option("js.polyglot-builtin", "false")
        .option("js.console", "false")
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
