package dev.w9y.core.wrangler;

import dev.w9y.core.guest.ModuleRule;
import dev.w9y.core.kv.KvNamespaceBinding;
import dev.w9y.core.platform.PlatformBinding;
import dev.w9y.core.platform.PlatformTrigger;
import dev.w9y.core.queue.QueueConsumer;
import dev.w9y.core.queue.QueueProducerBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * One Worker's wrangler configuration ({@code wrangler.toml}, {@code wrangler.json} or {@code
 * wrangler.jsonc}), as far as W9Y runs it. Read with {@link #read}; every key is either used,
 * ignored with a note (routes, deployment settings), or refused with an error naming the file,
 * line, column and key (a binding W9Y does not simulate, an unknown key), unless the reader was
 * asked to ignore what it does not support, in which case a refusal becomes a note too.
 *
 * @param file the file as it was given (errors name it)
 * @param projectRoot the directory of the file: {@code main} and module rules are relative to it
 * @param name the Worker's name: the service name and hostname in the simulation
 * @param main the entry module W9Y runs, relative to {@code projectRoot} (for a TypeScript {@code
 *     main}, the bundle {@code wrangler deploy --dry-run --outdir dist} wrote); null for an
 *     assets-only Worker (an {@code assets} key and no {@code main})
 * @param compatibilityDate recorded, not interpreted
 * @param compatibilityFlags handed to the guest ({@code nodejs_compat} provides {@code node:*}
 *     modules; see docs/JS-GUESTS.md) and noted
 * @param vars {@code env} variables, in file order: a string as itself, any other value as its JSON
 *     text
 * @param jsonVars the names among {@code vars} whose values are JSON (numbers, booleans, arrays,
 *     objects: workerd's JSON bindings)
 * @param secrets local secrets, in file order: {@code .dev.vars} beside the configuration, or
 *     without it {@code .env}, as {@code wrangler dev} reads them (see {@link DevVars}); a secret
 *     named like a variable replaces it
 * @param durableObjects {@code durable_objects.bindings}, in file order
 * @param classes the durable-object classes the migrations leave defined, in order
 * @param sqliteClasses those of {@code classes} created by {@code new_sqlite_classes}
 * @param services service bindings, in file order
 * @param crons {@code triggers.crons}
 * @param rules module rules, before wrangler's defaults
 * @param assets the {@code assets} key, or null
 * @param notes what was read but not simulated, one sentence each
 * @param platformBindings bindings to platform services ({@code d1_databases}, {@code
 *     kv_namespaces}, {@code queues.producers}), by binding name, in file order
 * @param platformTriggers what platform services do to the Worker ({@code queues.consumers})
 * @param workflows {@code workflows}, in file order
 */
public record WranglerConfig(
    String file,
    Path projectRoot,
    String name,
    String main,
    String compatibilityDate,
    List<String> compatibilityFlags,
    Map<String, String> vars,
    List<String> jsonVars,
    Map<String, String> secrets,
    List<DurableObjectBinding> durableObjects,
    List<String> classes,
    List<String> sqliteClasses,
    List<ServiceBinding> services,
    List<String> crons,
    List<ModuleRule> rules,
    Assets assets,
    List<String> notes,
    Map<String, PlatformBinding> platformBindings,
    List<PlatformTrigger> platformTriggers,
    List<WorkflowConfig> workflows) {

  /**
   * {@code workflows[i]}: {@code env[binding]} is workflow {@code name}, class {@code className} of
   * Worker {@code scriptName} (null: this Worker).
   */
  public record WorkflowConfig(String binding, String name, String className, String scriptName) {}

  /** {@code durable_objects.bindings[i]}; {@code scriptName} null for the Worker's own class. */
  public record DurableObjectBinding(String name, String className, String scriptName) {}

  /** {@code services[i]}; {@code entrypoint} null for the default export. */
  public record ServiceBinding(String binding, String service, String entrypoint) {}

  /**
   * {@code assets}: {@code directory} relative to the configuration's directory; {@code binding}
   * null when the Worker has none; handling options in wrangler's spelling (wrangler's defaults
   * when absent); {@code runWorkerFirstRoutes} empty unless routes were given.
   */
  public record Assets(
      String directory,
      String binding,
      String notFoundHandling,
      String htmlHandling,
      boolean runWorkerFirst,
      List<String> runWorkerFirstRoutes) {
    public Assets {
      runWorkerFirstRoutes = List.copyOf(runWorkerFirstRoutes);
    }
  }

  public WranglerConfig {
    compatibilityFlags = List.copyOf(compatibilityFlags);
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    jsonVars = List.copyOf(jsonVars);
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    durableObjects = List.copyOf(durableObjects);
    classes = List.copyOf(classes);
    sqliteClasses = List.copyOf(sqliteClasses);
    services = List.copyOf(services);
    crons = List.copyOf(crons);
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
    platformBindings = Collections.unmodifiableMap(new LinkedHashMap<>(platformBindings));
    platformTriggers = List.copyOf(platformTriggers);
    workflows = List.copyOf(workflows);
  }

  /** Keys W9Y reads and simulates. */
  public static final List<String> SUPPORTED_KEYS =
      List.of(
          "name",
          "main",
          "compatibility_date",
          "compatibility_flags",
          "vars",
          "durable_objects",
          "migrations",
          "services",
          "triggers",
          "rules",
          "d1_databases",
          "kv_namespaces",
          "r2_buckets",
          "queues",
          "workflows",
          "assets");

  /** Keys that change deployment, not behaviour inside a simulation: noted and ignored. */
  public static final List<String> IGNORED_KEYS =
      List.of(
          "$schema",
          "account_id",
          "alias",
          "base_dir",
          "build",
          "configPath",
          "define",
          "definedEnvironments",
          "dev",
          "env",
          "find_additional_modules",
          "jsx_factory",
          "jsx_fragment",
          "keep_names",
          "keep_vars",
          "legacy_env",
          "limits",
          "logpush",
          "minify",
          "no_bundle",
          "observability",
          "placement",
          "preserve_file_names",
          "preview_urls",
          "python_modules",
          "route",
          "routes",
          "send_metrics",
          "tail_consumers",
          "topLevelName",
          "tsconfig",
          "upload_source_maps",
          "usage_model",
          "userConfigPath",
          "workers_dev");

  /** Bindings and features W9Y does not simulate: an error (a note when ignoring is asked for). */
  public static final List<String> REFUSED_KEYS =
      List.of(
          "ai",
          "analytics_engine_datasets",
          "browser",
          "cloudchamber",
          "containers",
          "data_blobs",
          "dispatch_namespaces",
          "hyperdrive",
          "images",
          "logfwdr",
          "mtls_certificates",
          "pipelines",
          "ratelimits",
          "secrets_store_secrets",
          "send_email",
          "site",
          "text_blobs",
          "unsafe",
          "vectorize",
          "version_metadata",
          "vpc_services",
          "wasm_modules",
          "worker_loaders");

  private static final List<String> TYPESCRIPT = List.of(".ts", ".tsx", ".mts", ".cts", ".jsx");

  /**
   * Reads one configuration file.
   *
   * @param ignoreUnsupported turn refusals (unsupported bindings, unknown keys) into notes
   * @throws WranglerConfigException naming file, line, column and key
   */
  public static WranglerConfig read(Path file, boolean ignoreUnsupported) {
    String shown = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WranglerConfigException(shown, 0, 0, "", "cannot read: " + e);
    }
    Path root = file.toAbsolutePath().normalize().getParent();
    return new Reader(shown, text, root, ignoreUnsupported).config(parse(shown, text));
  }

  private static JsonNode parse(String shown, String text) {
    boolean toml = shown.endsWith(".toml");
    try {
      JsonNode node;
      if (toml) {
        node = TomlMapper.builder().build().readTree(text);
      } else if (shown.endsWith(".json") || shown.endsWith(".jsonc")) {
        node =
            JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build()
                .readTree(text);
      } else {
        throw new WranglerConfigException(
            shown, 0, 0, "", "not a wrangler configuration: expected .toml, .json or .jsonc");
      }
      if (node == null || !node.isObject()) {
        throw new WranglerConfigException(
            shown, 1, 1, "", "a wrangler configuration is a table (an object) of keys");
      }
      return node;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new WranglerConfigException(
          shown,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "",
          "not valid " + (toml ? "TOML" : "JSON") + ": " + e.getOriginalMessage());
    }
  }

  /** Reads the keys of one parsed file. */
  private static final class Reader {
    private final String file;
    private final String text;
    private final Path root;
    private final boolean ignoreUnsupported;
    private final List<String> notes = new ArrayList<>();

    Reader(String file, String text, Path root, boolean ignoreUnsupported) {
      this.file = file;
      this.text = text;
      this.root = root;
      this.ignoreUnsupported = ignoreUnsupported;
    }

    WranglerConfig config(JsonNode top) {
      for (String key : top.propertyNames()) {
        if (SUPPORTED_KEYS.contains(key)) {
          continue;
        }
        if (IGNORED_KEYS.contains(key)) {
          notes.add(file + ": " + key + " is ignored (" + whyIgnored(key) + ")");
        } else if (declaresNothing(top.get(key))) {
          // The Cloudflare Vite plugin writes every field of wrangler's resolved configuration,
          // most of them empty ("r2_buckets": [], "cloudchamber": {}): nothing to simulate.
          notes.add(file + ": " + key + " is empty and ignored");
        } else if (REFUSED_KEYS.contains(key)) {
          refuse(
              key,
              "W9Y does not simulate this binding (supported: vars, durable_objects, services,"
                  + " triggers.crons, d1_databases, kv_namespaces, r2_buckets, queues, workflows,"
                  + " assets)");
        } else {
          refuse(key, "not a wrangler key W9Y knows (see docs/JS-GUESTS.md, wrangler projects)");
        }
      }
      String name = string(top, "name", true);
      if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
        throw error(
            "name",
            "'"
                + name
                + "' cannot be a W9Y service name (lower-case letters, digits and '-',"
                + " starting with a letter)");
      }
      // No main with assets: an assets-only Worker, which serves its assets and nothing else.
      String main = top.has("main") || !top.has("assets") ? main(string(top, "main", true)) : null;
      String date = top.has("compatibility_date") ? string(top, "compatibility_date", true) : "";
      List<String> flags = strings(top.get("compatibility_flags"), "compatibility_flags");
      if (flags.contains("nodejs_compat") || flags.contains("nodejs_compat_v2")) {
        notes.add(
            file
                + ": compatibility_flags: nodejs_compat provides the node:* modules"
                + " docs/JS-GUESTS.md lists (buffer, events, assert, util, async_hooks, crypto,"
                + " path, process); others fail to load as in workerd without them");
      }
      Map<String, String> vars = new LinkedHashMap<>();
      List<String> jsonVars = new ArrayList<>();
      JsonNode varsNode = top.get("vars");
      if (varsNode != null) {
        requireObject(varsNode, "vars");
        for (String key : varsNode.propertyNames()) {
          JsonNode value = varsNode.get(key);
          if (value.isString()) {
            vars.put(key, value.asString());
          } else {
            // wrangler uploads any other value as a JSON binding: env.KEY is the parsed value.
            vars.put(key, value.toString());
            jsonVars.add(key);
          }
        }
      }
      Map<String, String> secrets = secrets();
      List<DurableObjectBinding> objects = durableObjects(top.get("durable_objects"));
      List<String> classes = new ArrayList<>();
      List<String> sqlite = new ArrayList<>();
      migrations(top.get("migrations"), classes, sqlite);
      List<ServiceBinding> services = services(top.get("services"));
      List<String> crons = new ArrayList<>();
      JsonNode triggers = top.get("triggers");
      if (triggers != null) {
        requireObject(triggers, "triggers");
        for (String key : triggers.propertyNames()) {
          if (!key.equals("crons")) {
            refuse("triggers." + key, "not a trigger W9Y knows (triggers.crons is)");
          }
        }
        for (String cron : strings(triggers.get("crons"), "triggers.crons")) {
          try {
            dev.w9y.core.cron.CronSchedule.parse(cron);
          } catch (IllegalArgumentException e) {
            throw error("triggers.crons", e.getMessage());
          }
          crons.add(cron);
        }
      }
      List<ModuleRule> rules = rules(top.get("rules"));
      Map<String, PlatformBinding> platform = new LinkedHashMap<>();
      List<PlatformTrigger> triggersOut = new ArrayList<>();
      d1Databases(top.get("d1_databases"), platform);
      kvNamespaces(top.get("kv_namespaces"), platform);
      r2Buckets(top.get("r2_buckets"), platform);
      queues(top.get("queues"), platform, triggersOut);
      List<WorkflowConfig> workflows = workflows(top.get("workflows"));
      Assets assets = assets(top.get("assets"));
      if (main == null) {
        assetsOnly(assets, top);
      }
      return new WranglerConfig(
          file,
          root,
          name,
          main,
          date,
          flags,
          vars,
          jsonVars,
          secrets,
          objects,
          classes,
          sqlite,
          services,
          crons,
          rules,
          assets,
          notes,
          platform,
          triggersOut,
          workflows);
    }

    /** {@code .dev.vars} beside the configuration, else {@code .env}, else none. */
    private Map<String, String> secrets() {
      for (String name : List.of(".dev.vars", ".env")) {
        Path secretsFile = root.resolve(name);
        if (!Files.isRegularFile(secretsFile)) {
          continue;
        }
        String text;
        try {
          text = Files.readString(secretsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new WranglerConfigException(secretsFile.toString(), 0, 0, "", "cannot read: " + e);
        }
        DevVars.Parsed parsed = DevVars.parse(secretsFile.getFileName().toString(), text);
        notes.addAll(parsed.notes());
        notes.add(
            file
                + ": "
                + parsed.values().size()
                + " secret(s) from "
                + name
                + " (their values are not written to traces)");
        return parsed.values();
      }
      return new LinkedHashMap<>();
    }

    private List<WorkflowConfig> workflows(JsonNode node) {
      List<WorkflowConfig> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      requireArray(node, "workflows");
      for (int i = 0; i < node.size(); i++) {
        String at = "workflows[" + i + "]";
        JsonNode workflow = node.get(i);
        requireObject(workflow, at);
        for (String key : workflow.propertyNames()) {
          if (!List.of("name", "binding", "class_name", "script_name").contains(key)) {
            refuse(at + "." + key, "not a key of a workflow binding W9Y knows");
          }
        }
        out.add(
            new WorkflowConfig(
                string(workflow, "binding", true, at),
                string(workflow, "name", true, at),
                string(workflow, "class_name", true, at),
                workflow.has("script_name") ? string(workflow, "script_name", true, at) : null));
      }
      return out;
    }

    /** An empty array or object (or one holding only such), null or false: no binding. */
    private static boolean declaresNothing(JsonNode value) {
      if (value.isNull() || (value.isBoolean() && !value.asBoolean())) {
        return true;
      }
      if (!value.isContainer()) {
        return false;
      }
      for (JsonNode child : value) {
        if (!child.isContainer() || !declaresNothing(child)) {
          return false;
        }
      }
      return true;
    }

    private static String whyIgnored(String key) {
      return switch (key) {
        case "configPath", "userConfigPath", "topLevelName", "definedEnvironments" ->
            "the Cloudflare Vite plugin's record of where its output came from";
        case "python_modules" -> "it applies to Python Workers only";
        case "route", "routes", "workers_dev", "preview_urls" ->
            "in a simulation a Worker answers to http://<name>/";
        case "alias",
            "define",
            "build",
            "minify",
            "keep_names",
            "tsconfig",
            "no_bundle",
            "find_additional_modules",
            "base_dir",
            "preserve_file_names",
            "jsx_factory",
            "jsx_fragment" ->
            "it shapes wrangler's bundle; W9Y runs main and the module files beside it as they"
                + " are, so run wrangler's bundle when they matter";
        case "env" -> "W9Y reads the top-level environment";
        default -> "deployment settings do not change what runs in a simulation";
      };
    }

    private String main(String main) {
      String normalized = main.startsWith("./") ? main.substring(2) : main;
      for (String extension : TYPESCRIPT) {
        if (normalized.endsWith(extension)) {
          // wrangler deploy --dry-run --outdir dist writes the bundle as dist/<main's name>.js
          String base = Path.of(normalized).getFileName().toString();
          String bundle = "dist/" + base.substring(0, base.length() - extension.length()) + ".js";
          if (!Files.isRegularFile(root.resolve(bundle))) {
            throw error(
                "main",
                normalized
                    + " needs a bundle W9Y can run: build it with `npx wrangler deploy --dry-run"
                    + " --outdir dist` beside this file (W9Y then runs "
                    + bundle
                    + ")");
          }
          notes.add(file + ": main " + normalized + " runs as its bundle " + bundle);
          return bundle;
        }
      }
      if (!Files.isRegularFile(root.resolve(normalized))) {
        throw error("main", "file not found: " + normalized + " (relative to this file)");
      }
      return normalized;
    }

    private List<DurableObjectBinding> durableObjects(JsonNode node) {
      List<DurableObjectBinding> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      requireObject(node, "durable_objects");
      for (String key : node.propertyNames()) {
        if (!key.equals("bindings")) {
          refuse("durable_objects." + key, "not a key of durable_objects W9Y knows");
        }
      }
      JsonNode bindings = node.get("bindings");
      if (bindings == null) {
        return out;
      }
      requireArray(bindings, "durable_objects.bindings");
      for (int i = 0; i < bindings.size(); i++) {
        String at = "durable_objects.bindings[" + i + "]";
        JsonNode binding = bindings.get(i);
        requireObject(binding, at);
        for (String key : binding.propertyNames()) {
          if (key.equals("environment")) {
            notes.add(file + ": " + at + ".environment is ignored (one environment per Worker)");
          } else if (!List.of("name", "class_name", "script_name").contains(key)) {
            refuse(at + "." + key, "not a key of a durable-object binding W9Y knows");
          }
        }
        out.add(
            new DurableObjectBinding(
                string(binding, "name", true, at),
                string(binding, "class_name", true, at),
                binding.has("script_name") ? string(binding, "script_name", true, at) : null));
      }
      return out;
    }

    private void migrations(JsonNode node, List<String> classes, List<String> sqlite) {
      if (node == null) {
        return;
      }
      requireArray(node, "migrations");
      for (int i = 0; i < node.size(); i++) {
        String at = "migrations[" + i + "]";
        JsonNode migration = node.get(i);
        requireObject(migration, at);
        for (String key : migration.propertyNames()) {
          switch (key) {
            case "tag" -> {}
            case "new_classes" -> classes.addAll(strings(migration.get(key), at + "." + key));
            case "new_sqlite_classes" -> {
              List<String> added = strings(migration.get(key), at + "." + key);
              classes.addAll(added);
              sqlite.addAll(added);
            }
            case "deleted_classes" -> {
              List<String> deleted = strings(migration.get(key), at + "." + key);
              classes.removeAll(deleted);
              sqlite.removeAll(deleted);
            }
            case "renamed_classes" -> {
              JsonNode renames = migration.get(key);
              requireArray(renames, at + "." + key);
              for (int j = 0; j < renames.size(); j++) {
                String from = string(renames.get(j), "from", true, at + "." + key + "[" + j + "]");
                String to = string(renames.get(j), "to", true, at + "." + key + "[" + j + "]");
                replace(classes, from, to);
                replace(sqlite, from, to);
              }
            }
            default -> refuse(at + "." + key, "a migration W9Y does not simulate");
          }
        }
      }
    }

    private static void replace(List<String> list, String from, String to) {
      int index = list.indexOf(from);
      if (index >= 0) {
        list.set(index, to);
      }
    }

    private List<ServiceBinding> services(JsonNode node) {
      List<ServiceBinding> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      requireArray(node, "services");
      for (int i = 0; i < node.size(); i++) {
        String at = "services[" + i + "]";
        JsonNode binding = node.get(i);
        requireObject(binding, at);
        for (String key : binding.propertyNames()) {
          if (key.equals("environment")) {
            notes.add(file + ": " + at + ".environment is ignored (one environment per Worker)");
          } else if (!List.of("binding", "service", "entrypoint").contains(key)) {
            refuse(at + "." + key, "not a key of a service binding W9Y knows");
          }
        }
        String entrypoint =
            binding.has("entrypoint") ? string(binding, "entrypoint", true, at) : null;
        out.add(
            new ServiceBinding(
                string(binding, "binding", true, at),
                string(binding, "service", true, at),
                entrypoint));
      }
      return out;
    }

    /** {@code d1_databases[i]}: {@code binding}, {@code database_name}, {@code database_id}. */
    private void d1Databases(JsonNode node, Map<String, PlatformBinding> platform) {
      if (node == null) {
        return;
      }
      requireArray(node, "d1_databases");
      for (int i = 0; i < node.size(); i++) {
        String at = "d1_databases[" + i + "]";
        JsonNode database = node.get(i);
        requireObject(database, at);
        for (String key : database.propertyNames()) {
          if (List.of("preview_database_id", "remote").contains(key)) {
            notes.add(file + ": " + at + "." + key + " is ignored (W9Y runs a local database)");
          } else if (!List.of(
                  "binding", "database_name", "database_id", "migrations_dir", "migrations_table")
              .contains(key)) {
            refuse(at + "." + key, "not a key of a D1 binding W9Y knows");
          }
        }
        String binding = string(database, "binding", true, at);
        String name =
            database.has("database_name") ? string(database, "database_name", true, at) : binding;
        String id = database.has("database_id") ? string(database, "database_id", true, at) : name;
        if (platform.containsKey(binding)) {
          throw error(at + ".binding", "binding " + binding + " is declared twice");
        }
        platform.put(
            binding, new dev.w9y.core.d1.D1DatabaseBinding(name, id, migrations(database, at)));
      }
    }

    /**
     * {@code migrations_dir} (default {@code migrations}, relative to this file) and {@code
     * migrations_table} (default {@code d1_migrations}): the migrations the database starts with,
     * as after {@code wrangler d1 migrations apply --local}; none if the default directory does not
     * exist. A named directory that does not exist is a mistake.
     */
    private dev.w9y.core.d1.D1Migrations migrations(JsonNode database, String at) {
      boolean named = database.has("migrations_dir");
      String directory =
          named
              ? string(database, "migrations_dir", true, at)
              : dev.w9y.core.d1.D1Migrations.DEFAULT_DIRECTORY;
      String table =
          database.has("migrations_table")
              ? string(database, "migrations_table", true, at)
              : dev.w9y.core.d1.D1Migrations.DEFAULT_TABLE;
      Path dir = root.resolve(directory).normalize();
      if (!Files.isDirectory(dir)) {
        if (named) {
          throw error(
              at + ".migrations_dir",
              "directory not found: " + directory + " (relative to this file)");
        }
        return null;
      }
      try {
        return new dev.w9y.core.d1.D1Migrations(dir, table);
      } catch (IllegalArgumentException e) {
        throw error(at + ".migrations_table", e.getMessage());
      }
    }

    private void kvNamespaces(JsonNode node, Map<String, PlatformBinding> out) {
      namedBindings(
          node,
          "kv_namespaces",
          "id",
          List.of("preview_id", "remote", "experimental_remote"),
          "one namespace per id",
          "a KV namespace binding",
          KvNamespaceBinding::of,
          out);
    }

    private void r2Buckets(JsonNode node, Map<String, PlatformBinding> out) {
      namedBindings(
          node,
          "r2_buckets",
          "bucket_name",
          List.of("preview_bucket_name", "jurisdiction", "remote", "experimental_remote"),
          "one simulated bucket per bucket_name, as wrangler dev keeps",
          "an R2 bucket binding",
          dev.w9y.core.r2.R2BucketBinding::new,
          out);
    }

    /**
     * An array of bindings that each name one platform resource ({@code kv_namespaces}, {@code
     * r2_buckets}): {@code binding} and {@code nameKey} (the binding's own name when absent, as
     * {@code wrangler dev} does) are read, the {@code ignored} keys noted with {@code why}, others
     * refused; {@code make} turns the resource's name into the binding.
     */
    private void namedBindings(
        JsonNode node,
        String section,
        String nameKey,
        List<String> ignored,
        String why,
        String what,
        java.util.function.Function<String, PlatformBinding> make,
        Map<String, PlatformBinding> out) {
      if (node == null) {
        return;
      }
      requireArray(node, section);
      for (int i = 0; i < node.size(); i++) {
        String at = section + "[" + i + "]";
        JsonNode entry = node.get(i);
        requireObject(entry, at);
        for (String key : entry.propertyNames()) {
          if (ignored.contains(key)) {
            notes.add(file + ": " + at + "." + key + " is ignored (" + why + ")");
          } else if (!List.of("binding", nameKey).contains(key)) {
            refuse(at + "." + key, "not a key of " + what + " W9Y knows");
          }
        }
        String binding = string(entry, "binding", true, at);
        String name = entry.has(nameKey) ? string(entry, nameKey, true, at) : binding;
        if (out.containsKey(binding)) {
          throw error(at + ".binding", binding + " is bound twice");
        }
        out.put(binding, make.apply(name));
      }
    }

    private void queues(
        JsonNode node, Map<String, PlatformBinding> bindings, List<PlatformTrigger> triggers) {
      if (node == null) {
        return;
      }
      requireObject(node, "queues");
      for (String key : node.propertyNames()) {
        if (!key.equals("producers") && !key.equals("consumers")) {
          refuse("queues." + key, "not a queues key W9Y knows (producers, consumers)");
        }
      }
      JsonNode producers = node.get("producers");
      if (producers != null) {
        requireArray(producers, "queues.producers");
        for (int i = 0; i < producers.size(); i++) {
          String at = "queues.producers[" + i + "]";
          JsonNode producer = producers.get(i);
          requireObject(producer, at);
          for (String key : producer.propertyNames()) {
            if (!List.of("binding", "queue", "delivery_delay").contains(key)) {
              refuse(at + "." + key, "not a key of a queue producer W9Y knows");
            }
          }
          String binding = string(producer, "binding", true, at);
          if (bindings.containsKey(binding)) {
            throw error(at + ".binding", binding + " is bound twice");
          }
          try {
            bindings.put(
                binding,
                new QueueProducerBinding(
                    string(producer, "queue", true, at),
                    producer.has("delivery_delay") ? integer(producer, "delivery_delay", at) : 0));
          } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
          }
        }
      }
      JsonNode consumers = node.get("consumers");
      if (consumers != null) {
        requireArray(consumers, "queues.consumers");
        for (int i = 0; i < consumers.size(); i++) {
          String at = "queues.consumers[" + i + "]";
          JsonNode consumer = consumers.get(i);
          requireObject(consumer, at);
          for (String key : consumer.propertyNames()) {
            if (List.of("max_concurrency", "visibility_timeout_ms", "type").contains(key)) {
              notes.add(
                  file
                      + ": "
                      + at
                      + "."
                      + key
                      + " is ignored (W9Y delivers one batch of a queue at a time)");
            } else if (!List.of(
                    "queue",
                    "max_batch_size",
                    "max_batch_timeout",
                    "max_retries",
                    "dead_letter_queue",
                    "retry_delay")
                .contains(key)) {
              refuse(at + "." + key, "not a key of a queue consumer W9Y knows");
            }
          }
          try {
            QueueConsumer parsed = QueueConsumer.of(string(consumer, "queue", true, at));
            if (consumer.has("max_batch_size")) {
              parsed = parsed.withMaxBatchSize((int) integer(consumer, "max_batch_size", at));
            }
            if (consumer.has("max_batch_timeout")) {
              parsed =
                  parsed.withMaxBatchTimeoutSeconds(integer(consumer, "max_batch_timeout", at));
            }
            if (consumer.has("max_retries")) {
              parsed = parsed.withMaxRetries((int) integer(consumer, "max_retries", at));
            }
            if (consumer.has("dead_letter_queue")) {
              parsed = parsed.withDeadLetterQueue(string(consumer, "dead_letter_queue", true, at));
            }
            if (consumer.has("retry_delay")) {
              parsed = parsed.withRetryDelaySeconds(integer(consumer, "retry_delay", at));
            }
            triggers.add(parsed);
          } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
          }
        }
      }
    }

    private long integer(JsonNode node, String key, String at) {
      JsonNode value = node.get(key);
      if (!value.isIntegralNumber()) {
        throw error(at + "." + key, "must be a whole number, was " + value);
      }
      return value.asLong();
    }

    private Assets assets(JsonNode node) {
      if (node == null) {
        return null;
      }
      requireObject(node, "assets");
      for (String key : node.propertyNames()) {
        if (!List.of(
                "directory", "binding", "not_found_handling", "html_handling", "run_worker_first")
            .contains(key)) {
          refuse(
              "assets." + key,
              "not a key of assets W9Y knows (directory, binding, not_found_handling,"
                  + " html_handling, run_worker_first)");
        }
      }
      String directory = string(node, "directory", true, "assets");
      java.nio.file.Path dir = root.resolve(directory).normalize();
      if (!Files.isDirectory(dir)) {
        throw error(
            "assets.directory", "directory not found: " + directory + " (relative to this file)");
      }
      String binding = string(node, "binding", false, "assets");
      if (binding != null && !binding.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
        throw error("assets.binding", "'" + binding + "' is not a JavaScript identifier");
      }
      String notFound = string(node, "not_found_handling", false, "assets");
      if (notFound != null
          && dev.w9y.core.assets.StaticAssets.NotFoundHandling.byWranglerName(notFound) == null) {
        throw error(
            "assets.not_found_handling",
            "'" + notFound + "' is none of none, 404-page, single-page-application");
      }
      String html = string(node, "html_handling", false, "assets");
      if (html != null
          && dev.w9y.core.assets.StaticAssets.HtmlHandling.byWranglerName(html) == null) {
        throw error(
            "assets.html_handling",
            "'"
                + html
                + "' is none of auto-trailing-slash, force-trailing-slash,"
                + " drop-trailing-slash, none");
      }
      boolean first = false;
      List<String> routes = new ArrayList<>();
      JsonNode runFirst = node.get("run_worker_first");
      if (runFirst != null) {
        if (runFirst.isBoolean()) {
          first = runFirst.asBoolean();
        } else if (runFirst.isArray()) {
          routes = strings(runFirst, "assets.run_worker_first");
          for (String route : routes) {
            String pattern = route.startsWith("!") ? route.substring(1) : route;
            if (!pattern.startsWith("/")) {
              throw error(
                  "assets.run_worker_first",
                  "route '" + route + "' must start with '/' (or '!/' to exclude)");
            }
          }
        } else {
          throw error("assets.run_worker_first", "must be true, false or a list of route patterns");
        }
      }
      return new Assets(directory, binding, notFound, html, first, routes);
    }

    /**
     * An assets-only Worker (assets, no main) is checked as wrangler checks it: an assets binding
     * or run_worker_first need a Worker to hand requests to; other keys have no code to use them.
     */
    private void assetsOnly(Assets assets, JsonNode top) {
      if (assets.binding() != null) {
        throw error(
            "assets.binding",
            "cannot be used in an assets-only Worker (no main), as wrangler says: remove the"
                + " binding, or give the Worker a script (main)");
      }
      if (assets.runWorkerFirst() || !assets.runWorkerFirstRoutes().isEmpty()) {
        throw error(
            "assets.run_worker_first",
            "cannot be set in an assets-only Worker (no main), as wrangler says: remove it, or"
                + " give the Worker a script (main)");
      }
      for (String key : top.propertyNames()) {
        if (List.of("name", "compatibility_date", "compatibility_flags", "assets").contains(key)
            || !SUPPORTED_KEYS.contains(key)) {
          continue;
        }
        notes.add(file + ": " + key + ": an assets-only Worker (no main) runs no code to use it");
      }
    }

    private List<ModuleRule> rules(JsonNode node) {
      List<ModuleRule> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      requireArray(node, "rules");
      for (int i = 0; i < node.size(); i++) {
        String at = "rules[" + i + "]";
        JsonNode rule = node.get(i);
        requireObject(rule, at);
        for (String key : rule.propertyNames()) {
          if (!List.of("type", "globs", "fallthrough").contains(key)) {
            refuse(at + "." + key, "not a key of a module rule");
          }
        }
        String type = string(rule, "type", true, at);
        if (!ModuleRule.TYPES.contains(type)) {
          throw error(
              at + ".type", "'" + type + "' is not a module type W9Y runs " + ModuleRule.TYPES);
        }
        JsonNode fallthrough = rule.get("fallthrough");
        if (fallthrough != null && !fallthrough.isBoolean()) {
          throw error(at + ".fallthrough", "must be true or false");
        }
        out.add(
            new ModuleRule(
                type,
                strings(rule.get("globs"), at + ".globs"),
                fallthrough != null && fallthrough.asBoolean()));
      }
      return out;
    }

    // ------------------------------------------------------------ values

    private String string(JsonNode node, String key, boolean required) {
      return string(node, key, required, "");
    }

    private String string(JsonNode node, String key, boolean required, String parent) {
      String path = parent.isEmpty() ? key : parent + "." + key;
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (required) {
          throw error(parent.isEmpty() ? key : parent, "needs " + key);
        }
        return null;
      }
      if (!value.isString()) {
        throw error(path, "must be a string");
      }
      return value.asString();
    }

    private List<String> strings(JsonNode node, String path) {
      List<String> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      requireArray(node, path);
      for (JsonNode item : node) {
        if (!item.isString()) {
          throw error(path, "must be a list of strings");
        }
        out.add(item.asString());
      }
      return out;
    }

    private void requireObject(JsonNode node, String path) {
      if (!node.isObject()) {
        throw error(path, "must be a table (an object)");
      }
    }

    private void requireArray(JsonNode node, String path) {
      if (!node.isArray()) {
        throw error(path, "must be a list");
      }
    }

    private void refuse(String key, String problem) {
      if (ignoreUnsupported) {
        notes.add(file + ": " + key + " is ignored: " + problem);
      } else {
        throw error(key, problem);
      }
    }

    WranglerConfigException error(String key, String problem) {
      int[] at = WranglerProject.locate(text, key);
      return new WranglerConfigException(file, at[0], at[1], key, problem);
    }
  }
}
