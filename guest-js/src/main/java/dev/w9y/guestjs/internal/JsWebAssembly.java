package dev.w9y.guestjs.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The host side of the {@code WebAssembly} global (prelude {@code wasm.js}), as workerd provides
 * it: modules shipped with the Worker (CompiledWasm modules) are instantiated and run on Chicory's
 * interpreter, which counts instructions, so a call that runs more than {@link #INSTRUCTION_LIMIT}
 * fails with a RuntimeError at the same instruction on every run. Compiling bytes made at run time
 * is refused in the prelude, as workerd refuses it. Function imports and exports cross with their
 * values converted as the JS API specifies (i64 as BigInt, which crosses here as decimal text).
 */
final class JsWebAssembly {
  /** Instructions one call from JavaScript into WebAssembly may execute. */
  static final long INSTRUCTION_LIMIT = 100_000_000L;

  /** Most 64 KiB pages a guest's WebAssembly memory may have (64 MiB). */
  static final int MAX_PAGES = 1024;

  private final JsServiceCode code;
  private final List<Instance> instances = new ArrayList<>();
  private long instructions;
  private int depth;

  JsWebAssembly(JsServiceCode code) {
    this.code = code;
  }

  /** Thrown from inside the interpreter when a call runs out of instructions. */
  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(
          "W9Y: the WebAssembly call ran more than "
              + INSTRUCTION_LIMIT
              + " instructions (the instruction budget; an endless loop?)",
          null,
          false,
          false);
    }
  }

  ProxyObject functions() {
    Map<String, Object> functions = new LinkedHashMap<>();
    functions.put("check", (ProxyExecutable) args -> check(args[0].asString()));
    functions.put("exports", (ProxyExecutable) args -> exports(args[0].asString()));
    functions.put("imports", (ProxyExecutable) args -> imports(args[0].asString()));
    functions.put(
        "validate",
        (ProxyExecutable)
            args -> {
              try {
                com.dylibso.chicory.wasm.Parser.parse(Wire.bytes(args[0].asString()));
                return true;
              } catch (RuntimeException e) {
                return false;
              }
            });
    functions.put(
        "instantiate", (ProxyExecutable) args -> instantiate(args[0].asString(), args[1]));
    functions.put(
        "signature",
        (ProxyExecutable)
            args -> signature(instances.get(args[0].asInt()).exportType(args[1].asString())));
    functions.put(
        "call",
        (ProxyExecutable)
            args ->
                call(
                    args[0].asInt(),
                    args[1].asString(),
                    java.util.Arrays.copyOfRange(args, 2, args.length)));
    functions.put(
        "memoryRead",
        (ProxyExecutable)
            args -> {
              com.dylibso.chicory.runtime.Memory memory = instances.get(args[0].asInt()).memory();
              return Wire.binary(memory.readBytes(0, memory.pages() * PAGE));
            });
    functions.put(
        "memoryWrite",
        (ProxyExecutable)
            args -> {
              byte[] bytes = Wire.bytes(args[1].asString());
              instances.get(args[0].asInt()).memory().write(0, bytes);
              return null;
            });
    functions.put(
        "memoryGrow",
        (ProxyExecutable)
            args -> {
              com.dylibso.chicory.runtime.Memory memory = instances.get(args[0].asInt()).memory();
              int delta = args[1].asInt();
              if (delta < 0 || memory.pages() + (long) delta > memory.maximumPages()) {
                return -1;
              }
              return memory.grow(delta);
            });
    return ProxyObject.fromMap(functions);
  }

  private static final int PAGE = 65_536;

  /** Null if the module parses, else the reason (a CompileError's message). */
  private Object check(String path) {
    try {
      code.wasmModule(path);
      return null;
    } catch (RuntimeException e) {
      return "WebAssembly.Module(): " + path + ": " + e.getMessage();
    }
  }

  private ProxyArray exports(String path) {
    WasmModule module = code.wasmModule(path);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      out.add(ProxyArray.fromArray(export.name(), kind(export.exportType())));
    }
    return ProxyArray.fromList(out);
  }

  private ProxyArray imports(String path) {
    WasmModule module = code.wasmModule(path);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      out.add(
          ProxyArray.fromArray(imported.module(), imported.name(), kind(imported.importType())));
    }
    return ProxyArray.fromList(out);
  }

  private static String kind(ExternalType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Instantiates a shipped module. {@code resolve(module, name, params, results)} returns the
   * JavaScript function behind a function import, taking and returning raw values; it throws the
   * LinkError itself when the import object lacks it.
   */
  private int instantiate(String path, Value resolve) {
    WasmModule module = code.wasmModule(path);
    List<HostFunction> functions = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      if (!(imported instanceof FunctionImport function)) {
        return -1 - i; // the prelude throws the LinkError for import #i
      }
      FunctionType type = module.typeSection().getType(function.typeIndex());
      Value target =
          resolve.execute(
              imported.module(), imported.name(), names(type.params()), names(type.returns()), i);
      functions.add(
          new HostFunction(
              imported.module(),
              imported.name(),
              type,
              (instance, args) -> {
                Object[] raw = new Object[args.length];
                for (int a = 0; a < args.length; a++) {
                  raw[a] = toGuest(type.params().get(a), args[a]);
                }
                Value result = target.execute(raw);
                return fromGuestResults(type.returns(), result);
              }));
    }
    Instance.Builder builder =
        Instance.builder(module)
            .withImportValues(
                ImportValues.builder().withFunctions(new ArrayList<>(functions)).build())
            .withUnsafeExecutionListener(
                (instruction, stack) -> {
                  if (++instructions > INSTRUCTION_LIMIT) {
                    throw new BudgetExceeded();
                  }
                });
    module
        .memorySection()
        .ifPresent(
            memories -> {
              if (memories.memoryCount() > 0) {
                MemoryLimits limits = memories.getMemory(0).limits();
                int max = Math.min(limits.maximumPages(), MAX_PAGES);
                builder.withMemoryLimits(
                    new MemoryLimits(Math.min(limits.initialPages(), max), max));
              }
            });
    enter();
    try {
      instances.add(builder.build());
    } finally {
      depth--;
    }
    return instances.size() - 1;
  }

  private void enter() {
    if (depth == 0) {
      instructions = 0;
    }
    depth++;
  }

  /**
   * Calls an exported function: {@code [true, result...]}, or {@code [false, message]} for a trap
   * (the prelude throws it as a WebAssembly.RuntimeError). A JavaScript exception thrown by an
   * import passes through unchanged.
   */
  private ProxyArray call(int handle, String name, Value[] args) {
    Instance instance = instances.get(handle);
    FunctionType type = instance.exportType(name);
    ExportFunction function = instance.export(name);
    long[] raw = new long[type.params().size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = fromGuest(type.params().get(i), i < args.length ? args[i] : null);
    }
    enter();
    long[] results;
    try {
      results = function.apply(raw);
    } catch (BudgetExceeded | ChicoryException e) {
      return ProxyArray.fromArray(false, String.valueOf(e.getMessage()));
    } catch (StackOverflowError e) {
      return ProxyArray.fromArray(false, "Maximum call stack size exceeded");
    } finally {
      depth--;
    }
    Object[] out = new Object[1 + type.returns().size()];
    out[0] = true;
    for (int i = 0; i < type.returns().size(); i++) {
      out[i + 1] = toGuest(type.returns().get(i), results[i]);
    }
    return ProxyArray.fromArray(out);
  }

  private static String signature(FunctionType type) {
    return String.join(",", names(type.params())) + "->" + String.join(",", names(type.returns()));
  }

  private static List<String> names(List<ValType> types) {
    List<String> out = new ArrayList<>();
    for (ValType type : types) {
      out.add(name(type));
    }
    return out;
  }

  private static String name(ValType type) {
    if (type.equals(ValType.I32)) {
      return "i32";
    }
    if (type.equals(ValType.I64)) {
      return "i64";
    }
    if (type.equals(ValType.F32)) {
      return "f32";
    }
    if (type.equals(ValType.F64)) {
      return "f64";
    }
    return "unsupported";
  }

  private static Object toGuest(ValType type, long raw) {
    return switch (name(type)) {
      case "i32" -> (int) raw;
      case "i64" -> Long.toString(raw);
      case "f32" -> (double) Float.intBitsToFloat((int) raw);
      case "f64" -> Double.longBitsToDouble(raw);
      default -> throw new IllegalArgumentException("W9Y: a WebAssembly value of type " + type);
    };
  }

  /** The prelude hands over i32 as a number, i64 as decimal text, floats as numbers. */
  private static long fromGuest(ValType type, Value value) {
    return switch (name(type)) {
      case "i32" -> value == null ? 0 : value.asInt();
      case "i64" -> value == null ? 0 : Long.parseLong(value.asString());
      case "f32" ->
          value == null ? 0 : Float.floatToRawIntBits((float) value.asDouble()) & 0xffffffffL;
      case "f64" -> value == null ? 0 : Double.doubleToRawLongBits(value.asDouble());
      default -> throw new IllegalArgumentException("W9Y: a WebAssembly value of type " + type);
    };
  }

  private static long[] fromGuestResults(List<ValType> types, Value result) {
    long[] out = new long[types.size()];
    if (types.size() == 1) {
      out[0] = fromGuest(types.get(0), result);
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = fromGuest(types.get(i), result.getArrayElement(i));
      }
    }
    return out;
  }
}
