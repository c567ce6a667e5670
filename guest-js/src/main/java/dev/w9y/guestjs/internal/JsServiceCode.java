package dev.w9y.guestjs.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.DurableObjectHost;
import dev.w9y.core.guest.DurableObjectInstance;
import dev.w9y.core.guest.GuestException;
import dev.w9y.core.guest.ServiceCode;
import dev.w9y.core.guest.ServiceHost;
import dev.w9y.core.guest.ServiceInstance;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.rpc.RpcEnvelope;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
  private final Source entryAsScript;
  private final String entryText;

  /**
   * Entry texts already classified as service-worker script or module. Services are loaded anew for
   * every run, and a module's failed script parse costs an exception, so the answer (a pure
   * function of the text) is kept across runs; bounded, least recently used out.
   */
  private static final Map<String, Boolean> SCRIPT_ENTRIES =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 256;
            }
          });

  private final ModuleFileSystem files;
  private final ModuleLoader loader;
  private final java.util.List<String> fileNames;
  private final Map<String, Source> commonJsSources = new TreeMap<>();
  private final Map<String, com.dylibso.chicory.wasm.WasmModule> wasmModules = new TreeMap<>();
  private final long statementLimit;
  private final boolean allowEval;
  private final java.util.List<String> nodeModules;
  private final boolean nodeGlobals;

  /**
   * @param files path relative to the service's directory ('/'-separated) to content
   * @param aliases bare specifier to a path relative to the service's directory
   * @param allowEval whether guest code may generate code from strings (workerd refuses)
   */
  public JsServiceCode(
      String serviceName,
      String entry,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> aliases,
      long statementLimit,
      boolean allowEval) {
    this(
        serviceName,
        entry,
        files,
        aliases,
        statementLimit,
        allowEval,
        java.util.List.of(),
        java.util.List.of());
  }

  /**
   * @param rules module rules (wrangler's {@code rules}) before wrangler's default ones
   */
  public JsServiceCode(
      String serviceName,
      String entry,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> aliases,
      long statementLimit,
      boolean allowEval,
      java.util.List<dev.w9y.core.guest.ModuleRule> rules) {
    this(serviceName, entry, files, aliases, statementLimit, allowEval, rules, java.util.List.of());
  }

  /**
   * @param compatibilityFlags workerd's compatibility flags ({@code nodejs_compat} provides the
   *     {@code node:*} modules of {@link BuiltinModules#NODE_MODULES})
   */
  public JsServiceCode(
      String serviceName,
      String entry,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> aliases,
      long statementLimit,
      boolean allowEval,
      java.util.List<dev.w9y.core.guest.ModuleRule> rules,
      java.util.List<String> compatibilityFlags) {
    this.serviceName = serviceName;
    this.nodeModules = BuiltinModules.nodeModules(compatibilityFlags);
    this.nodeGlobals = BuiltinModules.nodeCompat(compatibilityFlags);
    this.root = Path.of("/w9y", serviceName);
    this.entryName = entry;
    this.statementLimit = statementLimit;
    this.allowEval = allowEval;
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
    this.loader = ModuleLoader.inMemory(files, rules);
    this.fileNames = java.util.List.copyOf(files.keySet());
    for (String node : nodeModules) {
      String path = BUILTIN_ROOT + "/" + BuiltinModules.fileName("node:" + node);
      virtual.put(path, BuiltinModules.source("node:" + node).getBytes(StandardCharsets.UTF_8));
      // The Worker's own modules take precedence, as in workerd: an alias of the same name, or
      // (for a bare specifier, which nodejs_compat accepts from 2024-09-23 on) an npm package.
      specifiers.putIfAbsent("node:" + node, path);
      if (nodeGlobals && loader.resolve("", node, false) == null) {
        specifiers.putIfAbsent(node, path);
      }
    }
    if (nodeGlobals) {
      for (String builtin : BuiltinModules.NODE_SCHEME_MODULES) {
        String path = BUILTIN_ROOT + "/" + BuiltinModules.fileName(builtin);
        virtual.put(path, BuiltinModules.source(builtin).getBytes(StandardCharsets.UTF_8));
        specifiers.putIfAbsent(builtin, path);
      }
    }
    this.files = new ModuleFileSystem(serviceName, root, virtual, specifiers, loader);
    String entryPath = root.resolve(entry).normalize().toString();
    byte[] entryBytes = virtual.get(entryPath);
    if (entryBytes == null) {
      throw new IllegalArgumentException(
          "service '" + serviceName + "': the entry module " + entry + " is not among its files");
    }
    try {
      String text = new String(entryBytes, StandardCharsets.UTF_8);
      this.entryText = text;
      this.entrySource =
          Source.newBuilder("js", new File(entryPath))
              .content(text)
              .mimeType("application/javascript+module")
              .build();
      this.entryAsScript =
          Source.newBuilder("js", new File(entryPath))
              .content(text)
              .mimeType("application/javascript")
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ModuleFileSystem files() {
    return files;
  }

  ModuleLoader loader() {
    return loader;
  }

  /** The service's files, relative to its root, sorted (node:fs shows them under /bundle). */
  java.util.List<String> fileNames() {
    return fileNames;
  }

  /** A CompiledWasm module of the service, parsed once per simulation. */
  com.dylibso.chicory.wasm.WasmModule wasmModule(String path) {
    return wasmModules.computeIfAbsent(
        path, p -> com.dylibso.chicory.wasm.Parser.parse(loader.bytes(p)));
  }

  /**
   * A CommonJS module's code as a function of {@code (exports, require, module, __filename,
   * __dirname)}, named by the module's path so errors and budgets treat it as the guest's own.
   * Sloppy mode, as Node and workerd run CommonJS. Built once per file and simulation; the shared
   * engine parses it once per JVM.
   */
  Source commonJsSource(String path) {
    return commonJsSources.computeIfAbsent(
        path,
        p -> {
          try {
            return Source.newBuilder("js", new File(root.resolve(p).toString()))
                .content(
                    "(function (exports, require, module, __filename, __dirname) {"
                        + loader.text(p)
                        + "\n})")
                .mimeType("application/javascript")
                .build();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  Source entrySource() {
    return entrySource;
  }

  /**
   * Whether the entry is a service-worker script rather than an ES module: it parses as a classic
   * script, which no module with an {@code import} or {@code export} does. workerd takes the format
   * from its configuration; wrangler, like this, from the entry itself. Parsing runs no guest code.
   */
  boolean isServiceWorkerScript(JsInstance instance) {
    Boolean known = SCRIPT_ENTRIES.get(entryText);
    if (known == null) {
      known = instance.parsesAsScript(entryAsScript);
      SCRIPT_ENTRIES.put(entryText, known);
    }
    return known;
  }

  String entryName() {
    return entryName;
  }

  long statementLimit() {
    return statementLimit;
  }

  boolean allowsEval() {
    return allowEval;
  }

  /** The {@code node:*} modules (names without the prefix) the service's flags provide. */
  java.util.List<String> nodeModules() {
    return nodeModules;
  }

  /**
   * Whether {@code nodejs_compat} is on: bare node specifiers, {@code require("node:x")} and the
   * {@code Buffer} and {@code process} globals.
   */
  boolean nodeGlobals() {
    return nodeGlobals;
  }

  /**
   * GraalJS's words for an import of a scheme module W9Y does not provide ({@code node:fs} without
   * the flag, {@code cloudflare:sockets}, {@code https://...}): it takes the specifier for a URL to
   * fetch, which the sandbox refuses.
   */
  private static final java.util.regex.Pattern MISSING_NODE_MODULE =
      java.util.regex.Pattern.compile(
          "Error reading module '([A-Za-z][A-Za-z0-9+.-]*:[^']*)' imported from (.+?):"
              + " Socket IO is not allowed");

  /**
   * Text (an error, a stack) as the service's author should read it: the service's virtual
   * directory taken out of its paths, and a missing scheme module named in workerd's words.
   */
  String withShortPaths(String text) {
    String shortened = text.replace(root + "/", "").replace(BUILTIN_ROOT + "/", "");
    return MISSING_NODE_MODULE
        .matcher(shortened)
        .replaceAll("No such module \"$1\".\n  imported from \"$2\"");
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
    return releasedOnFailure(instance, () -> startService(instance, host));
  }

  private ServiceInstance startService(JsInstance instance, ServiceHost host) {
    Value exports;
    Value env;
    if (isServiceWorkerScript(instance)) {
      // A classic script, as workerd runs one: its bindings are globals before it runs.
      env = makeEnv(instance, host);
      instance.call("bindings", instance.internal("exposeBindings"), env);
      exports = instance.loadScript(entryAsScript);
    } else {
      exports = instance.loadEntry();
      StartProfile.mark("entry module");
      env = makeEnv(instance, host);
      StartProfile.mark("env");
    }
    checkBoundEntrypoints(exports, host);
    ServiceInstance handlers =
        ServiceInstance.of(
            request -> serviceRequest(instance, exports, env, request),
            trigger ->
                instance.callAndAwait(
                    "scheduled handler",
                    instance.internal("dispatchScheduled"),
                    value -> null,
                    exports,
                    env,
                    trigger.cron(),
                    (double) trigger.scheduledTimeEpochMillis()),
            instance::crash,
            instance::release);
    return new ServiceInstance() {
      @Override
      public Promise<Response> fetch(Request request) {
        return handlers.fetch(request);
      }

      @Override
      public Promise<Void> scheduled(dev.w9y.core.guest.ScheduledTrigger trigger) {
        return handlers.scheduled(trigger);
      }

      @Override
      public Promise<Object> dispatch(String kind, Object event) {
        PlatformBridge bridge = PLATFORM_BRIDGES.get(kind);
        if (bridge == null) {
          return ServiceInstance.super.dispatch(kind, event);
        }
        PlatformBridge.GuestEvent guestEvent = bridge.event(event, instance);
        return instance.callAndAwait(
            guestEvent.where(),
            instance.internal("dispatchPlatform"),
            guestEvent.outcome(),
            exports,
            env,
            kind,
            guestEvent.view());
      }

      @Override
      public void crash() {
        handlers.crash();
      }

      @Override
      public void release() {
        handlers.release();
      }
    };
  }

  /**
   * Refuses to start when a binding elsewhere names an entrypoint this module does not export, with
   * the error workerd gives at startup for that configuration (Miniflare then fails to start).
   */
  private void checkBoundEntrypoints(Value exports, ServiceHost host) {
    for (ServiceHost.BoundEntrypoint bound : host.boundEntrypoints()) {
      // An export is an entrypoint when it is a class or an object (workerd's handler objects).
      Value entry = exports.getMember(bound.entrypoint());
      if (entry == null || entry.isNull() || !(entry.canExecute() || entry.hasMembers())) {
        throw new GuestException(
            "Worker \""
                + bound.service()
                + "\"'s binding \""
                + bound.binding()
                + "\" refers to service \""
                + serviceName
                + "\" with a named entrypoint \""
                + bound.entrypoint()
                + "\", but \""
                + serviceName
                + "\" has no such named entrypoint.");
      }
    }
  }

  /** The platform bridges that take events (workflow runs, queue batches), by kind. */
  private static final Map<String, PlatformBridge> PLATFORM_BRIDGES = PlatformBridge.all();

  @Override
  public DurableObjectInstance startDurableObject(String className, DurableObjectHost host) {
    JsInstance instance =
        new JsInstance(
            this, host, DurableObjectInstance.describe(className, host.id(), serviceName));
    return releasedOnFailure(instance, () -> startObject(instance, className, host));
  }

  private DurableObjectInstance startObject(
      JsInstance instance, String className, DurableObjectHost host) {
    Value exports = instance.loadEntry();
    StartProfile.mark("entry module");
    Value env = makeEnv(instance, host);
    StartProfile.mark("env");
    Value object =
        instance.call(
            className + " constructor",
            instance.internal("constructObject"),
            exports,
            className,
            env,
            host.id().hex(),
            host.id().name());
    return new DurableObjectInstance() {
      @Override
      public Promise<Response> fetch(Request request) {
        java.util.Optional<String> method = RpcEnvelope.method(request);
        if (method.isPresent()) {
          return instance.callAndAwait(
              method.get() + "() (rpc)",
              instance.internal("objectRpc"),
              JsServiceCode::answer,
              object,
              request.headers().get(RpcEnvelope.TARGET).orElse(null),
              method.get(),
              Wire.binary(request.body().bytes()));
        }
        return instance.callAndAwait(
            "fetch handler",
            instance.internal("objectFetch"),
            Wire::response,
            JsInstance.prepend(Wire.requestParts(request), object));
      }

      @Override
      public Promise<Void> webSocketMessage(String socket, byte[] data, boolean text) {
        return instance.callAndAwait(
            "webSocketMessage handler",
            instance.internal("objectWebSocketEvent"),
            value -> null,
            object,
            socket,
            0,
            text ? new String(data, java.nio.charset.StandardCharsets.UTF_8) : Wire.binary(data),
            text,
            null);
      }

      @Override
      public Promise<Void> webSocketClose(
          String socket, int code, String reason, boolean wasClean) {
        return instance.callAndAwait(
            "webSocketClose handler",
            instance.internal("objectWebSocketEvent"),
            value -> null,
            object,
            socket,
            1,
            code,
            reason,
            wasClean);
      }

      @Override
      public boolean isQuiescent() {
        return instance.timers().isEmpty();
      }

      @Override
      public Promise<Void> alarm() {
        return alarm(new AlarmInfo(0, 0));
      }

      @Override
      public Promise<Void> alarm(AlarmInfo info) {
        return instance.callAndAwait(
            "alarm handler",
            instance.internal("objectAlarm"),
            value -> null,
            object,
            (double) info.scheduledTimeEpochMillis(),
            info.retryCount());
      }

      @Override
      public void crash() {
        instance.crash();
      }

      @Override
      public void release() {
        instance.release();
      }
    };
  }

  /**
   * A request to a service instance: an RPC call (to the default export or a named entrypoint), or
   * a fetch (through a binding that names an entrypoint, or not).
   */
  private static dev.w9y.core.async.Promise<Response> serviceRequest(
      JsInstance instance, Value exports, Value env, Request request) {
    if (request.headers().size() != 0) {
      java.util.Optional<String> method = RpcEnvelope.method(request);
      String entrypoint = request.headers().get(RpcEnvelope.ENTRYPOINT).orElse(null);
      if (method.isPresent()) {
        return instance.callAndAwait(
            method.get() + "() (rpc)",
            instance.internal("dispatchRpc"),
            JsServiceCode::answer,
            exports,
            env,
            entrypoint,
            request.headers().get(RpcEnvelope.TARGET).orElse(null),
            method.get(),
            Wire.binary(request.body().bytes()));
      }
      if (entrypoint != null) {
        Request plain = request.withHeaders(request.headers().without(RpcEnvelope.ENTRYPOINT));
        return instance.callAndAwait(
            "fetch handler",
            instance.internal("dispatchFetch"),
            Wire::response,
            JsInstance.prepend(
                new Object[] {entrypoint},
                JsInstance.prepend(Wire.requestParts(plain), exports, env)));
      }
    }
    return instance.callAndAwait(
        "fetch handler",
        instance.internal("dispatchFetch"),
        Wire::response,
        JsInstance.prepend(Wire.requestParts(request), exports, env));
  }

  /**
   * An RPC answer from what rpc.js returns: "0" or "1" (threw) followed by the serialized value.
   */
  private static Response answer(Value encoded) {
    String text = encoded.asString();
    return RpcEnvelope.answer(text.charAt(0) == '1', Wire.bytes(text.substring(1)));
  }

  /**
   * Starts an instance, closing its context if the start fails (the entry throws, a constructor
   * throws): nothing else holds the instance then, and an unclosed context lives as long as the
   * engine, so an object whose constructor fails on every request would leak a context each time.
   */
  private static <T> T releasedOnFailure(
      JsInstance instance, java.util.function.Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException | Error e) {
      instance.release();
      throw e;
    }
  }

  private static Value makeEnv(JsInstance instance, ServiceHost host) {
    Map<String, Object> vars = new LinkedHashMap<>(host.vars());
    return instance.call(
        "env",
        instance.internal("makeEnv"),
        ProxyObject.fromMap(vars),
        ProxyArray.fromList(new ArrayList<>(host.serviceBindings())),
        ProxyArray.fromList(new ArrayList<>(host.durableObjectBindings())),
        ProxyObject.fromMap(new LinkedHashMap<>(host.platformBindings())));
  }
}
