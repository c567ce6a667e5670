package dev.w9y.core.topology;

import dev.w9y.core.ServiceSpec;
import dev.w9y.core.Topology;
import dev.w9y.core.assets.StaticAssets;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractFormat;
import dev.w9y.core.guest.GuestCode;
import dev.w9y.core.guest.GuestKind;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.Ratio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a topology file (YAML), the declarative twin of {@link Topology.Builder}:
 *
 * <pre>
 * epoch: 2026-01-01T00:00:00Z          # the simulated wall clock at virtual time 0
 * network:
 *   latency: {uniform: [1ms, 10ms]}    # or 5ms, {exponential: {mean: 100ms, max: 2s}},
 *   connectTimeout: 10s                # {longTail: {body: ..., chance: 1/100, tail: ...}}
 * storage: {readLatency: 1ms, writeLatency: {uniform: [1ms, 5ms]}}
 * services:
 *   gateway:
 *     kind: js                         # js, wasm or java
 *     entry: gateway.mjs               # a file beside this one; for java, a class name
 *     public: true
 *     hostnames: [api.example.com]
 *     instances: 1
 *     bindings: {ACCOUNTS: accounts}
 *     entrypoints: {ACCOUNTS: Ledger}  # a binding to a named WorkerEntrypoint export
 *     durableObjects: {COUNTER: Counter}
 *     durableObjectsOf: {ROOMS: chat/ROOMS}   # another service's namespace
 *     sqliteClasses: [Counter]         # js: SQLite-backed classes (wrangler's new_sqlite_classes)
 *     d1Databases: {DB: orders}        # a D1 database (by id) every service naming it shares;
 *                                      # {DB: {database: orders, migrations: migrations}} applies
 *                                      # the directory's .sql files first (migrationsTable: ...)
 *     vars: {MODE: test}
 *     kv: {FLAGS: flags}               # a KV namespace by id; {namespace: flags, strict: true}
 *     r2: {UPLOADS: uploads}           # an R2 bucket by name every service naming it shares
 *     queues:                          # Cloudflare Queues: producer bindings and consumers
 *       producers: {JOBS: jobs}        # or {JOBS: {queue: jobs, deliveryDelay: 5}}
 *       consumers: [{queue: jobs, maxBatchSize: 10, maxBatchTimeout: 5, maxRetries: 3,
 *                    deadLetterQueue: jobs-dlq, retryDelay: 0}]   # seconds; defaults shown
 *     crons: ["*&#47;5 * * * *"]
 *     workflows: {CHARGE: {name: charge, className: ChargeCard, scriptName: billing}}  # js
 *     allowEval: false                 # js: eval/new Function refused, as workerd does
 *     compatibilityFlags: [nodejs_compat]   # js: workerd's flags (node:* modules)
 * wrangler: [api/wrangler.toml, rooms/wrangler.jsonc]   # Workers from wrangler configs
 * faults: ...                          # kept for the fault plan; see {@link TopologyDocument}
 * workload:                            # what the clients outside do; see below
 *   requests:                          # sent during the safety phase
 *     - {method: POST, url: "http://driver/run", at: 0s, body: "{}"}
 *     - {url: "http://api/buy?buyer={i}", count: 12, within: 200ms, expect: [200, 409]}
 *   afterHealed:                       # once every fault is healed, settle later: the verdict
 *     settle: 1s
 *     requests: [{url: "http://driver/check", expect: 200}]
 *   fromContract: {service: inventory, requests: 50}   # or a list of them; see below
 * </pre>
 *
 * <p>A {@code workload} makes the file a runnable simulation ({@link TopologyWorkload}). A request
 * has a {@code url} (required), a {@code method} (default GET), a text {@code body}, a time {@code
 * at} (default 0s, from the start of its phase), a {@code count} of copies ({@code {i}} in the URL
 * becomes 0..count-1; the shrinker scales the count down, {@link
 * dev.w9y.core.WorkloadDriver#scaled}), a window {@code within} in which each copy goes at a moment
 * drawn from the workload's seeded random stream, and {@code expect}: a status or a list of them;
 * an answer with another status fails the seed ({@link
 * dev.w9y.core.WorkloadDriver#fetchExpecting}). {@code afterHealed} requests are sent {@code
 * settle} (default 1s) after the faults are healed, which also makes the run wait for them in its
 * liveness phase. {@code fromContract} generates requests to a public service from its contract
 * ({@link dev.w9y.core.Workloads#fromContract}): {@code service}, {@code requests} (default 50),
 * {@code nearMisses} (the share of deliberately invalid ones, default {@code 1/4}) and {@code
 * within} (default 1s).
 *
 * <p>Workers listed under {@code wrangler} (paths relative to this file) become services as {@link
 * Topology#fromWrangler} makes them, before the ones under {@code services}, which may bind to
 * them; with {@code wrangler}, {@code services} is optional. A mistake inside a wrangler file is a
 * {@link dev.w9y.core.wrangler.WranglerConfigException} naming that file.
 *
 * <p>Every mistake — an unknown key, a missing file, a duplicate name, a binding to a service that
 * does not exist, a value of the wrong shape — is a {@link TopologyFileException} naming the file,
 * line, column and key.
 */
public final class TopologyFile {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

  private final String source;
  private final Path baseDirectory;
  private final Map<String, GuestKind> kinds;
  private List<String> wranglerWorkers = List.of();

  private TopologyFile(String source, Path baseDirectory, Map<String, GuestKind> kinds) {
    this.source = source;
    this.baseDirectory = baseDirectory;
    this.kinds = kinds;
  }

  /**
   * A topology file's contents: the topology and the raw {@code faults} section, if any, with where
   * each of its keys and list items stands in the file, so that the module interpreting the section
   * can report a mistake by file and line like every other part of the file ({@link #error}).
   *
   * @param source the file name errors give
   * @param faultPositions each key of the faults section ({@code faults.network.drop}, {@code
   *     faults.suppress[1]}) and where it starts
   */
  public record TopologyDocument(
      Topology topology,
      Object faults,
      String source,
      Map<String, Position> faultPositions,
      Optional<TopologyWorkload> workload) {
    public TopologyDocument {
      faultPositions = Collections.unmodifiableMap(new TreeMap<>(faultPositions));
    }

    /** A document without a workload section. */
    public TopologyDocument(
        Topology topology, Object faults, String source, Map<String, Position> faultPositions) {
      this(topology, faults, source, faultPositions, Optional.empty());
    }

    /** A document built in code: errors in its faults section have no position. */
    public TopologyDocument(Topology topology, Object faults) {
      this(topology, faults, "<faults>", Collections.emptyMap());
    }

    /**
     * The error for a mistake at {@code key} of the faults section (a dotted path, e.g. {@code
     * faults.network.dorp}), naming the file, line and column of that key — or of the closest
     * enclosing key the document knows.
     */
    public TopologyFileException error(String key, String problem) {
      String at = key;
      while (!at.isEmpty() && !faultPositions.containsKey(at)) {
        int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
        at = cut < 0 ? "" : at.substring(0, cut);
      }
      Position position = faultPositions.getOrDefault(at, new Position(0, 0));
      return new TopologyFileException(source, position.line(), position.column(), key, problem);
    }
  }

  /** Where a key or value starts in a file: 1-based line and column. */
  public record Position(int line, int column) {}

  /** Reads and validates the topology file. */
  public static Topology load(Path file) {
    return read(file).topology();
  }

  public static TopologyDocument read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TopologyFileException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base);
  }

  /** Parses topology YAML whose relative paths are resolved against {@code baseDirectory}. */
  public static TopologyDocument parse(String yaml, String source, Path baseDirectory) {
    return new TopologyFile(source, baseDirectory, discoverKinds()).document(yaml);
  }

  private static Map<String, GuestKind> discoverKinds() {
    Map<String, GuestKind> kinds = new LinkedHashMap<>();
    for (GuestKind kind :
        ServiceLoader.load(GuestKind.class, TopologyFile.class.getClassLoader())) {
      kinds.putIfAbsent(kind.name(), kind);
    }
    return kinds;
  }

  // ---------------------------------------------------------------- the YAML tree, with lines

  /** A parsed YAML value and where it started. */
  private sealed interface Node permits MapNode, ListNode, Scalar {
    int line();

    int column();
  }

  private record Scalar(String text, int line, int column) implements Node {}

  private record ListNode(List<Node> items, int line, int column) implements Node {}

  private record Entry(String key, int line, int column, Node value) {}

  private record MapNode(Map<String, Entry> entries, int line, int column) implements Node {}

  private Node readTree(String yaml) {
    try (JsonParser parser = YAML.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw error(1, 1, "", "the file is empty");
      }
      return readNode(parser, "");
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw error(
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "",
          "not valid YAML: " + e.getOriginalMessage());
    }
  }

  private Node readNode(JsonParser parser, String path) {
    TokenStreamLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        TokenStreamLocation keyAt = parser.currentTokenLocation();
        String key = parser.currentName();
        String keyPath = path.isEmpty() ? key : path + "." + key;
        parser.nextToken();
        Node value = readNode(parser, keyPath);
        Entry previous = entries.get(key);
        if (previous != null) {
          throw error(
              keyAt.getLineNr(),
              keyAt.getColumnNr(),
              keyPath,
              "duplicate key (first defined at line " + previous.line() + ")");
        }
        entries.put(key, new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
      }
      return new MapNode(entries, line, column);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(readNode(parser, path + "[" + index++ + "]"));
      }
      return new ListNode(items, line, column);
    }
    return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getString(), line, column);
  }

  // ---------------------------------------------------------------- schema

  private TopologyDocument document(String yaml) {
    Node root = readTree(yaml);
    Fields top =
        fields(
            root,
            "",
            List.of(
                "epoch",
                "network",
                "storage",
                "wrangler",
                "services",
                "externals",
                "contracts",
                "faults",
                "workload"));
    Topology.Builder builder = Topology.builder();
    top.optional("epoch").ifPresent(node -> builder.epochMillis(instant(node, "epoch")));
    top.optional("network")
        .ifPresent(
            node -> {
              Fields network = fields(node, "network", List.of("latency", "connectTimeout"));
              network
                  .optional("latency")
                  .ifPresent(l -> builder.latency(distribution(l, "network.latency")));
              network
                  .optional("connectTimeout")
                  .ifPresent(
                      t ->
                          builder.connectTimeout(
                              java.time.Duration.ofNanos(duration(t, "network.connectTimeout"))));
            });
    top.optional("storage")
        .ifPresent(
            node -> {
              Fields storage = fields(node, "storage", List.of("readLatency", "writeLatency"));
              Distribution read =
                  storage
                      .optional("readLatency")
                      .map(n -> distribution(n, "storage.readLatency"))
                      .orElse(Topology.DEFAULT_STORAGE_READ_LATENCY);
              Distribution write =
                  storage
                      .optional("writeLatency")
                      .map(n -> distribution(n, "storage.writeLatency"))
                      .orElse(Topology.DEFAULT_STORAGE_WRITE_LATENCY);
              builder.storageLatency(read, write);
            });
    List<String> workers = new ArrayList<>();
    // Every service, wrangler's first, in order: top-level contracts apply to them by name.
    Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    Node wranglerNode = top.optional("wrangler").orElse(null);
    if (wranglerNode != null) {
      List<Path> configs = new ArrayList<>();
      List<Node> items = list(wranglerNode, "wrangler");
      for (int i = 0; i < items.size(); i++) {
        String file = text(items.get(i), "wrangler[" + i + "]");
        Path config = baseDirectory.resolve(file).normalize();
        if (!Files.isRegularFile(config)) {
          throw error(items.get(i), "wrangler[" + i + "]", "file not found: " + file);
        }
        configs.add(config);
      }
      if (configs.isEmpty()) {
        throw error(wranglerNode, "wrangler", "lists no wrangler configuration");
      }
      for (ServiceSpec spec :
          dev.w9y.core.wrangler.WranglerProject.read(configs, false).topology().services()) {
        specs.put(spec.name(), spec);
        workers.add(spec.name());
      }
    }
    wranglerWorkers = workers;
    Node servicesNode =
        wranglerNode != null && top.optional("services").isEmpty()
            ? wranglerNode
            : top.required("services");
    if (servicesNode != wranglerNode) {
      MapNode services = map(servicesNode, "services");
      if (services.entries().isEmpty()) {
        throw error(servicesNode, "services", "a topology needs at least one service");
      }
      for (Entry entry : services.entries().values()) {
        if (!entry.key().matches("[a-z][a-z0-9-]{0,62}")) {
          throw error(
              entry.line(),
              entry.column(),
              "services." + entry.key(),
              "service names are lower-case letters, digits and '-', starting with a letter");
        }
      }
      for (Entry entry : services.entries().values()) {
        specs.put(entry.key(), service(entry, services));
      }
    }
    // externals: {stripe: {host: api.stripe.com, contract: {openapi: stripe.yaml}}}: hosts outside
    // the system that services call by URL, checked against their contracts.
    Optional<Node> externalsNode = top.optional("externals");
    if (externalsNode.isPresent()) {
      for (Entry entry : map(externalsNode.get(), "externals").entries().values()) {
        if (!entry.key().matches("[a-z][a-z0-9-]{0,62}") || specs.containsKey(entry.key())) {
          throw error(
              entry.line(),
              entry.column(),
              "externals." + entry.key(),
              specs.containsKey(entry.key())
                  ? "a service is already named '" + entry.key() + "'"
                  : "external host names are lower-case letters, digits and '-', starting with a"
                      + " letter (the host goes under host:)");
        }
        specs.put(entry.key(), external(entry));
      }
    }
    // contracts: {orders: {openapi: orders.yaml}}: the form for services a wrangler file defines.
    Optional<Node> contractsNode = top.optional("contracts");
    if (contractsNode.isPresent()) {
      for (Entry entry : map(contractsNode.get(), "contracts").entries().values()) {
        ServiceSpec spec = specs.get(entry.key());
        if (spec == null) {
          throw error(
              entry.line(),
              entry.column(),
              "contracts." + entry.key(),
              "a contract for service '"
                  + entry.key()
                  + "', which the topology does not define (services: "
                  + specs.keySet()
                  + ")");
        }
        if (spec.contract() != null) {
          throw error(
              entry.line(),
              entry.column(),
              "contracts." + entry.key(),
              "service '" + entry.key() + "' already has a contract under services");
        }
        specs.put(
            entry.key(), spec.withContract(contract(entry.value(), "contracts." + entry.key())));
      }
    }
    for (ServiceSpec spec : specs.values()) {
      builder.service(spec);
    }
    Object faults = top.optional("faults").map(TopologyFile::plain).orElse(null);
    Map<String, Position> faultPositions = new TreeMap<>();
    top.optional("faults").ifPresent(node -> positions(node, "faults", faultPositions));
    if (root instanceof MapNode map && map.entries().containsKey("faults")) {
      Entry entry = map.entries().get("faults");
      faultPositions.put("faults", new Position(entry.line(), entry.column()));
    }
    try {
      Topology topology = builder.build();
      return new TopologyDocument(
          topology,
          faults,
          source,
          faultPositions,
          top.optional("workload").map(node -> workload(node, topology)));
    } catch (IllegalArgumentException e) {
      throw error(servicesNode, "services", e.getMessage());
    }
  }

  // ---------------------------------------------------------------- workload

  private TopologyWorkload workload(Node node, Topology topology) {
    Fields fields = fields(node, "workload", List.of("requests", "afterHealed", "fromContract"));
    List<TopologyWorkload.RequestSpec> requests =
        requests(fields.optional("requests").orElse(null), "workload.requests", topology);
    Optional<TopologyWorkload.AfterHealed> healed =
        fields
            .optional("afterHealed")
            .map(
                n -> {
                  Fields after = fields(n, "workload.afterHealed", List.of("settle", "requests"));
                  long settle =
                      after
                          .optional("settle")
                          .map(s -> duration(s, "workload.afterHealed.settle"))
                          .orElse(1_000_000_000L);
                  return new TopologyWorkload.AfterHealed(
                      settle,
                      requests(
                          after.required("requests"), "workload.afterHealed.requests", topology));
                });
    List<dev.w9y.core.ContractWorkload> generated = new ArrayList<>();
    Optional<Node> fromContract = fields.optional("fromContract");
    if (fromContract.isPresent()) {
      List<Node> items =
          fromContract.get() instanceof ListNode list ? list.items() : List.of(fromContract.get());
      for (int i = 0; i < items.size(); i++) {
        String path = "workload.fromContract" + (items.size() > 1 ? "[" + i + "]" : "");
        generated.add(fromContract(items.get(i), path, topology));
      }
    }
    if (requests.isEmpty() && healed.isEmpty() && generated.isEmpty()) {
      throw error(
          node, "workload", "has no requests (give requests, afterHealed, fromContract or more)");
    }
    return new TopologyWorkload(requests, healed, generated);
  }

  /** {@code {service: inventory, requests: 50, nearMisses: 1/4, within: 1s}}. */
  private dev.w9y.core.ContractWorkload fromContract(Node node, String path, Topology topology) {
    Fields fields = fields(node, path, List.of("service", "requests", "nearMisses", "within"));
    Node serviceNode = fields.required("service");
    String service = text(serviceNode, path + ".service");
    ServiceSpec spec =
        topology.services().stream().filter(s -> s.name().equals(service)).findFirst().orElse(null);
    if (spec == null || !spec.isPublic() || spec.contract() == null) {
      throw error(
          serviceNode,
          path + ".service",
          spec == null
              ? "no service named '" + service + "'"
              : !spec.isPublic()
                  ? "service '" + service + "' is not public; the workload cannot reach it"
                  : "service '" + service + "' has no contract (give it contract:)");
    }
    int count = 50;
    Optional<Node> countNode = fields.optional("requests");
    if (countNode.isPresent()) {
      count = integer(countNode.get(), path + ".requests");
      if (count < 1) {
        throw error(countNode.get(), path + ".requests", "must be at least 1, was " + count);
      }
    }
    dev.w9y.core.ContractWorkload workload = dev.w9y.core.Workloads.fromContract(service, count);
    Optional<Node> share = fields.optional("nearMisses");
    if (share.isPresent()) {
      workload = workload.nearMisses(ratio(share.get(), path + ".nearMisses"));
    }
    Optional<Node> within = fields.optional("within");
    if (within.isPresent()) {
      long nanos = duration(within.get(), path + ".within");
      if (nanos < 1) {
        throw error(within.get(), path + ".within", "must be positive");
      }
      workload = workload.within(java.time.Duration.ofNanos(nanos));
    }
    return workload;
  }

  private List<TopologyWorkload.RequestSpec> requests(Node node, String path, Topology topology) {
    List<TopologyWorkload.RequestSpec> specs = new ArrayList<>();
    List<Node> items = list(node, path);
    for (int i = 0; i < items.size(); i++) {
      specs.add(request(items.get(i), path + "[" + i + "]", topology));
    }
    return specs;
  }

  private TopologyWorkload.RequestSpec request(Node node, String path, Topology topology) {
    Fields fields =
        fields(node, path, List.of("method", "url", "body", "at", "count", "within", "expect"));
    Node urlNode = fields.required("url");
    String url = text(urlNode, path + ".url");
    String method = fields.optional("method").map(n -> text(n, path + ".method")).orElse("GET");
    String body = fields.optional("body").map(n -> text(n, path + ".body")).orElse(null);
    try {
      // The copy numbered 0 stands for all: only {i} differs between them.
      new TopologyWorkload.RequestSpec(method, url, body, 0, 0, 0, List.of()).request(0);
    } catch (IllegalArgumentException e) {
      throw error(urlNode, path + ".url", e.getMessage());
    }
    String host = dev.w9y.core.http.Url.parse(url.replace("{i}", "0")).host();
    if (topology.services().stream()
        .noneMatch(s -> s.name().equals(host) || s.hostnames().contains(host))) {
      throw error(
          urlNode,
          path + ".url",
          "no service of this topology answers host '" + host + "' (a service's name or hostname)");
    }
    long at = fields.optional("at").map(n -> duration(n, path + ".at")).orElse(0L);
    int count = 0;
    if (fields.optional("count").isPresent()) {
      Node countNode = fields.optional("count").get();
      count = integer(countNode, path + ".count");
      if (count < 1) {
        throw error(countNode, path + ".count", "must be at least 1, was " + count);
      }
    }
    long within = fields.optional("within").map(n -> duration(n, path + ".within")).orElse(0L);
    List<Integer> expect = new ArrayList<>();
    Optional<Node> expectNode = fields.optional("expect");
    if (expectNode.isPresent()) {
      List<Node> statuses =
          expectNode.get() instanceof ListNode list ? list.items() : List.of(expectNode.get());
      if (statuses.isEmpty()) {
        throw error(expectNode.get(), path + ".expect", "lists no status");
      }
      for (Node status : statuses) {
        int code = integer(status, path + ".expect");
        if (code < 100 || code > 599) {
          throw error(status, path + ".expect", "is not an HTTP status (100..599): " + code);
        }
        expect.add(code);
      }
    }
    return new TopologyWorkload.RequestSpec(method, url, body, at, count, within, expect);
  }

  private ServiceSpec service(Entry entry, MapNode allServices) {
    String name = entry.key();
    String path = "services." + name;
    Fields fields =
        fields(
            entry.value(),
            path,
            List.of(
                "kind",
                "entry",
                "public",
                "hostnames",
                "instances",
                "bindings",
                "entrypoints",
                "durableObjects",
                "durableObjectsOf",
                "vars",
                "jsonVars",
                "crons",
                "allowEval",
                "sqliteClasses",
                "compatibilityFlags",
                "d1Databases",
                "contract",
                "workflows",
                "kv",
                "r2",
                "queues",
                "assets"));
    Map<String, String> durableObjects =
        stringMap(fields.optional("durableObjects").orElse(null), path + ".durableObjects");
    Map<String, String> bindings =
        stringMap(fields.optional("bindings").orElse(null), path + ".bindings");
    fields
        .optional("bindings")
        .ifPresent(
            node -> {
              for (Entry binding : map(node, path + ".bindings").entries().values()) {
                String target = text(binding.value(), path + ".bindings." + binding.key());
                if (!allServices.entries().containsKey(target)
                    && !wranglerWorkers.contains(target)) {
                  throw error(
                      binding.value(),
                      path + ".bindings." + binding.key(),
                      "binds to service '"
                          + target
                          + "', which the topology does not define (services: "
                          + allServices.entries().keySet()
                          + ")");
                }
              }
            });
    GuestCode code = code(fields, path, name, List.copyOf(durableObjects.values()));
    Optional<Node> allowEval = fields.optional("allowEval");
    if (allowEval.isPresent() && bool(allowEval.get(), path + ".allowEval")) {
      try {
        code = code.allowingEval();
      } catch (IllegalArgumentException e) {
        throw error(allowEval.get(), path + ".allowEval", e.getMessage());
      }
    }
    Optional<Node> sqliteNode = fields.optional("sqliteClasses");
    if (sqliteNode.isPresent()) {
      List<String> sqlite = new ArrayList<>();
      for (Node item : list(sqliteNode.get(), path + ".sqliteClasses")) {
        String className = text(item, path + ".sqliteClasses");
        if (!durableObjects.containsValue(className)) {
          throw error(
              item,
              path + ".sqliteClasses",
              "'"
                  + className
                  + "' is not a class of this service's durableObjects "
                  + durableObjects.values());
        }
        sqlite.add(className);
      }
      try {
        code = code.withSqliteClasses(sqlite);
      } catch (IllegalArgumentException e) {
        throw error(sqliteNode.get(), path + ".sqliteClasses", e.getMessage());
      }
    }
    Optional<Node> flagsNode = fields.optional("compatibilityFlags");
    if (flagsNode.isPresent()) {
      List<String> flags = new ArrayList<>();
      for (Node flag : list(flagsNode.get(), path + ".compatibilityFlags")) {
        flags.add(text(flag, path + ".compatibilityFlags"));
      }
      try {
        code = code.withCompatibilityFlags(flags);
      } catch (IllegalArgumentException e) {
        throw error(flagsNode.get(), path + ".compatibilityFlags", e.getMessage());
      }
    }
    ServiceSpec spec = ServiceSpec.of(name, code);
    if (fields.optional("public").map(n -> bool(n, path + ".public")).orElse(false)) {
      spec = spec.asPublic();
    }
    for (Node host : list(fields.optional("hostnames").orElse(null), path + ".hostnames")) {
      spec = spec.withHostname(text(host, path + ".hostnames"));
    }
    if (fields.optional("instances").isPresent()) {
      Node node = fields.optional("instances").get();
      int count = integer(node, path + ".instances");
      if (count < 1 || count > ServiceSpec.MAX_INSTANCES) {
        throw error(
            node,
            path + ".instances",
            "must be 1.." + ServiceSpec.MAX_INSTANCES + ", was " + count);
      }
      spec = spec.withInstances(count);
    }
    // entrypoints: {WORKER_B: Adder} names the WorkerEntrypoint class a binding reaches.
    Map<String, String> entrypoints =
        stringMap(fields.optional("entrypoints").orElse(null), path + ".entrypoints");
    for (String binding : entrypoints.keySet()) {
      if (!bindings.containsKey(binding)) {
        throw error(
            fields.optional("entrypoints").get(),
            path + ".entrypoints." + binding,
            "names an entrypoint for " + binding + ", which is not under bindings");
      }
    }
    for (Map.Entry<String, String> binding : bindings.entrySet()) {
      String entrypoint = entrypoints.get(binding.getKey());
      spec =
          entrypoint == null
              ? spec.withBinding(binding.getKey(), binding.getValue())
              : spec.withBinding(binding.getKey(), binding.getValue(), entrypoint);
    }
    for (Map.Entry<String, String> namespace : durableObjects.entrySet()) {
      if (bindings.containsKey(namespace.getKey())) {
        throw error(
            fields.optional("durableObjects").get(),
            path + ".durableObjects." + namespace.getKey(),
            "already bound to a service under bindings");
      }
      spec = spec.withDurableObject(namespace.getKey(), namespace.getValue());
    }
    // durableObjectsOf: {ROOMS: chat/ROOMS} binds another service's namespace.
    for (Map.Entry<String, String> foreign :
        stringMap(fields.optional("durableObjectsOf").orElse(null), path + ".durableObjectsOf")
            .entrySet()) {
      String[] target = foreign.getValue().split("/", 2);
      if (target.length != 2 || target[0].isEmpty() || target[1].isEmpty()) {
        throw error(
            fields.optional("durableObjectsOf").get(),
            path + ".durableObjectsOf." + foreign.getKey(),
            "must be <service>/<NAMESPACE>, was '" + foreign.getValue() + "'");
      }
      spec = spec.withDurableObjectsOf(foreign.getKey(), target[0], target[1]);
    }
    for (Map.Entry<String, String> variable :
        stringMap(fields.optional("vars").orElse(null), path + ".vars").entrySet()) {
      spec = spec.withVar(variable.getKey(), variable.getValue());
    }
    // jsonVars: NAME: '<JSON text>' — env.NAME is the parsed value (wrangler's non-string vars).
    for (Map.Entry<String, String> variable :
        stringMap(fields.optional("jsonVars").orElse(null), path + ".jsonVars").entrySet()) {
      try {
        spec = spec.withJsonVar(variable.getKey(), variable.getValue());
      } catch (IllegalArgumentException e) {
        throw error(
            fields.optional("jsonVars").get(),
            path + ".jsonVars." + variable.getKey(),
            e.getMessage());
      }
    }
    for (Node cron : list(fields.optional("crons").orElse(null), path + ".crons")) {
      String expression = text(cron, path + ".crons");
      try {
        dev.w9y.core.cron.CronSchedule.parse(expression);
      } catch (IllegalArgumentException e) {
        throw error(cron, path + ".crons", e.getMessage());
      }
      spec = spec.withCron(expression);
    }
    // d1Databases: {DB: orders}: binding name to database id (also its name); or
    // {DB: {database: orders, migrations: migrations, migrationsTable: d1_migrations}}.
    Optional<Node> d1 = fields.optional("d1Databases");
    if (d1.isPresent()) {
      for (Entry database : map(d1.get(), path + ".d1Databases").entries().values()) {
        String at = path + ".d1Databases." + database.key();
        if (bindings.containsKey(database.key()) || durableObjects.containsKey(database.key())) {
          throw error(d1.get(), at, "already bound under bindings or durableObjects");
        }
        spec = spec.withPlatformBinding(database.key(), d1Database(database.value(), at));
      }
    }
    Optional<Node> kv = fields.optional("kv");
    if (kv.isPresent()) {
      for (Entry binding : map(kv.get(), path + ".kv").entries().values()) {
        String at = path + ".kv." + binding.key();
        dev.w9y.core.kv.KvNamespaceBinding namespace;
        if (binding.value() instanceof MapNode) {
          Fields options = fields(binding.value(), at, List.of("namespace", "strict"));
          String id = text(options.required("namespace"), at + ".namespace");
          boolean strict =
              options.optional("strict").map(node -> bool(node, at + ".strict")).orElse(false);
          namespace = new dev.w9y.core.kv.KvNamespaceBinding(id, strict);
        } else {
          namespace = dev.w9y.core.kv.KvNamespaceBinding.of(text(binding.value(), at));
        }
        try {
          spec = spec.withPlatformBinding(binding.key(), namespace);
        } catch (IllegalArgumentException e) {
          throw error(binding.value(), at, e.getMessage());
        }
      }
    }
    Optional<Node> r2 = fields.optional("r2");
    if (r2.isPresent()) {
      for (Entry binding : map(r2.get(), path + ".r2").entries().values()) {
        String at = path + ".r2." + binding.key();
        try {
          spec =
              spec.withPlatformBinding(
                  binding.key(), new dev.w9y.core.r2.R2BucketBinding(text(binding.value(), at)));
        } catch (IllegalArgumentException e) {
          throw error(binding.value(), at, e.getMessage());
        }
      }
    }
    Optional<Node> queues = fields.optional("queues");
    if (queues.isPresent()) {
      spec = queues(spec, queues.get(), path + ".queues");
    }
    Optional<Node> contract = fields.optional("contract");
    if (contract.isPresent()) {
      spec = spec.withContract(contract(contract.get(), path + ".contract"));
    }
    // workflows: {CHARGE: {name: charge, className: ChargeCard, scriptName: billing}}: wrangler's
    // [[workflows]] (scriptName, when given, is the service exporting the class).
    Optional<Node> workflows = fields.optional("workflows");
    if (workflows.isPresent()) {
      for (Entry binding : map(workflows.get(), path + ".workflows").entries().values()) {
        String at = path + ".workflows." + binding.key();
        Fields workflow = fields(binding.value(), at, List.of("name", "className", "scriptName"));
        Optional<Node> script = workflow.optional("scriptName");
        String scriptName = script.isPresent() ? text(script.get(), at + ".scriptName") : null;
        if (scriptName != null
            && !allServices.entries().containsKey(scriptName)
            && !wranglerWorkers.contains(scriptName)) {
          throw error(
              script.get(),
              at + ".scriptName",
              "names service '"
                  + scriptName
                  + "', which the topology does not define (services: "
                  + allServices.entries().keySet()
                  + ")");
        }
        spec =
            spec.withPlatformBinding(
                binding.key(),
                dev.w9y.core.workflow.WorkflowBinding.of(
                    text(workflow.required("name"), at + ".name"),
                    text(workflow.required("className"), at + ".className"),
                    scriptName));
      }
    }
    Optional<Node> assets = fields.optional("assets");
    if (assets.isPresent()) {
      spec = spec.withAssets(assets(assets.get(), path + ".assets"));
    }
    return spec;
  }

  /** {@code queues: {producers: {JOBS: jobs}, consumers: [{queue: jobs, ...}]}}. */
  private ServiceSpec queues(ServiceSpec spec, Node node, String path) {
    Fields queues = fields(node, path, List.of("producers", "consumers"));
    ServiceSpec result = spec;
    Optional<Node> producers = queues.optional("producers");
    if (producers.isPresent()) {
      for (Entry binding : map(producers.get(), path + ".producers").entries().values()) {
        String at = path + ".producers." + binding.key();
        try {
          dev.w9y.core.queue.QueueProducerBinding producer;
          if (binding.value() instanceof MapNode) {
            Fields options = fields(binding.value(), at, List.of("queue", "deliveryDelay"));
            producer =
                new dev.w9y.core.queue.QueueProducerBinding(
                    text(options.required("queue"), at + ".queue"),
                    options
                        .optional("deliveryDelay")
                        .map(n -> (long) integer(n, at + ".deliveryDelay"))
                        .orElse(0L));
          } else {
            producer = dev.w9y.core.queue.QueueProducerBinding.of(text(binding.value(), at));
          }
          result = result.withPlatformBinding(binding.key(), producer);
        } catch (IllegalArgumentException e) {
          throw error(binding.value(), at, e.getMessage());
        }
      }
    }
    Optional<Node> consumers = queues.optional("consumers");
    if (consumers.isPresent()) {
      List<Node> items = list(consumers.get(), path + ".consumers");
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        String at = path + ".consumers[" + i + "]";
        Fields options =
            fields(
                item,
                at,
                List.of(
                    "queue",
                    "maxBatchSize",
                    "maxBatchTimeout",
                    "maxRetries",
                    "deadLetterQueue",
                    "retryDelay"));
        try {
          dev.w9y.core.queue.QueueConsumer consumer =
              dev.w9y.core.queue.QueueConsumer.of(text(options.required("queue"), at + ".queue"));
          if (options.optional("maxBatchSize").isPresent()) {
            consumer =
                consumer.withMaxBatchSize(
                    integer(options.optional("maxBatchSize").get(), at + ".maxBatchSize"));
          }
          if (options.optional("maxBatchTimeout").isPresent()) {
            consumer =
                consumer.withMaxBatchTimeoutSeconds(
                    integer(options.optional("maxBatchTimeout").get(), at + ".maxBatchTimeout"));
          }
          if (options.optional("maxRetries").isPresent()) {
            consumer =
                consumer.withMaxRetries(
                    integer(options.optional("maxRetries").get(), at + ".maxRetries"));
          }
          if (options.optional("deadLetterQueue").isPresent()) {
            consumer =
                consumer.withDeadLetterQueue(
                    text(options.optional("deadLetterQueue").get(), at + ".deadLetterQueue"));
          }
          if (options.optional("retryDelay").isPresent()) {
            consumer =
                consumer.withRetryDelaySeconds(
                    integer(options.optional("retryDelay").get(), at + ".retryDelay"));
          }
          result = result.withPlatformTrigger(consumer);
        } catch (IllegalArgumentException e) {
          throw error(item, at, e.getMessage());
        }
      }
    }
    return result;
  }

  /**
   * The code {@code kind:} and {@code entry:} name, loaded for {@code name} (exporting the durable
   * object classes {@code objectClasses}).
   */
  private GuestCode code(Fields fields, String path, String name, List<String> objectClasses) {
    Node kindNode = fields.required("kind");
    String kindName = text(kindNode, path + ".kind");
    GuestKind kind = kinds.get(kindName);
    if (kind == null) {
      throw error(
          kindNode,
          path + ".kind",
          "unknown guest kind '"
              + kindName
              + "' (available: "
              + kinds.keySet()
              + "; js and wasm need the guest-js and guest-wasm modules on the classpath)");
    }
    Node entryNode = fields.required("entry");
    String entryText = text(entryNode, path + ".entry");
    if (!kindName.equals("java")) {
      Path file = baseDirectory.resolve(entryText).normalize();
      if (!Files.isRegularFile(file)) {
        throw error(entryNode, path + ".entry", "file not found: " + file);
      }
    }
    try {
      return kind.load(name, entryText, baseDirectory, objectClasses);
    } catch (RuntimeException e) {
      throw error(entryNode, path + ".entry", e.getMessage());
    }
  }

  /**
   * An external host: {@code host}, {@code contract} and, for a fake, {@code kind} and {@code
   * entry}.
   */
  private ServiceSpec external(Entry entry) {
    String path = "externals." + entry.key();
    Fields fields = fields(entry.value(), path, List.of("host", "contract", "kind", "entry"));
    Node hostNode = fields.required("host");
    String host = text(hostNode, path + ".host");
    if (!host.matches(
        "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
      throw error(hostNode, path + ".host", "is not a host name: '" + host + "'");
    }
    Contract contract = contract(fields.required("contract"), path + ".contract");
    boolean fake = fields.optional("kind").isPresent() || fields.optional("entry").isPresent();
    return ServiceSpec.external(
        entry.key(), host, contract, fake ? code(fields, path, entry.key(), List.of()) : null);
  }

  /**
   * A service's static assets, {@code {directory: public, binding: ASSETS, notFoundHandling:
   * single-page-application, htmlHandling: auto-trailing-slash, runWorkerFirst: ["/api/*"]}}: the
   * directory's files are read into memory now.
   */
  private StaticAssets assets(Node node, String path) {
    Fields fields =
        fields(
            node,
            path,
            List.of("directory", "binding", "notFoundHandling", "htmlHandling", "runWorkerFirst"));
    Node directoryNode = fields.required("directory");
    Path directory = baseDirectory.resolve(text(directoryNode, path + ".directory")).normalize();
    StaticAssets assets;
    try {
      assets = StaticAssets.read(directory);
    } catch (IllegalArgumentException e) {
      throw error(directoryNode, path + ".directory", e.getMessage());
    }
    Optional<Node> binding = fields.optional("binding");
    if (binding.isPresent()) {
      assets = assets.withBinding(text(binding.get(), path + ".binding"));
    }
    Optional<Node> html = fields.optional("htmlHandling");
    if (html.isPresent()) {
      String value = text(html.get(), path + ".htmlHandling");
      StaticAssets.HtmlHandling handling = StaticAssets.HtmlHandling.byWranglerName(value);
      if (handling == null) {
        throw error(
            html.get(),
            path + ".htmlHandling",
            "'"
                + value
                + "' is none of auto-trailing-slash, force-trailing-slash, drop-trailing-slash,"
                + " none");
      }
      assets = assets.withHtmlHandling(handling);
    }
    Optional<Node> notFound = fields.optional("notFoundHandling");
    if (notFound.isPresent()) {
      String value = text(notFound.get(), path + ".notFoundHandling");
      StaticAssets.NotFoundHandling handling = StaticAssets.NotFoundHandling.byWranglerName(value);
      if (handling == null) {
        throw error(
            notFound.get(),
            path + ".notFoundHandling",
            "'" + value + "' is none of none, 404-page, single-page-application");
      }
      assets = assets.withNotFoundHandling(handling);
    }
    Optional<Node> first = fields.optional("runWorkerFirst");
    if (first.isPresent()) {
      if (first.get() instanceof ListNode) {
        List<String> routes = new ArrayList<>();
        for (Node route : list(first.get(), path + ".runWorkerFirst")) {
          routes.add(text(route, path + ".runWorkerFirst"));
        }
        try {
          assets = assets.withRunWorkerFirst(routes);
        } catch (IllegalArgumentException e) {
          throw error(first.get(), path + ".runWorkerFirst", e.getMessage());
        }
      } else {
        assets = assets.withRunWorkerFirst(bool(first.get(), path + ".runWorkerFirst"));
      }
    }
    return assets;
  }

  /**
   * A service's contract, {@code {openapi: orders.yaml}} (or {@code jsonschema}, {@code protobuf}
   * and their options), loaded by the format the contracts module provides through {@link
   * ServiceLoader}, so sim-core depends on no validator.
   */
  private Contract contract(Node node, String path) {
    MapNode map = map(node, path);
    Map<String, ContractFormat> formats = new LinkedHashMap<>();
    for (ContractFormat format :
        ServiceLoader.load(ContractFormat.class, TopologyFile.class.getClassLoader())) {
      formats.putIfAbsent(format.name(), format);
    }
    Entry chosen = null;
    Map<String, Object> options = new LinkedHashMap<>();
    for (Entry entry : map.entries().values()) {
      if (formats.containsKey(entry.key())) {
        if (chosen != null) {
          throw error(entry.value(), path + "." + entry.key(), "a contract has one format");
        }
        chosen = entry;
      } else {
        options.put(entry.key(), plain(entry.value()));
      }
    }
    if (chosen == null) {
      throw error(
          node,
          path,
          "names no contract format (available: "
              + formats.keySet()
              + "; they need the contracts module on the classpath)");
    }
    String file = text(chosen.value(), path + "." + chosen.key());
    Path resolved = baseDirectory.resolve(file).normalize();
    if (!Files.isRegularFile(resolved)) {
      throw error(chosen.value(), path + "." + chosen.key(), "file not found: " + file);
    }
    try {
      return formats.get(chosen.key()).load(resolved, baseDirectory, options);
    } catch (IllegalArgumentException e) {
      throw error(chosen.value(), path + "." + chosen.key(), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- values

  /** The keys of one mapping, checked against the allowed ones. */
  private final class Fields {
    private final MapNode map;
    private final String path;

    Fields(MapNode map, String path) {
      this.map = map;
      this.path = path;
    }

    java.util.Optional<Node> optional(String key) {
      Entry entry = map.entries().get(key);
      return entry == null ? java.util.Optional.empty() : java.util.Optional.of(entry.value());
    }

    Node required(String key) {
      return optional(key).orElseThrow(() -> error(map, join(path, key), "is required"));
    }
  }

  private Fields fields(Node node, String path, List<String> allowed) {
    MapNode map = map(node, path);
    for (Entry entry : map.entries().values()) {
      if (!allowed.contains(entry.key())) {
        throw error(
            entry.line(),
            entry.column(),
            join(path, entry.key()),
            "unknown key (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
    return new Fields(map, path);
  }

  private MapNode map(Node node, String path) {
    if (node instanceof MapNode map) {
      return map;
    }
    throw error(node, path, "expected a mapping of keys to values");
  }

  private List<Node> list(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof ListNode list) {
      return list.items();
    }
    throw error(node, path, "expected a list");
  }

  private Map<String, String> stringMap(Node node, String path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    for (Entry entry : map(node, path).entries().values()) {
      values.put(entry.key(), text(entry.value(), join(path, entry.key())));
    }
    return values;
  }

  private String text(Node node, String path) {
    if (node instanceof Scalar scalar && scalar.text() != null) {
      return scalar.text();
    }
    throw error(node, path, "expected a value, not " + describe(node));
  }

  private boolean bool(Node node, String path) {
    String text = text(node, path);
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(node, path, "expected true or false, not '" + text + "'");
    };
  }

  private int integer(Node node, String path) {
    String text = text(node, path);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw error(node, path, "expected a whole number, not '" + text + "'");
    }
  }

  private long duration(Node node, String path) {
    String text = text(node, path).strip();
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw error(
          node,
          path,
          "expected a duration like 250ms, 5s or 2m (units ns, us, ms, s, m, h, d), not '"
              + text
              + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    long unit =
        switch (matcher.group(2)) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> 86_400_000_000_000L;
        };
    try {
      return Math.multiplyExact(amount, unit);
    } catch (ArithmeticException e) {
      throw error(node, path, "duration '" + text + "' is too long");
    }
  }

  private long instant(Node node, String path) {
    String text = text(node, path);
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw error(node, path, "expected an instant like 2026-01-01T00:00:00Z, not '" + text + "'");
    }
  }

  private Distribution distribution(Node node, String path) {
    if (node instanceof Scalar) {
      return new Distribution.Fixed(duration(node, path));
    }
    MapNode map = map(node, path);
    if (map.entries().size() != 1) {
      throw error(
          node,
          path,
          "a distribution is a duration or one of {fixed: ...}, {uniform: [min, max]}, {exponential: {mean, max}}, {longTail: {body, chance, tail}}");
    }
    Entry only = map.entries().values().iterator().next();
    String inner = join(path, only.key());
    try {
      return switch (only.key()) {
        case "fixed" -> new Distribution.Fixed(duration(only.value(), inner));
        case "uniform" -> {
          List<Node> bounds = list(only.value(), inner);
          if (bounds.size() != 2) {
            throw error(only.value(), inner, "expected [min, max]");
          }
          yield new Distribution.Uniform(
              duration(bounds.get(0), inner), duration(bounds.get(1), inner));
        }
        case "exponential" -> {
          Fields fields = fields(only.value(), inner, List.of("mean", "max"));
          yield new Distribution.Exponential(
              duration(fields.required("mean"), inner + ".mean"),
              duration(fields.required("max"), inner + ".max"));
        }
        case "longTail" -> {
          Fields fields = fields(only.value(), inner, List.of("body", "chance", "tail"));
          yield new Distribution.LongTail(
              distribution(fields.required("body"), inner + ".body"),
              ratio(fields.required("chance"), inner + ".chance"),
              distribution(fields.required("tail"), inner + ".tail"));
        }
        default ->
            throw error(
                only.line(),
                only.column(),
                inner,
                "unknown distribution (fixed, uniform, exponential, longTail)");
      };
    } catch (IllegalArgumentException e) {
      throw error(only.value(), inner, e.getMessage());
    }
  }

  private Ratio ratio(Node node, String path) {
    try {
      return Ratio.parse(text(node, path));
    } catch (IllegalArgumentException e) {
      throw error(node, path, e.getMessage());
    }
  }

  /** A node as plain Java values (LinkedHashMap, List, String) for sections others interpret. */
  private static Object plain(Node node) {
    if (node instanceof Scalar scalar) {
      return scalar.text();
    }
    if (node instanceof ListNode list) {
      List<Object> items = new ArrayList<>();
      list.items().forEach(item -> items.add(plain(item)));
      return items;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    ((MapNode) node).entries().forEach((key, entry) -> map.put(key, plain(entry.value())));
    return map;
  }

  /** Records where {@code node} and everything under it start, keys at their key's position. */
  private static void positions(Node node, String path, Map<String, Position> into) {
    into.putIfAbsent(path, new Position(node.line(), node.column()));
    if (node instanceof MapNode map) {
      for (Entry entry : map.entries().values()) {
        String child = path + "." + entry.key();
        into.put(child, new Position(entry.line(), entry.column()));
        positions(entry.value(), child, into);
      }
    } else if (node instanceof ListNode list) {
      for (int i = 0; i < list.items().size(); i++) {
        positions(list.items().get(i), path + "[" + i + "]", into);
      }
    }
  }

  private static String describe(Node node) {
    if (node instanceof MapNode) {
      return "a mapping";
    }
    if (node instanceof ListNode) {
      return "a list";
    }
    return "nothing";
  }

  /**
   * One {@code d1Databases} entry: a database id, or {@code {database, migrations,
   * migrationsTable}} with wrangler's {@code migrations_dir} (relative to this file) and {@code
   * migrations_table}. The migrations are tried on a scratch database here, so that a file SQLite
   * refuses is reported against this file's key rather than when the run first opens the database.
   */
  private dev.w9y.core.d1.D1DatabaseBinding d1Database(Node node, String at) {
    if (!(node instanceof MapNode)) {
      return dev.w9y.core.d1.D1DatabaseBinding.named(text(node, at));
    }
    Fields options = fields(node, at, List.of("database", "migrations", "migrationsTable"));
    String id = text(options.required("database"), at + ".database");
    Optional<Node> directoryNode = options.optional("migrations");
    Optional<Node> tableNode = options.optional("migrationsTable");
    if (directoryNode.isEmpty()) {
      if (tableNode.isPresent()) {
        throw error(tableNode.get(), at + ".migrationsTable", "needs migrations (a directory)");
      }
      return dev.w9y.core.d1.D1DatabaseBinding.named(id);
    }
    String directory = text(directoryNode.get(), at + ".migrations");
    Path dir = baseDirectory.resolve(directory).normalize();
    if (!Files.isDirectory(dir)) {
      throw error(
          directoryNode.get(),
          at + ".migrations",
          "directory not found: " + directory + " (relative to this file)");
    }
    dev.w9y.core.d1.D1Migrations migrations;
    try {
      migrations =
          new dev.w9y.core.d1.D1Migrations(
              dir,
              tableNode.isPresent()
                  ? text(tableNode.get(), at + ".migrationsTable")
                  : dev.w9y.core.d1.D1Migrations.DEFAULT_TABLE);
    } catch (IllegalArgumentException e) {
      throw error(tableNode.orElseThrow(), at + ".migrationsTable", e.getMessage());
    }
    try {
      migrations.check(id);
    } catch (IllegalArgumentException e) {
      throw error(directoryNode.get(), at + ".migrations", e.getMessage());
    }
    return new dev.w9y.core.d1.D1DatabaseBinding(id, id, migrations);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private TopologyFileException error(Node node, String key, String problem) {
    return error(node.line(), node.column(), key, problem);
  }

  private TopologyFileException error(int line, int column, String key, String problem) {
    return new TopologyFileException(source, line, column, key, problem);
  }
}
