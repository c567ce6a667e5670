package dev.w9y.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One differential probe: a Worker (an ES module in Workers syntax, with its durable-object
 * classes) and the steps sent to it in order, each after the previous one was answered.
 */
record Probe(
    String name,
    String script,
    Map<String, String> durableObjects,
    List<Service> services,
    List<Step> steps,
    List<String> compatibilityFlags,
    List<String> sqliteClasses,
    List<Module> modules,
    Map<String, String> d1Databases,
    Assets assets,
    Map<String, Object> vars,
    Platform platform) {

  /**
   * KV namespaces, queue producers and consumers, workflows and R2 buckets of the probed Worker
   * (Miniflare's {@code kvNamespaces}, {@code queueProducers}, {@code queueConsumers}, {@code
   * workflows}, {@code r2Buckets}): each map from binding (or, for consumers, queue name) to what
   * it names.
   */
  record Platform(
      Map<String, String> kvNamespaces,
      Map<String, String> queueProducers,
      Map<String, Consumer> queueConsumers,
      Map<String, Workflow> workflows,
      Map<String, String> r2Buckets) {
    static final Platform NONE =
        new Platform(
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    Platform with(java.util.function.Consumer<Platform> change) {
      Platform copy =
          new Platform(
              new TreeMap<>(kvNamespaces),
              new TreeMap<>(queueProducers),
              new TreeMap<>(queueConsumers),
              new TreeMap<>(workflows),
              new TreeMap<>(r2Buckets));
      change.accept(copy);
      return copy;
    }
  }

  /**
   * A consumer of a queue with every setting given (Miniflare's local defaults differ from
   * production's, so probes name each one): {@code deadLetterQueue} null for none.
   */
  record Consumer(
      int maxBatchSize,
      int maxBatchTimeoutSeconds,
      int maxRetries,
      String deadLetterQueue,
      int retryDelaySeconds) {}

  /** A workflow: its name and the WorkflowEntrypoint class the probed Worker exports. */
  record Workflow(String name, String className) {}

  /** The probe with the KV namespace {@code namespace} bound as {@code env.<binding>}. */
  Probe withKv(String binding, String namespace) {
    return changed(
        parts ->
            parts.platform = parts.platform.with(p -> p.kvNamespaces().put(binding, namespace)));
  }

  /** The probe with the R2 bucket {@code bucket} bound as {@code env.<binding>}. */
  Probe withR2(String binding, String bucket) {
    return changed(
        parts -> parts.platform = parts.platform.with(p -> p.r2Buckets().put(binding, bucket)));
  }

  /** The probe with a producer of queue {@code queue} bound as {@code env.<binding>}. */
  Probe withQueueProducer(String binding, String queue) {
    return changed(
        parts -> parts.platform = parts.platform.with(p -> p.queueProducers().put(binding, queue)));
  }

  /** The probe's Worker consuming {@code queue} (its {@code queue(batch, env, ctx)} handler). */
  Probe withQueueConsumer(String queue, Consumer consumer) {
    return changed(
        parts ->
            parts.platform = parts.platform.with(p -> p.queueConsumers().put(queue, consumer)));
  }

  /**
   * The probe with workflow {@code name} (class {@code className}) bound as {@code env.<binding>}.
   */
  Probe withWorkflow(String binding, String name, String className) {
    Workflow workflow = new Workflow(name, className);
    return changed(
        parts -> parts.platform = parts.platform.with(p -> p.workflows().put(binding, workflow)));
  }

  /**
   * Static assets served in front of the Worker (wrangler's {@code assets}): {@code directory} on
   * the test class path under {@code probes/}; {@code binding} null for none; handling options in
   * wrangler's spelling, null for the default; {@code runWorkerFirst} a Boolean, a list of route
   * patterns or null; {@code assetsOnly} for an assets-only Worker.
   */
  record Assets(
      String directory,
      String binding,
      String notFoundHandling,
      String htmlHandling,
      Object runWorkerFirst,
      boolean assetsOnly) {
    Assets(
        String directory,
        String binding,
        String notFoundHandling,
        String htmlHandling,
        Object runWorkerFirst) {
      this(directory, binding, notFoundHandling, htmlHandling, runWorkerFirst, false);
    }

    /** An assets-only Worker's (wrangler's assets without main): the script never runs. */
    static Assets only(String directory, String notFoundHandling, String htmlHandling) {
      return new Assets(directory, null, notFoundHandling, htmlHandling, null, true);
    }

    /** The directory on this machine. */
    java.nio.file.Path path() {
      try {
        return java.nio.file.Path.of(Probe.class.getResource("/probes/" + directory).toURI());
      } catch (java.net.URISyntaxException | NullPointerException e) {
        throw new IllegalArgumentException("no probe assets directory probes/" + directory, e);
      }
    }
  }

  /** The probe with static assets in front of its Worker. */
  Probe withAssets(Assets value) {
    return changed(parts -> parts.assets = value);
  }

  /**
   * The probe run with these compatibility flags (wrangler's compatibility_flags) too, in both
   * runtimes: in W9Y they turn on what W9Y models (nodejs_compat), in workerd they choose which of
   * its behaviours W9Y is compared with.
   */
  Probe withCompatibilityFlags(String... more) {
    return changed(parts -> parts.compatibilityFlags.addAll(List.of(more)));
  }

  /**
   * Another Worker, bound to the probed one as {@code env.<binding>}; {@code entrypoint} names the
   * export the binding reaches (wrangler's {@code services[].entrypoint}), null for the default.
   * Several bindings may name one Worker (the same script).
   */
  record Service(String binding, String name, String script, String entrypoint) {}

  /** The probe with one more Worker, from {@code probes/<file>}, bound as {@code env.<binding>}. */
  Probe withService(String binding, String serviceName, String file) {
    return withService(binding, serviceName, file, null);
  }

  /** The same, through a binding to the Worker's named entrypoint {@code entrypoint}. */
  Probe withService(String binding, String serviceName, String file, String entrypoint) {
    Service service = new Service(binding, serviceName, resource(file), entrypoint);
    return changed(parts -> parts.services.add(service));
  }

  /**
   * One more module of the Worker beside its entry ({@code index.js}), importable by its path: in
   * W9Y a file of the service (whose loader picks the type from the name, as wrangler's rules do),
   * in workerd a module of the given type (Miniflare's {@code modules: [{type, path, contents}]}:
   * {@code ESModule}, {@code CommonJS}, {@code Text}, {@code Data}, {@code CompiledWasm}).
   */
  record Module(String path, String type, byte[] contents) {}

  /** The probe with one more module file from {@code probes/<resource>}, at {@code path}. */
  Probe withModule(String path, String type, String resourceFile) {
    return withModule(path, type, resourceBytes(resourceFile));
  }

  Probe withModule(String path, String type, byte[] contents) {
    Module module = new Module(path, type, contents.clone());
    return changed(parts -> parts.modules.add(module));
  }

  /**
   * The probe with {@code env.<name>} = {@code value}: a String is a text variable, anything else
   * (a number, boolean, List or Map) a JSON one — wrangler's {@code vars}, Miniflare's {@code
   * bindings}.
   */
  Probe withVar(String name, Object value) {
    return changed(parts -> parts.vars.put(name, value));
  }

  /** The probe with a D1 database bound as {@code env.<binding>} (Miniflare's d1Databases). */
  Probe withD1(String binding, String databaseId) {
    return changed(parts -> parts.d1Databases.put(binding, databaseId));
  }

  /**
   * A request to the Worker, or a pause (real time in workerd, virtual time in W9Y), or a poll: a
   * GET sent again every {@code sleepMs} while it is answered 202 (the probe's "not yet"), at most
   * {@code tries} times; its answer is the last one.
   */
  record Step(
      String method,
      String url,
      Map<String, String> headers,
      String body,
      long sleepMs,
      int tries) {
    static Step get(String url) {
      return new Step("GET", url, new TreeMap<>(), null, 0, 1);
    }

    static Step sleep(long millis) {
      return new Step(null, null, new TreeMap<>(), null, millis, 0);
    }

    /**
     * {@code url} asked every {@code intervalMs} until it answers other than 202, at most {@code
     * tries} times: for what happens on wall time in workerd (queue batches, workflow steps).
     */
    static Step poll(String url, long intervalMs, int tries) {
      return new Step("GET", url, new TreeMap<>(), null, intervalMs, tries);
    }

    boolean isSleep() {
      return method == null;
    }

    Step withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(name, value);
      return new Step(method, url, more, body, sleepMs, tries);
    }

    Step withMethod(String value, String text) {
      return new Step(value, url, headers, text, sleepMs, tries);
    }
  }

  /** A probe of the Worker in {@code probes/<file>} on the test class path. */
  static Probe ofResource(String file, String... bindingsAndClasses) {
    Map<String, String> objects = new TreeMap<>();
    for (int i = 0; i < bindingsAndClasses.length; i += 2) {
      objects.put(bindingsAndClasses[i], bindingsAndClasses[i + 1]);
    }
    return new Probe(
        file,
        resource(file),
        objects,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new TreeMap<>(),
        null,
        new java.util.LinkedHashMap<>(),
        Platform.NONE);
  }

  /**
   * The probe with its durable-object classes SQLite-backed (wrangler's {@code new_sqlite_classes};
   * Miniflare's {@code useSQLite}).
   */
  Probe sqlite() {
    return changed(
        parts -> {
          parts.sqliteClasses.clear();
          parts.sqliteClasses.addAll(durableObjects.values());
        });
  }

  Probe with(List<Step> more) {
    return changed(parts -> parts.steps.addAll(more));
  }

  /** This probe with {@code change} made to a copy of its parts. */
  private Probe changed(java.util.function.Consumer<Parts> change) {
    Parts parts = new Parts(this);
    change.accept(parts);
    return new Probe(
        name,
        script,
        durableObjects,
        List.copyOf(parts.services),
        List.copyOf(parts.steps),
        List.copyOf(parts.compatibilityFlags),
        List.copyOf(parts.sqliteClasses),
        List.copyOf(parts.modules),
        java.util.Collections.unmodifiableMap(parts.d1Databases),
        parts.assets,
        java.util.Collections.unmodifiableMap(parts.vars),
        parts.platform);
  }

  /** The growable parts of a probe, copied, so each {@code with...} names only what it adds. */
  private static final class Parts {
    final List<Service> services;
    final List<Step> steps;
    final List<String> compatibilityFlags;
    final List<String> sqliteClasses;
    final List<Module> modules;
    final Map<String, String> d1Databases;
    Assets assets;
    final Map<String, Object> vars;
    Platform platform;

    Parts(Probe probe) {
      services = new ArrayList<>(probe.services);
      steps = new ArrayList<>(probe.steps);
      compatibilityFlags = new ArrayList<>(probe.compatibilityFlags);
      sqliteClasses = new ArrayList<>(probe.sqliteClasses);
      modules = new ArrayList<>(probe.modules);
      d1Databases = new TreeMap<>(probe.d1Databases);
      assets = probe.assets;
      vars = new java.util.LinkedHashMap<>(probe.vars);
      platform = probe.platform;
    }
  }

  /** GETs of {@code http://api/<op>?name=<object>} for each op, in order. */
  Probe gets(String object, String... ops) {
    List<Step> more = new ArrayList<>();
    for (String op : ops) {
      more.add(Step.get("http://api/" + op + "?name=" + object));
    }
    return with(more);
  }

  static String resource(String file) {
    return new String(resourceBytes(file), StandardCharsets.UTF_8);
  }

  static byte[] resourceBytes(String file) {
    try (InputStream in = Probe.class.getResourceAsStream("/probes/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no probe file probes/" + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
