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
    Assets assets) {

  /**
   * Static assets served in front of the Worker (wrangler's {@code assets}): {@code directory} on
   * the test class path under {@code probes/}; {@code binding} null for none; handling options in
   * wrangler's spelling, null for the default; {@code runWorkerFirst} a Boolean, a list of route
   * patterns or null.
   */
  record Assets(
      String directory,
      String binding,
      String notFoundHandling,
      String htmlHandling,
      Object runWorkerFirst) {
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
    return new Probe(
        name, script, durableObjects, services, steps, compatibilityFlags, sqliteClasses, value);
  }

  /**
   * The probe run with these compatibility flags (wrangler's compatibility_flags) too, in both
   * runtimes: in W9Y they turn on what W9Y models (nodejs_compat), in workerd they choose which of
   * its behaviours W9Y is compared with.
   */
  Probe withCompatibilityFlags(String... more) {
    List<String> all = new ArrayList<>(compatibilityFlags);
    all.addAll(List.of(more));
    return new Probe(
        name, script, durableObjects, services, steps, List.copyOf(all), sqliteClasses, assets);
  }

  /** Another Worker, bound to the probed one as {@code env.<binding>}. */
  record Service(String binding, String name, String script) {}

  /** The probe with one more Worker, from {@code probes/<file>}, bound as {@code env.<binding>}. */
  Probe withService(String binding, String serviceName, String file) {
    List<Service> all = new ArrayList<>(services);
    all.add(new Service(binding, serviceName, resource(file)));
    return new Probe(
        name,
        script,
        durableObjects,
        List.copyOf(all),
        steps,
        compatibilityFlags,
        sqliteClasses,
        assets);
  }

  /** A request to the Worker, or a pause (real time in workerd, virtual time in W9Y). */
  record Step(String method, String url, Map<String, String> headers, String body, long sleepMs) {
    static Step get(String url) {
      return new Step("GET", url, new TreeMap<>(), null, 0);
    }

    static Step sleep(long millis) {
      return new Step(null, null, new TreeMap<>(), null, millis);
    }

    boolean isSleep() {
      return method == null;
    }

    Step withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(name, value);
      return new Step(method, url, more, body, sleepMs);
    }

    Step withMethod(String value, String text) {
      return new Step(value, url, headers, text, sleepMs);
    }
  }

  /** A probe of the Worker in {@code probes/<file>} on the test class path. */
  static Probe ofResource(String file, String... bindingsAndClasses) {
    Map<String, String> objects = new TreeMap<>();
    for (int i = 0; i < bindingsAndClasses.length; i += 2) {
      objects.put(bindingsAndClasses[i], bindingsAndClasses[i + 1]);
    }
    return new Probe(
        file, resource(file), objects, List.of(), List.of(), List.of(), List.of(), null);
  }

  /**
   * The probe with its durable-object classes SQLite-backed (wrangler's {@code new_sqlite_classes};
   * Miniflare's {@code useSQLite}).
   */
  Probe sqlite() {
    return new Probe(
        name,
        script,
        durableObjects,
        services,
        steps,
        compatibilityFlags,
        List.copyOf(durableObjects.values()),
        assets);
  }

  Probe with(List<Step> more) {
    List<Step> all = new ArrayList<>(steps);
    all.addAll(more);
    return new Probe(
        name,
        script,
        durableObjects,
        services,
        List.copyOf(all),
        compatibilityFlags,
        sqliteClasses,
        assets);
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
    try (InputStream in = Probe.class.getResourceAsStream("/probes/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no probe Worker probes/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
