package dev.w9y.guestjs;

import dev.w9y.guestjs.internal.Idna;
import dev.w9y.guestjs.internal.JsSandbox;
import dev.w9y.guestjs.internal.LegacyEncodings;
import dev.w9y.guestjs.internal.ModuleFileSystem;
import dev.w9y.guestjs.internal.Prelude;
import dev.w9y.guestjs.internal.WebCrypto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A sandboxed context with chosen prelude files installed and no simulation around it: for tests of
 * one Web API at a time. Promise jobs run at the end of each {@link #eval}, as in a simulation.
 */
public final class JsTestContext implements AutoCloseable {
  private final List<String> reported = new ArrayList<>();
  private final Context context;
  private final Value internal;

  private JsTestContext(List<String> preludeFiles) {
    context =
        JsSandbox.newContext(ModuleFileSystem.empty("test"), JsSandbox.DEFAULT_STATEMENT_LIMIT);
    internal = context.eval("js", "({})");
    internal.putMember("host", ProxyObject.fromMap(testHost()));
    Prelude.install(context, internal, preludeFiles);
    // Tests may reach the prelude's private object as globalThis.__internal.
    context.getBindings("js").putMember("__internal", internal);
  }

  /**
   * A stand-in for the simulation's host bridge: a clock stopped at 0, a fixed "random" number,
   * timers that never fire; logs and reported errors are kept for assertions.
   */
  private Map<String, Object> testHost() {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("epochMillis", (ProxyExecutable) args -> 0.0);
    host.put("monotonicMillis", (ProxyExecutable) args -> 0.0);
    host.put("random", (ProxyExecutable) args -> 0.5);
    host.put("randomBytes", (ProxyExecutable) args -> "\u0001".repeat(args[0].asInt()));
    host.put(
        "log",
        (ProxyExecutable)
            args -> {
              reported.add(args[0].asString() + ": " + args[1].asString());
              return null;
            });
    host.put(
        "reportError",
        (ProxyExecutable)
            args -> {
              reported.add(args[0].asString() + ": " + args[1].asString());
              return null;
            });
    host.put("setTimer", (ProxyExecutable) args -> null);
    host.put("clearTimer", (ProxyExecutable) args -> null);
    host.put(
        "utf8Encode",
        (ProxyExecutable)
            args ->
                new String(
                    args[0].asString().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
    host.put(
        "utf8Decode",
        (ProxyExecutable)
            args ->
                new String(
                    args[0].asString().getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8));
    host.putAll(WebCrypto.hostFunctions());
    host.putAll(Idna.hostFunctions());
    host.putAll(LegacyEncodings.hostFunctions());
    return host;
  }

  /** What the guest logged and the errors it reported, in order. */
  public List<String> reported() {
    return reported;
  }

  /** A context with every prelude file, as guests get. */
  public static JsTestContext withFullPrelude() {
    return new JsTestContext(Prelude.FILES);
  }

  /** A context with the given prelude files (dependencies first). */
  public static JsTestContext with(String... preludeFiles) {
    return new JsTestContext(List.of(preludeFiles));
  }

  /** Evaluates a script; its completion value is returned. */
  public Value eval(String script) {
    context.resetLimits();
    return context.eval("js", script);
  }

  /** Evaluates a script and returns its completion value as a string ({@code String(value)}). */
  public String string(String script) {
    return eval("String((() => {\n" + script + "\n})())").asString();
  }

  /**
   * Runs the body of an async function and returns what it settled to: its value as a string
   * ({@code String(value)}), {@code "rejected " + error}, or {@code "never settled"} when it is
   * still pending once the promise jobs have run.
   */
  public String async(String body) {
    eval(
        "globalThis.__out = 'never settled'; (async () => {\n"
            + body
            + "\n})().then("
            + "(v) => { globalThis.__out = String(v); },"
            + " (e) => { globalThis.__out = 'rejected ' + e; });");
    return eval("globalThis.__out").asString();
  }

  /** The private object the prelude files share. */
  public Value internal() {
    return internal;
  }

  @Override
  public void close() {
    JsSandbox.close(context);
  }
}
