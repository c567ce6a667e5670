package dev.w9y.guestwasm;

import dev.w9y.core.guest.CodeIdentity;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.guestwasm.internal.WasmServiceCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service compiled to WebAssembly, speaking W9Y's host ABI v1 (docs/WASM-ABI.md) and WASI
 * preview1, run by Chicory's interpreter with a counted instruction budget. Immutable.
 *
 * <pre>{@code
 * ServiceSpec.of("kv", WasmGuest.fromFile(Path.of("src/main/wasm/kv.wasm")))
 * }</pre>
 */
public final class WasmGuest implements GuestCode {
  /** Instructions one event (a request, a timer, a completion) may run; counted, deterministic. */
  public static final long DEFAULT_INSTRUCTION_LIMIT = 50_000_000L;

  /** Most 64 KiB pages a guest's memory may grow to (64 MiB). */
  public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;

  private final String origin;
  private final byte[] bytes;
  private final long instructionLimit;
  private final int maxMemoryPages;
  private final boolean compiled;

  private WasmGuest(
      String origin, byte[] bytes, long instructionLimit, int maxMemoryPages, boolean compiled) {
    this.origin = origin;
    this.bytes = bytes;
    this.instructionLimit = instructionLimit;
    this.maxMemoryPages = maxMemoryPages;
    this.compiled = compiled;
  }

  public static WasmGuest fromFile(Path file) {
    try {
      // Known by its file name: the directory it lies in is no part of the code.
      return fromBytes(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the WebAssembly module " + file, e);
    }
  }

  /** A module already in memory, known to errors as {@code name}. */
  public static WasmGuest fromBytes(String name, byte[] module) {
    return new WasmGuest(
        name, module.clone(), DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MAX_MEMORY_PAGES, false);
  }

  /** Sets the per-event instruction budget (past it the instance is lost and restarts). */
  public WasmGuest withInstructionLimit(long instructions) {
    if (instructions < 1) {
      throw new IllegalArgumentException("instruction limit must be positive, was " + instructions);
    }
    return new WasmGuest(origin, bytes, instructions, maxMemoryPages, compiled);
  }

  /** Sets how far memory may grow, in 64 KiB pages ({@code memory.grow} past it returns -1). */
  public WasmGuest withMaxMemoryPages(int pages) {
    if (pages < 1 || pages > 65536) {
      throw new IllegalArgumentException("max memory pages must be 1..65536, was " + pages);
    }
    return new WasmGuest(origin, bytes, instructionLimit, pages, compiled);
  }

  /**
   * Runs the module compiled to JVM bytecode by Chicory's compiler (once per simulation), much
   * faster than the interpreter but without the instruction budget: nothing counts instructions, so
   * an endless loop in the guest never ends. Each instance start says so in the trace. Results stay
   * deterministic: compiled code computes what the interpreter computes.
   */
  public WasmGuest withCompiler() {
    return new WasmGuest(origin, bytes, instructionLimit, maxMemoryPages, true);
  }

  @Override
  public String kind() {
    return "wasm";
  }

  /**
   * The module's name and a hash of its bytes, never the path it was read from: the same module
   * gives the same trace header wherever it lies.
   */
  @Override
  public String describe() {
    return CodeIdentity.of("wasm", origin, bytes);
  }

  @Override
  public ServiceCode load(String serviceName) {
    return new WasmServiceCode(
        serviceName,
        origin,
        bytes,
        instructionLimit,
        maxMemoryPages,
        compiled,
        WasmServiceCode.providedImports());
  }
}
