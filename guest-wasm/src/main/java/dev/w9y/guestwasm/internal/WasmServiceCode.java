package dev.w9y.guestwasm.internal;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.ServiceInstance;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One WebAssembly service's code: its module parsed and checked once per simulation (exports the
 * ABI needs, imports the host provides), instantiated per service instance.
 */
public final class WasmServiceCode implements ServiceCode {
  private static final List<String> REQUIRED_EXPORTS =
      List.of("memory", "w9y_alloc", "w9y_on_request");

  private final String serviceName;
  private final WasmModule module;
  private final Set<String> exports = new TreeSet<>();
  private final long instructionLimit;
  private final int maxPages;
  private final int initialPages;
  private final Function<Instance, Machine> compiledMachines; // null: the counting interpreter

  public WasmServiceCode(
      String serviceName,
      String origin,
      byte[] bytes,
      long instructionLimit,
      int maxPages,
      boolean compiled,
      Set<String> providedImports) {
    this.serviceName = serviceName;
    this.instructionLimit = instructionLimit;
    try {
      this.module = Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException e) {
      throw new GuestException(
          "service '"
              + serviceName
              + "': "
              + origin
              + " is not a valid WebAssembly module: "
              + e.getMessage(),
          e);
    }
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      exports.add(export.name());
    }
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      String name = imported.module() + "." + imported.name();
      if (imported.importType() != ExternalType.FUNCTION || !providedImports.contains(name)) {
        throw new GuestException(
            "service '"
                + serviceName
                + "': "
                + origin
                + " imports "
                + name
                + ", which the W9Y host does not provide (see docs/WASM-ABI.md)");
      }
    }
    for (String required : REQUIRED_EXPORTS) {
      if (!exports.contains(required)) {
        throw new GuestException(
            "service '"
                + serviceName
                + "': "
                + origin
                + " does not export '"
                + required
                + "', which W9Y's ABI v1 needs (it exports "
                + exports
                + "; see docs/WASM-ABI.md)");
      }
    }
    int declared =
        module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0
            ? module.memorySection().get().getMemory(0).limits().initialPages()
            : 0;
    if (declared > maxPages) {
      throw new GuestException(
          "service '"
              + serviceName
              + "': "
              + origin
              + " starts with "
              + declared
              + " memory pages, more than the maximum of "
              + maxPages);
    }
    this.initialPages = declared;
    this.maxPages = maxPages;
    this.compiledMachines = compiled ? MachineFactoryCompiler.compile(module) : null;
  }

  WasmModule module() {
    return module;
  }

  String serviceName() {
    return serviceName;
  }

  long instructionLimit() {
    return instructionLimit;
  }

  int maxPages() {
    return maxPages;
  }

  int initialPages() {
    return initialPages;
  }

  /** "module.name" of every import the host provides. */
  public static Set<String> providedImports() {
    return WasmInstance.providedImports();
  }

  /** The compiled machines of this module, or null when it runs on the interpreter. */
  Function<Instance, Machine> compiledMachines() {
    return compiledMachines;
  }

  boolean exports(String name) {
    return exports.contains(name);
  }

  @Override
  public ServiceInstance start(ServiceHost host) {
    WasmInstance instance =
        new WasmInstance(this, host, "service '" + serviceName + "' (" + host.actor() + ")");
    instance.started(null);
    return ServiceInstance.of(
        instance::deliver,
        trigger ->
            Promise.rejected(
                new GuestException(
                    "service '" + serviceName + "': WebAssembly guests have no scheduled handler")),
        instance::crash);
  }

  /**
   * A durable object of this module: the same module, told it is an object of {@code className} by
   * {@code w9y_on_start}; its requests arrive at {@code w9y_on_request}, its alarm at {@code
   * w9y_on_alarm}, and it may use the storage calls.
   */
  @Override
  public DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
    WasmInstance instance =
        new WasmInstance(
            this, host, DurableObjectInstance.describe(className, host.id(), serviceName));
    instance.started(className);
    return DurableObjectInstance.of(instance::deliver, instance::alarm, instance::crash);
  }
}
