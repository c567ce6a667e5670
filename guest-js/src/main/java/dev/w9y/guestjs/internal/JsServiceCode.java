package dev.w9y.guestjs.internal;

import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.ServiceInstance;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One JavaScript service's code, loaded once per simulation: its module files in memory and its
 * parsed entry module. Starts a context per service instance and per durable object.
 */
public final class JsServiceCode implements ServiceCode {
  /** Where built-in modules ({@code w9y}, {@code cloudflare:workers}) live in the guest's view. */
  static final String BUILTIN_ROOT = "/w9y-builtin";

  static {
    JsSandbox.engine(); // first touch of GraalJS: the sandbox sets its system properties first
  }

  private final String serviceName;
  private final Path root;
  private final String entryName;
  private final Source entrySource;
  private final ModuleFileSystem files;
  private final long statementLimit;

  /**
   * @param files path relative to the service's directory ('/'-separated) to content
   * @param aliases bare specifier to a path relative to the service's directory
   */
  public JsServiceCode(
      String serviceName,
      String entry,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> aliases,
      long statementLimit) {
    this.serviceName = serviceName;
    this.root = Path.of("/w9y", serviceName);
    this.entryName = entry;
    this.statementLimit = statementLimit;
    SortedMap<String, byte[]> virtual = new TreeMap<>();
    for (var file : files.entrySet()) {
      virtual.put(root.resolve(file.getKey()).normalize().toString(), file.getValue());
    }
    SortedMap<String, String> specifiers = new TreeMap<>();
    for (var alias : aliases.entrySet()) {
      specifiers.put(alias.getKey(), root.resolve(alias.getValue()).normalize().toString());
    }
    for (String builtin : BuiltinModules.NAMES) {
      String path = BUILTIN_ROOT + "/" + BuiltinModules.fileName(builtin);
      virtual.put(path, BuiltinModules.source(builtin).getBytes(StandardCharsets.UTF_8));
      specifiers.put(builtin, path);
    }
    this.files = new ModuleFileSystem(serviceName, root, virtual, specifiers);
    String entryPath = root.resolve(entry).normalize().toString();
    byte[] entryBytes = virtual.get(entryPath);
    if (entryBytes == null) {
      throw new IllegalArgumentException(
          "service '" + serviceName + "': the entry module " + entry + " is not among its files");
    }
    try {
      this.entrySource =
          Source.newBuilder("js", new File(entryPath))
              .content(new String(entryBytes, StandardCharsets.UTF_8))
              .mimeType("application/javascript+module")
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ModuleFileSystem files() {
    return files;
  }

  Source entrySource() {
    return entrySource;
  }

  String entryName() {
    return entryName;
  }

  long statementLimit() {
    return statementLimit;
  }

  /** Text (an error, a stack) with the service's virtual directory taken out of its paths. */
  String withShortPaths(String text) {
    return text.replace(root + "/", "").replace(BUILTIN_ROOT + "/", "");
  }

  /** A source's name as the service's author knows it. */
  String displayName(String name, String path) {
    if (path == null) {
      return name;
    }
    Path absolute = Path.of(path);
    if (absolute.startsWith(root)) {
      return root.relativize(absolute).toString();
    }
    return absolute.startsWith(BUILTIN_ROOT) ? name : path;
  }

  @Override
  public ServiceInstance start(ServiceHost host) {
    JsInstance instance =
        new JsInstance(this, host, "service '" + serviceName + "' (" + host.actor() + ")");
    // Bindings are globals while the module loads, in case it is a service-worker script (which
    // reads them as globals); a module-syntax Worker gets its global scope back afterwards.
    Value env = makeEnv(instance, host);
    Value exposed = instance.call("bindings", instance.internal("exposeBindings"), env);
    Value exports = instance.loadEntry();
    instance.call("bindings", instance.internal("settleBindings"), exports, env, exposed);
    return ServiceInstance.of(
        request ->
            instance.callAndAwait(
                "fetch handler",
                instance.internal("dispatchFetch"),
                Wire::response,
                JsInstance.prepend(Wire.requestParts(request), exports, env)),
        trigger ->
            instance.callAndAwait(
                "scheduled handler",
                instance.internal("dispatchScheduled"),
                value -> null,
                exports,
                env,
                trigger.cron(),
                (double) trigger.scheduledTimeEpochMillis()),
        instance::crash);
  }

  @Override
  public DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
    JsInstance instance =
        new JsInstance(
            this, host, DurableObjectInstance.describe(className, host.id(), serviceName));
    Value exports = instance.loadEntry();
    Value env = makeEnv(instance, host);
    Value object =
        instance.call(
            className + " constructor",
            instance.internal("constructObject"),
            exports,
            className,
            env,
            host.id().hex());
    return DurableObjectInstance.of(
        request ->
            instance.callAndAwait(
                "fetch handler",
                instance.internal("objectFetch"),
                Wire::response,
                JsInstance.prepend(Wire.requestParts(request), object)),
        () ->
            instance.callAndAwait(
                "alarm handler", instance.internal("objectAlarm"), value -> null, object),
        instance::crash);
  }

  private static Value makeEnv(JsInstance instance, ServiceHost host) {
    Map<String, Object> vars = new LinkedHashMap<>(host.vars());
    return instance.call(
        "env",
        instance.internal("makeEnv"),
        ProxyObject.fromMap(vars),
        ProxyArray.fromList(new ArrayList<>(host.serviceBindings())),
        ProxyArray.fromList(new ArrayList<>(host.durableObjectBindings())));
  }
}
