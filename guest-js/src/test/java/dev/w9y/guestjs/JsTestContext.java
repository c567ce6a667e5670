package dev.w9y.guestjs;

import dev.w9y.guestjs.internal.JsSandbox;
import dev.w9y.guestjs.internal.ModuleFileSystem;
import dev.w9y.guestjs.internal.Prelude;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A sandboxed context with chosen prelude files installed and no simulation around it: for tests of
 * one Web API at a time. Promise jobs run at the end of each {@link #eval}, as in a simulation.
 */
public final class JsTestContext implements AutoCloseable {
  private final Context context;
  private final Value internal;

  private JsTestContext(List<String> preludeFiles) {
    context =
        JsSandbox.newContext(ModuleFileSystem.empty("test"), JsSandbox.DEFAULT_STATEMENT_LIMIT);
    internal = context.eval("js", "({})");
    Prelude.install(context, internal, preludeFiles);
    // Tests may reach the prelude's private object as globalThis.__internal.
    context.getBindings("js").putMember("__internal", internal);
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

  /** The private object the prelude files share. */
  public Value internal() {
    return internal;
  }

  @Override
  public void close() {
    context.close(true);
  }
}
