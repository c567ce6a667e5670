package dev.w9y.guestjs.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.FetchFailed;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.GuestInstanceLost;
import dev.w9y.core.guest.GuestThrown;
import dev.w9y.core.guest.RemoteError;
import dev.w9y.core.guest.ServiceHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One running JavaScript guest: a service instance or a durable object, each with its own context
 * on the shared engine. Every call into the context goes through {@link #call}, which starts a new
 * statement allowance at each outermost call, turns GraalJS failures into clear guest errors and
 * notices when the engine has stopped the context for good (budget exhausted), in which case the
 * host is told the instance is lost and restarts it.
 */
final class JsInstance {
  // Named as prelude code, so the statement budget and call-depth count leave it out.
  private static final org.graalvm.polyglot.Source HOST_FUNCTIONS_TO_OBJECT =
      org.graalvm.polyglot.Source.newBuilder(
              "js",
              "(names, ...functions) => { const host = Object.create(null);"
                  + " const list = names.split(',');"
                  + " for (let i = 0; i < list.length; i++) host[list[i]] = functions[i];"
                  + " return Object.freeze(host); }",
              Prelude.SOURCE_NAME_PREFIX + "host-bridge.js")
          .buildLiteral();

  private final JsServiceCode code;
  private final ServiceHost host;
  private final String description;
  private final Context context;
  private final Value internal;
  private final JsTimers timers;
  private final long startNanos;
  // The prelude's entry points, each looked up once (a member lookup crosses into the guest).
  private final java.util.Map<String, Value> internalMembers = new java.util.LinkedHashMap<>();
  private int depth;
  private boolean lost;
  private boolean crashed;
  private boolean closed;

  JsInstance(JsServiceCode code, ServiceHost host, String description) {
    this.code = code;
    this.host = host;
    this.description = description;
    this.startNanos = host.nowNanos();
    StartProfile.mark(StartProfile.STARTING);
    this.context =
        JsSandbox.newContext(
            code.files(), code.statementLimit(), code.allowsEval(), !code.nodeModules().isEmpty());
    StartProfile.mark("context created");
    this.timers = new JsTimers(host, id -> fireTimer(id), this::asOneEvent);
    depth++;
    try {
      this.internal = context.eval("js", "({})");
      // GraalJS makes a context's global object and built-ins on its first evaluation
      StartProfile.mark("built-ins made (first evaluation)");
      // The bridge's functions put on a plain object: a guest-side property read instead of a
      // proxy member lookup (a host crossing) on every host call. They cross as the arguments of
      // one call, names joined in one string: reading each from a proxy object would cross once
      // per function, and this runs at every instance's start.
      internal.putMember(
          "host", context.eval(HOST_FUNCTIONS_TO_OBJECT).execute(HostBridge.create(this, host)));
      internal.putMember("modules", moduleFunctions());
      internal.putMember("wasm", new JsWebAssembly(code).functions());
      // node.js (prelude): which node:* modules this service may import, and process.env's vars
      internal.putMember("nodeModules", ProxyArray.fromList(new ArrayList<>(code.nodeModules())));
      internal.putMember("nodeGlobals", code.nodeGlobals());
      internal.putMember("processEnv", ProxyObject.fromMap(new LinkedHashMap<>(host.vars())));
      internal.putMember("jsonVarNames", ProxyArray.fromList(new ArrayList<>(host.jsonVars())));
      StartProfile.mark("host objects shared");
      Prelude.install(
          context, internal, !code.nodeModules().isEmpty(), host.platformBindings().values());
    } catch (PolyglotException e) {
      JsSandbox.close(context); // nothing else will: the instance is never handed out
      throw translate("prelude", e);
    } finally {
      depth--;
    }
  }

  String description() {
    return description;
  }

  /** What modules.js asks the host: resolution, types and contents of the service's files. */
  private org.graalvm.polyglot.proxy.ProxyObject moduleFunctions() {
    ModuleLoader loader = code.loader();
    java.util.Map<String, Object> functions = new java.util.LinkedHashMap<>();
    functions.put(
        "resolve",
        (ProxyExecutable) args -> loader.resolve(args[0].asString(), args[1].asString(), true));
    functions.put("type", (ProxyExecutable) args -> loader.type(args[0].asString()).ruleName());
    functions.put("text", (ProxyExecutable) args -> loader.text(args[0].asString()));
    functions.put(
        "binary", (ProxyExecutable) args -> Wire.binary(loader.bytes(args[0].asString())));
    functions.put(
        "list", (ProxyExecutable) args -> ProxyArray.fromList(new ArrayList<>(code.fileNames())));
    functions.put(
        "compile", (ProxyExecutable) args -> context.eval(code.commonJsSource(args[0].asString())));
    return org.graalvm.polyglot.proxy.ProxyObject.fromMap(functions);
  }

  ServiceHost host() {
    return host;
  }

  JsTimers timers() {
    return timers;
  }

  long startNanos() {
    return startNanos;
  }

  /** A member the prelude put on its private object (looked up once per instance). */
  Value internal(String member) {
    return internalMembers.computeIfAbsent(member, internal::getMember);
  }

  /** Evaluates the service's entry module; returns its exports. */
  Value loadEntry() {
    return inGlobalScope(() -> context.eval(code.entrySource()));
  }

  private void leaveGlobalScope() {
    try {
      internal("setGlobalScope").execute(false);
    } catch (PolyglotException | IllegalStateException e) {
      // the context is gone (a budget ran out while loading): nothing runs in it any more
    }
  }

  /**
   * Runs module-level code (an entry module, a service-worker script) as one event, outside any
   * handler: workerd refuses timers, randomness and I/O there.
   */
  private Value inGlobalScope(java.util.function.Supplier<Value> load) {
    return inEvent(
        "loading " + code.entryName(),
        () -> {
          internal("setGlobalScope").execute(true);
          try {
            return load.get();
          } finally {
            leaveGlobalScope();
          }
        });
  }

  /** Whether {@code source} parses as a classic script (no guest code runs). */
  boolean parsesAsScript(org.graalvm.polyglot.Source source) {
    try {
      context.parse(source);
      return true;
    } catch (PolyglotException e) {
      if (e.isSyntaxError()) {
        return false;
      }
      throw translate("parsing " + code.entryName(), e);
    }
  }

  /** Runs a service-worker script; returns an empty exports object (it has no exports). */
  Value loadScript(org.graalvm.polyglot.Source script) {
    return inGlobalScope(
        () -> {
          context.eval(script);
          return context.eval("js", "({})");
        });
  }

  /** Calls a guest function; the first call of a host-to-guest chain starts a new budget. */
  Value call(String where, Value function, Object... args) {
    return inEvent(where, () -> function.execute(args));
  }

  /**
   * Runs {@code batch} (host-to-guest calls) as one event: one statement budget and one entry limit
   * for all of it. Timers due at one instant run so, else a timer flood would get a fresh budget
   * per timer.
   */
  void asOneEvent(Runnable batch) {
    try {
      inEvent(
          "timer callback",
          () -> {
            batch.run();
            return null;
          });
    } catch (GuestException e) {
      if (!GuestInstanceLost.isLost(e)) {
        host.reportError("timer callback", e.getMessage());
      }
    }
  }

  /**
   * Runs guest code; the outermost call of a host-to-guest chain starts a new budget. A call that
   * went past the event's entry limit loses the instance, as running out of statements does, even
   * where the limit's exception was swallowed by a promise or the prelude on its way out.
   */
  private <T> T inEvent(String where, java.util.function.Supplier<T> body) {
    enter();
    try {
      T result = body.get();
      if (JsSandbox.entryLimitExceeded()) {
        throw lose(where, JsSandbox.describeEntryLimit(entryLimit()));
      }
      return result;
    } catch (PolyglotException e) {
      if (JsSandbox.entryLimitExceeded()) {
        throw lose(where, JsSandbox.describeEntryLimit(entryLimit()));
      }
      throw translate(where, e);
    } finally {
      leave();
    }
  }

  private long entryLimit() {
    return JsSandbox.entryLimit(code.statementLimit());
  }

  /**
   * Calls a guest function and returns a host promise of what its result (a promise or not) settles
   * to. The call and the attaching of the settle callbacks happen in one host-to-guest call, so a
   * rejection is never momentarily unhandled.
   */
  <T> Promise<T> callAndAwait(
      String where, Value function, Function<Value, T> convert, Object... args) {
    Promise.Deferred<T> result = Promise.deferred();
    ProxyExecutable onFulfilled =
        values -> {
          T converted;
          try {
            converted = convert.apply(values.length > 0 ? values[0] : null);
          } catch (RuntimeException e) {
            result.reject(
                e instanceof GuestException
                    ? e
                    : new GuestException(description, detail(where, e.toString()), e));
            return null;
          }
          result.resolve(converted);
          return null;
        };
    ProxyExecutable onRejected =
        values -> {
          String detail = detail(where, values[0].asString());
          result.reject(
              values.length >= 3
                  ? new GuestThrown(description, detail, values[1].asString(), values[2].asString())
                  : new GuestException(description, detail, null));
          return null;
        };
    try {
      // The arguments travel as arguments, not as a proxy array whose elements would each be a
      // host crossing to read.
      call(where, internal("callAndSettle"), prepend(args, onFulfilled, onRejected, function));
    } catch (GuestException e) {
      result.reject(e);
    }
    return result.promise();
  }

  /** A host promise of what a JavaScript value already in hand settles to. */
  <T> Promise<T> await(String where, Value promiseLike, Function<Value, T> convert) {
    return callAndAwait(where, internal("identity"), convert, promiseLike);
  }

  /** Settles a JavaScript promise (its resolve and reject functions) when a host promise does. */
  <T> void settleLater(
      String where, Promise<T> promise, Value resolve, Value reject, Function<T, Object> convert) {
    settle(where, promise, reject, value -> call(where, resolve, convert.apply(value)));
  }

  /**
   * As {@link #settleLater}, resolving with a guest array of the converted parts: the parts cross
   * as arguments of one call instead of as a host array read element by element.
   */
  <T> void settleLaterWithParts(
      String where, Promise<T> promise, Value resolve, Value reject, Function<T, Object[]> parts) {
    Value resolveWithArray = internal("resolveWithArray");
    settle(
        where,
        promise,
        reject,
        value -> call(where, resolveWithArray, prepend(parts.apply(value), resolve)));
  }

  /** {@code head} followed by {@code tail}: one guest call's arguments. */
  static Object[] prepend(Object[] tail, Object... head) {
    Object[] arguments = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, arguments, head.length, tail.length);
    return arguments;
  }

  private <T> void settle(
      String where, Promise<T> promise, Value reject, java.util.function.Consumer<T> onValue) {
    promise.whenComplete(
        (value, error) -> {
          if (lost || crashed) {
            return;
          }
          try {
            if (error != null) {
              call(where, reject, errorName(error), errorMessage(error), errorFlags(error));
            } else {
              onValue.accept(value);
            }
          } catch (GuestException e) {
            if (!GuestInstanceLost.isLost(e)) {
              host.reportError(where, e.getMessage());
            }
          }
        });
  }

  private static String errorName(Throwable error) {
    if (error instanceof RemoteError remote) {
      return remote.errorName();
    }
    return error instanceof FetchFailed ? "TypeError" : "Error";
  }

  /** workerd's markers on an error a Durable Object threw: see internal.hostError. */
  private static String errorFlags(Throwable error) {
    if (error instanceof RemoteError remote) {
      return remote.objectReset() ? "remote reset" : "remote";
    }
    return "";
  }

  private static String errorMessage(Throwable error) {
    if (error instanceof RemoteError remote) {
      return remote.errorMessage();
    }
    return error instanceof FetchFailed failed
        ? "fetch failed: " + failed.reason()
        : String.valueOf(error.getMessage());
  }

  void crash() {
    crashed = true;
    timers.stop();
    if (depth == 0) {
      close();
    }
  }

  /**
   * The run has ended, or this instance never finished starting: closes the context, which the
   * shared engine would otherwise keep alive for as long as the JVM runs. Touches nothing in the
   * world (timers are not cancelled: the scheduler goes with the run).
   */
  void release() {
    crashed = true;
    if (depth == 0) {
      close();
    }
  }

  boolean isRunning() {
    return !lost && !crashed;
  }

  private void fireTimer(int id) {
    if (!isRunning()) {
      return;
    }
    try {
      call("timer callback", internal("fireTimer"), id);
    } catch (GuestException e) {
      if (!GuestInstanceLost.isLost(e)) {
        host.reportError("timer callback", e.getMessage());
      }
    }
  }

  private void enter() {
    if (!isRunning()) {
      throw new GuestInstanceLost(description + " is not running (it crashed or was stopped)");
    }
    if (depth == 0) {
      context.resetLimits();
      JsSandbox.startEvent(entryLimit());
    }
    depth++;
  }

  private void leave() {
    depth--;
    if (depth == 0) {
      JsSandbox.endEvent();
      if (crashed || lost) {
        close();
      }
    }
  }

  private void close() {
    if (!closed) {
      closed = true;
      JsSandbox.close(context);
    }
  }

  /** Turns a GraalJS failure into the guest error a user can act on. */
  private RuntimeException translate(String where, PolyglotException e) {
    if (e.isHostException()) {
      Throwable original = e.asHostException();
      if (original instanceof JsSandbox.CallDepthExceeded) {
        return new GuestException(
            description,
            detail(where, JsSandbox.CallDepthExceeded.JS_TEXT + at(location(e))),
            null);
      }
      if (original instanceof RuntimeException runtime) {
        return runtime;
      }
      if (original instanceof Error error) {
        throw error;
      }
      return new GuestException(description, detail(where, original.toString()), original);
    }
    if (e.isResourceExhausted() || e.isCancelled() || e.isExit()) {
      String reason =
          !e.isResourceExhausted()
              ? "its context was stopped: " + e.getMessage()
              : isHeapExhaustion(e)
                  // GraalJS reports a JVM OutOfMemoryError as resource exhaustion too; it is not
                  // the statement budget, and where it strikes depends on the heap (not counted).
                  ? "ran the JVM out of heap in one event (an allocation W9Y cannot bound;"
                      + " see docs/JS-GUESTS.md, Limits): "
                      + e.getMessage()
                  : "ran more than "
                      + code.statementLimit()
                      + " statements in one event (the statement budget; "
                      + "an endless loop?): "
                      + e.getMessage();
      return lose(where, reason);
    }
    if (e.isInternalError()) {
      return new GuestException(
          description, detail(where, "internal error in GraalJS: " + e.getMessage()), e);
    }
    String detail = detail(where, e.getMessage() + at(location(e)));
    if (e.isGuestException()) {
      // "RangeError: bad constructor" (a built-in error keeps its name when carried to a caller),
      // "MyError: custom" (carried as an Error with that message), "a thrown string".
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(": ");
      if (colon > 0 && CARRIED_ERRORS.contains(message.substring(0, colon))) {
        return new GuestThrown(
            description, detail, message.substring(0, colon), message.substring(colon + 2));
      }
      return new GuestThrown(description, detail, "Error", message);
    }
    return new GuestException(description, detail, null);
  }

  /** The instance stops for good (the host restarts it); the error for the call that saw it. */
  private GuestInstanceLost lose(String where, String reason) {
    if (!lost) {
      lost = true;
      timers.stop();
      host.instanceLost(reason);
    }
    return new GuestInstanceLost(description, detail(where, reason));
  }

  /** The error types workerd carries by name across isolates (as internal.errorParts). */
  private static final java.util.List<String> CARRIED_ERRORS =
      java.util.List.of(
          "Error",
          "TypeError",
          "RangeError",
          "SyntaxError",
          "ReferenceError",
          "EvalError",
          "URIError");

  private static boolean isHeapExhaustion(PolyglotException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Java heap space")
        || message.contains("OutOfMemoryError")
        || message.contains("exceeds VM limit")
        || message.contains("GC overhead limit");
  }

  /** What happened where, in the guest's words, without naming the service. */
  private String detail(String where, String what) {
    return where + ": " + code.withShortPaths(what);
  }

  /** Reports an error the guest did not catch (see {@link ServiceHost#reportError}). */
  void reportError(String where, String description) {
    host.reportError(where, code.withShortPaths(description));
  }

  /**
   * Where a guest error happened: GraalJS gives no location for an error thrown by a module's
   * top-level code, so then the innermost frame of the guest's own code on its stack.
   */
  private static SourceSection location(PolyglotException e) {
    if (e.getSourceLocation() != null) {
      return e.getSourceLocation();
    }
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      SourceSection location = frame.getSourceLocation();
      if (frame.isGuestFrame()
          && location != null
          && location.getSource() != null
          && JsSandbox.isGuestSource(location.getSource())) {
        return location;
      }
    }
    return null;
  }

  private String at(SourceSection location) {
    if (location == null || location.getSource() == null) {
      return "";
    }
    return " (at "
        + code.displayName(location.getSource().getName(), location.getSource().getPath())
        + ":"
        + location.getStartLine()
        + ":"
        + location.getStartColumn()
        + ")";
  }

  /** The durable-object host, for durable-object instances. */
  DurableObjectHost objectHost() {
    if (host instanceof DurableObjectHost objectHost) {
      return objectHost;
    }
    throw new GuestException(description + " is not a durable object");
  }
}
