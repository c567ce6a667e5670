package dev.w9y.core.guest;

/**
 * The code behind a service, before it runs: plain Java, a JavaScript module, a WebAssembly module.
 * Loading parses and compiles it once per simulation; {@link ServiceCode#start} then makes as many
 * fresh instances as crashes and restarts need.
 */
public interface GuestCode {
  /** The guest kind: {@code java}, {@code js}, {@code wasm}. */
  String kind();

  /** Where the code comes from, for errors and the trace (a file path, a class name). */
  String describe();

  /**
   * Parses and prepares the code for the service {@code serviceName}.
   *
   * @throws GuestException naming the service and the cause when the code is unusable
   */
  ServiceCode load(String serviceName);

  /**
   * The same code with code generation from strings ({@code eval}, {@code new Function}) allowed,
   * which workerd, and so W9Y, refuses by default ({@code allowEval: true} in topology files).
   *
   * @throws IllegalArgumentException when the kind has nothing of the sort to allow
   */
  default GuestCode allowingEval() {
    throw new IllegalArgumentException(
        "allowEval applies to JavaScript guests only, not kind " + kind());
  }

  /**
   * Whether objects of the durable-object class {@code className} are SQLite-backed ({@code
   * ctx.storage.sql}; wrangler's {@code new_sqlite_classes}) rather than key-value-backed.
   */
  default boolean isSqliteClass(String className) {
    return false;
  }

  /**
   * The same code with the durable-object classes {@code classNames} SQLite-backed.
   *
   * @throws IllegalArgumentException when the kind has no SQLite-backed objects
   */
  default GuestCode withSqliteClasses(java.util.Collection<String> classNames) {
    throw new IllegalArgumentException(
        "SQLite-backed durable objects are for JavaScript guests, not kind " + kind());
  }

  /**
   * The same code run with these compatibility flags (wrangler's {@code compatibility_flags},
   * {@code compatibilityFlags:} in topology files), e.g. {@code nodejs_compat}.
   *
   * @throws IllegalArgumentException when the kind has no compatibility flags
   */
  default GuestCode withCompatibilityFlags(java.util.List<String> flags) {
    if (flags.isEmpty()) {
      return this;
    }
    throw new IllegalArgumentException(
        "compatibility flags apply to JavaScript guests only, not kind " + kind());
  }
}
