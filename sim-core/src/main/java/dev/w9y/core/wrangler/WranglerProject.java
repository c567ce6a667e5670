package dev.w9y.core.wrangler;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.assets.StaticAssets;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several Workers' wrangler configurations as one system: each Worker becomes a public service
 * named by its {@code name} (reached at {@code http://<name>/}), its code loaded by the {@code js}
 * guest kind from {@code main} and the module files beside its configuration. Service bindings and
 * {@code script_name} durable-object bindings must name Workers among the given configurations.
 *
 * <pre>{@code
 * Topology topology = Topology.fromWrangler(Path.of("api/wrangler.toml"),
 *     Path.of("rooms/wrangler.jsonc"));
 * // or, to see the notes and turn unsupported bindings into notes:
 * WranglerProject project = WranglerProject.read(List.of(...), true);
 * }</pre>
 */
public final class WranglerProject {
  private final List<WranglerConfig> configs;
  private final Topology topology;

  private WranglerProject(List<WranglerConfig> configs, Topology topology) {
    this.configs = List.copyOf(configs);
    this.topology = topology;
  }

  /** Reads the configurations; anything W9Y does not support is an error. */
  public static WranglerProject read(Path... configs) {
    return read(List.of(configs), false);
  }

  /**
   * Reads the configurations.
   *
   * @param ignoreUnsupported unsupported bindings and unknown keys become notes instead of errors
   */
  public static WranglerProject read(List<Path> files, boolean ignoreUnsupported) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a wrangler project needs at least one configuration");
    }
    List<WranglerConfig> configs = new ArrayList<>();
    Map<String, WranglerConfig> byName = new LinkedHashMap<>();
    for (Path file : files) {
      WranglerConfig config = WranglerConfig.read(file, ignoreUnsupported);
      WranglerConfig previous = byName.put(config.name(), config);
      if (previous != null) {
        throw error(
            config,
            "name",
            "Worker '" + config.name() + "' is also the name in " + previous.file());
      }
      configs.add(config);
    }
    GuestKind js = jsKind();
    Topology.Builder builder = Topology.builder();
    for (WranglerConfig config : configs) {
      builder.service(service(config, byName, js));
    }
    try {
      return new WranglerProject(configs, builder.build());
    } catch (IllegalArgumentException e) {
      throw new WranglerConfigException(configs.get(0).file(), 0, 0, "", e.getMessage());
    }
  }

  /** The configurations, in the order given. */
  public List<WranglerConfig> configs() {
    return configs;
  }

  /** The simulated system: one public service per Worker, in the order given. */
  public Topology topology() {
    return topology;
  }

  /** What was read but is not simulated, file by file. */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (WranglerConfig config : configs) {
      notes.addAll(config.notes());
    }
    return notes;
  }

  private static ServiceSpec service(
      WranglerConfig config, Map<String, WranglerConfig> byName, GuestKind js) {
    if (config.main() == null) {
      return assetsOnly(config);
    }
    GuestCode code;
    try {
      code =
          js.loadProject(
                  config.name(), config.projectRoot(), config.main(), config.rules(), config.main())
              .withCompatibilityFlags(config.compatibilityFlags());
    } catch (RuntimeException e) {
      throw error(config, "main", e.getMessage());
    }
    if (!config.sqliteClasses().isEmpty()) {
      code = code.withSqliteClasses(config.sqliteClasses());
    }
    ServiceSpec spec = ServiceSpec.of(config.name(), code).asPublic();
    for (Map.Entry<String, String> variable : config.vars().entrySet()) {
      spec =
          config.jsonVars().contains(variable.getKey())
              ? spec.withJsonVar(variable.getKey(), variable.getValue())
              : spec.withVar(variable.getKey(), variable.getValue());
    }
    for (Map.Entry<String, String> secret : config.secrets().entrySet()) {
      spec = spec.withSecret(secret.getKey(), secret.getValue());
    }
    for (int i = 0; i < config.services().size(); i++) {
      WranglerConfig.ServiceBinding binding = config.services().get(i);
      if (!byName.containsKey(binding.service())) {
        throw error(
            config,
            "services[" + i + "].service",
            "binds "
                + binding.binding()
                + " to Worker '"
                + binding.service()
                + "', which is not among the given wrangler configurations "
                + byName.keySet());
      }
      // A named entrypoint (an exported WorkerEntrypoint class) takes the binding's calls and
      // fetches; whether the target exports it is checked when the target starts, as workerd does.
      spec =
          binding.entrypoint() == null
              ? spec.withBinding(binding.binding(), binding.service())
              : spec.withBinding(binding.binding(), binding.service(), binding.entrypoint());
    }
    for (Map.Entry<String, dev.w9y.core.platform.PlatformBinding> binding :
        config.platformBindings().entrySet()) {
      spec = spec.withPlatformBinding(binding.getKey(), binding.getValue());
    }
    for (int i = 0; i < config.durableObjects().size(); i++) {
      WranglerConfig.DurableObjectBinding binding = config.durableObjects().get(i);
      String script = binding.scriptName();
      if (script == null || script.equals(config.name())) {
        spec = spec.withDurableObject(binding.name(), binding.className());
        continue;
      }
      String key = "durable_objects.bindings[" + i + "].script_name";
      WranglerConfig owner = byName.get(script);
      if (owner == null) {
        throw error(
            config,
            key,
            "binds "
                + binding.name()
                + " to class "
                + binding.className()
                + " of Worker '"
                + script
                + "', which is not among the given wrangler configurations "
                + byName.keySet());
      }
      String namespace = null;
      for (WranglerConfig.DurableObjectBinding own : owner.durableObjects()) {
        boolean ownClass = own.scriptName() == null || own.scriptName().equals(owner.name());
        if (ownClass && own.className().equals(binding.className())) {
          namespace = own.name();
          break;
        }
      }
      if (namespace == null) {
        throw error(
            config,
            key,
            "Worker '"
                + script
                + "' ("
                + owner.file()
                + ") has no durable_objects binding of its own for class "
                + binding.className()
                + "; W9Y reaches another Worker's objects through that binding");
      }
      spec = spec.withDurableObjectsOf(binding.name(), script, namespace);
    }
    for (int i = 0; i < config.workflows().size(); i++) {
      WranglerConfig.WorkflowConfig workflow = config.workflows().get(i);
      String script = workflow.scriptName();
      if (script != null && !byName.containsKey(script)) {
        throw error(
            config,
            "workflows[" + i + "].script_name",
            "binds "
                + workflow.binding()
                + " to workflow class "
                + workflow.className()
                + " of Worker '"
                + script
                + "', which is not among the given wrangler configurations "
                + byName.keySet());
      }
      spec =
          spec.withPlatformBinding(
              workflow.binding(),
              dev.w9y.core.workflow.WorkflowBinding.of(
                  workflow.name(), workflow.className(), script));
    }
    for (String cron : config.crons()) {
      spec = spec.withCron(cron);
    }
    for (Map.Entry<String, dev.w9y.core.platform.PlatformBinding> binding :
        config.platformBindings().entrySet()) {
      try {
        spec = spec.withPlatformBinding(binding.getKey(), binding.getValue());
      } catch (IllegalArgumentException e) {
        throw error(config, binding.getKey(), e.getMessage());
      }
    }
    for (dev.w9y.core.platform.PlatformTrigger trigger : config.platformTriggers()) {
      spec = spec.withPlatformTrigger(trigger);
    }
    if (config.assets() != null) {
      spec = spec.withAssets(assets(config));
    }
    return spec;
  }

  /**
   * An assets-only Worker (assets, no main): its asset server answers every request (AssetServer
   * never hands one on), so the service's code is a placeholder that no request reaches.
   */
  private static ServiceSpec assetsOnly(WranglerConfig config) {
    StaticAssets assets = assets(config).asAssetsOnly();
    GuestCode none =
        dev.w9y.core.java.JavaGuest.of(
            "assets-only Worker " + config.name(),
            () ->
                (request, host) ->
                    dev.w9y.core.async.Promise.resolved(
                        dev.w9y.core.http.Response.text(
                            500, "an assets-only Worker has no code; its assets answer")));
    return ServiceSpec.of(config.name(), none).asPublic().withAssets(assets);
  }

  /** Reads the {@code assets} directory into memory, with the configuration's settings. */
  private static StaticAssets assets(WranglerConfig config) {
    WranglerConfig.Assets declared = config.assets();
    StaticAssets assets;
    try {
      assets = StaticAssets.read(config.projectRoot().resolve(declared.directory()).normalize());
    } catch (IllegalArgumentException e) {
      throw error(config, "assets.directory", e.getMessage());
    }
    if (declared.binding() != null) {
      assets = assets.withBinding(declared.binding());
    }
    if (declared.htmlHandling() != null) {
      assets =
          assets.withHtmlHandling(
              StaticAssets.HtmlHandling.byWranglerName(declared.htmlHandling()));
    }
    if (declared.notFoundHandling() != null) {
      assets =
          assets.withNotFoundHandling(
              StaticAssets.NotFoundHandling.byWranglerName(declared.notFoundHandling()));
    }
    if (!declared.runWorkerFirstRoutes().isEmpty()) {
      assets = assets.withRunWorkerFirst(declared.runWorkerFirstRoutes());
    } else if (declared.runWorkerFirst()) {
      assets = assets.withRunWorkerFirst(true);
    }
    return assets;
  }

  private static GuestKind jsKind() {
    for (GuestKind kind :
        ServiceLoader.load(GuestKind.class, WranglerProject.class.getClassLoader())) {
      if (kind.name().equals("js")) {
        return kind;
      }
    }
    throw new IllegalStateException(
        "reading wrangler projects needs the js guest kind: put w9y-guest-js on the classpath");
  }

  private static WranglerConfigException error(WranglerConfig config, String key, String problem) {
    String text;
    try {
      text = java.nio.file.Files.readString(Path.of(config.file()));
    } catch (java.io.IOException e) {
      text = "";
    }
    int[] at = locate(text, key);
    return new WranglerConfigException(config.file(), at[0], at[1], key, problem);
  }

  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  /**
   * Where a dotted key ({@code durable_objects.bindings[1].script_name}) is written in a TOML or
   * JSON text, best effort: {line, column}, 1-based, or {0, 0}.
   */
  static int[] locate(String text, String key) {
    if (text.isEmpty() || key.isEmpty()) {
      return new int[] {0, 0};
    }
    int offset = 0;
    int found = -1;
    int repeat = 1;
    for (String segment : key.split("\\.")) {
      Matcher index = INDEX.matcher(segment);
      String name = segment.replaceAll("\\[\\d+]", "");
      Pattern pattern =
          Pattern.compile(
              "(?m)(?:^[ \\t]*\\[\\[?[ \\t]*(?:[\\w$\"-]+\\.)*\"?"
                  + Pattern.quote(name)
                  + "\"?[ \\t]*]|\""
                  + Pattern.quote(name)
                  + "\"[ \\t]*:|^[ \\t]*\"?"
                  + Pattern.quote(name)
                  + "\"?[ \\t]*=|[{,][ \\t]*\"?"
                  + Pattern.quote(name)
                  + "\"?[ \\t]*=)");
      Matcher matcher = pattern.matcher(text);
      int start = -1;
      int seen = 0;
      int from = offset;
      while (matcher.find(from)) {
        seen++;
        start = matcher.start();
        from = matcher.end();
        if (seen >= repeat) {
          break;
        }
      }
      if (start < 0) {
        break;
      }
      found = text.indexOf(name, start);
      offset = matcher.end();
      repeat = index.find() ? Integer.parseInt(index.group(1)) + 1 : 1;
      if (repeat > 1 && text.substring(start, matcher.end()).contains("[[")) {
        // TOML arrays of tables: [[x]] repeats per item; find the item's own header
        int item = 1;
        Matcher again = pattern.matcher(text);
        int at = start;
        int search = matcher.end();
        while (item < repeat && again.find(search)) {
          item++;
          at = again.start();
          search = again.end();
        }
        found = text.indexOf(name, at);
        offset = search;
        repeat = 1;
      }
    }
    if (found < 0) {
      return new int[] {0, 0};
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < found; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, found - lineStart + 1};
  }
}
