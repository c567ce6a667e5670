package dev.w9y.faults;

import dev.w9y.core.FaultContext;
import dev.w9y.core.FaultHooks;
import dev.w9y.core.ServiceSpec;
import dev.w9y.core.World;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Response;
import dev.w9y.core.kv.KvHooks;
import dev.w9y.core.network.Message;
import dev.w9y.core.network.RequestFate;
import dev.w9y.core.network.ResponseFate;
import dev.w9y.core.platform.PlatformBinding;
import dev.w9y.core.queue.QueueHooks;
import dev.w9y.core.r2.R2BucketBinding;
import dev.w9y.core.r2.R2Hooks;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Carries out a {@link FaultPlan} in one run, through sim-core's hooks. Every decision point is an
 * <em>occurrence</em> — the 7th request on the link payer->ledger-a, the 3rd write of an object,
 * the 2nd partition tick — with its own random stream derived from the seed and the occurrence, and
 * every injected fault is recorded as {@code fault.injected} with the stable id {@code
 * family:occurrence}, its target and its decision. Switching faults off (suppression, shrinking)
 * therefore never renumbers or redraws the others.
 */
final class FaultInjector implements FaultHooks, KvHooks, QueueHooks, R2Hooks {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final FaultPlan plan;
  private final FaultContext context;
  private final TreeSet<String> suppressed;
  private final TreeSet<String> only;
  private final List<String> services = new ArrayList<>();
  private final Map<String, String> serviceOfBinding = new TreeMap<>();
  private final TreeMap<String, String> partitioned = new TreeMap<>();
  private final TreeMap<String, Long> cloggedUntil = new TreeMap<>();
  private final TreeMap<String, Skew> skews = new TreeMap<>();
  private final TreeMap<String, Boolean> activeSites = new TreeMap<>();
  private final TreeMap<String, Long> occurrences = new TreeMap<>();
  private final long decisionSeed;
  private final FaultScope scope;

  /**
   * Whether the plan has a scope; when not, no scope check runs and runs are as they always were.
   */
  private final boolean scoped;

  /** For each durable-object binding, the services declaring a namespace under it. */
  private final TreeMap<String, List<String>> declarersOfBinding = new TreeMap<>();

  /** The owner (service, namespace or null) of each actor seen so far. */
  private final TreeMap<String, Owner> owners = new TreeMap<>();

  private long injectedCount;
  private boolean healed;
  private boolean wideClocks;
  private boolean strobingClocks;

  /** A skewed clock: offset, drift in parts per million, jumps so far, and a strobe if any. */
  private static final class Skew {
    final long offsetMillis;
    final long driftPpm;
    long jumpedMillis;
    Strobe strobe;

    Skew(long offsetMillis, long driftPpm) {
      this.offsetMillis = offsetMillis;
      this.driftPpm = driftPpm;
    }
  }

  /**
   * A wall clock flipping between its time and that time plus {@code byMillis}, every {@code
   * periodNanos} of virtual time from {@code fromNanos} to {@code untilNanos}.
   */
  private record Strobe(long fromNanos, long untilNanos, long periodNanos, long byMillis) {
    long offsetAt(long virtualNanos) {
      if (virtualNanos < fromNanos || virtualNanos >= untilNanos) {
        return 0;
      }
      return ((virtualNanos - fromNanos) / periodNanos) % 2 == 1 ? byMillis : 0;
    }
  }

  /** Who an actor belongs to: its service, and its durable-object namespace if it is an object. */
  private record Owner(String service, String namespace) {}

  FaultInjector(FaultPlan requested, FaultContext context) {
    this.context = context;
    this.suppressed = new TreeSet<>(requested.suppressed());
    this.only = requested.onlyFaults() == null ? null : new TreeSet<>(requested.onlyFaults());
    this.scope = requested.scope();
    this.scoped = !scope.isEmpty();
    FaultPlan resolved =
        requested.derivedFromSeed() ? Swarm.resolve(requested, context.random("swarm")) : requested;
    // Kinds are scoped after swarm resolution: swarm draws the same values either way.
    this.plan = scoped ? scope.applyKinds(resolved) : resolved;
    this.decisionSeed = context.random("decisions").seed();
    for (ServiceSpec spec : context.world().topology().services()) {
      services.add(spec.name());
      for (String binding : spec.durableObjects().keySet()) {
        serviceOfBinding.putIfAbsent(binding, spec.name());
        declarersOfBinding.computeIfAbsent(binding, b -> new ArrayList<>()).add(spec.name());
      }
    }
    if (scoped) {
      checkTargets(scope.spared(), "spare");
      checkTargets(scope.onlyFor(), "onlyFor");
    }
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("swarm", requested.derivedFromSeed());
    described.put("network", plan.network().toString());
    described.put("http", plan.http().toString());
    described.put("process", plan.process().toString());
    described.put("storage", plan.storage().toString());
    described.put("clock", plan.clock().toString());
    described.put("buggify", plan.buggify().toString());
    described.put("platform", plan.platform().describeKvAndQueues());
    if (usesR2(context)) {
      // Only worlds with R2 buckets describe R2 faults: the others' headers, and hashes, stay
      // what they were before R2 existed.
      described.put("r2", plan.platform().r2InternalError().toString());
    }
    if (plan.workflows() != null) {
      // Only a plan with workflow faults of its own says so: the others' headers, and hashes,
      // stay what they were when workflow faults always followed the storage family.
      described.put("workflows", plan.workflows().toString());
    }
    described.put("suppressed", plan.suppressed());
    described.put("only", plan.onlyFaults());
    if (scoped) {
      described.put("scope", scope.describe());
    }
    context.record("fault.plan", described);
    skewClocks();
    for (String site : plan.buggify().sites()) {
      if (plan.buggify().enabled()) {
        activation(site);
      }
    }
    scheduleTimedFaults();
  }

  // ---------------------------------------------------------------- fault ids

  /**
   * The next occurrence of {@code subject} (a link's requests, an object's writes, a timer's
   * ticks): {@code subject#n}. Fault ids are built from occurrences, not from a global counter, so
   * switching one fault off does not renumber the others — what makes shrinking converge.
   */
  private String occurrence(String subject) {
    long n = occurrences.merge(subject, 1L, Long::sum);
    return subject + "#" + n;
  }

  /**
   * The random stream of one occurrence: its decisions depend on the seed and the occurrence only,
   * never on how many other decisions came before it.
   */
  private RandomStream decisions(String occurrence) {
    return RandomStream.root(decisionSeed).child(occurrence);
  }

  /**
   * Records a fault decision as {@code fault.injected} with its stable id ({@code
   * family:occurrence}); false, recorded as {@code fault.suppressed}, if the plan switches it off.
   */
  private boolean inject(
      String family, String occurrence, String target, Map<String, Object> decision) {
    String id = family + ":" + occurrence;
    Map<String, Object> details = new LinkedHashMap<>(decision);
    details.put("fault", id);
    details.put("family", family);
    details.put("target", target);
    if (suppressed.contains(id) || (only != null && !only.contains(id))) {
      context.record("fault.suppressed", details);
      return false;
    }
    injectedCount++;
    context.record("fault.injected", details);
    return true;
  }

  private static Map<String, Object> decision(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  // ---------------------------------------------------------------- scope

  /** A scope naming a service or namespace this topology lacks is a mistake, not an empty set. */
  private void checkTargets(List<String> targets, String key) {
    for (String target : targets) {
      int slash = target.indexOf('/');
      String service = slash < 0 ? target : target.substring(0, slash);
      if (!services.contains(service)) {
        throw new IllegalArgumentException(
            "fault scope "
                + key
                + ": '"
                + target
                + "' names no service of this topology (its services: "
                + String.join(", ", services)
                + ")");
      }
      if (slash >= 0) {
        String namespace = target.substring(slash + 1);
        ServiceSpec spec = context.world().topology().service(service);
        if (!spec.durableObjects().containsKey(namespace)) {
          throw new IllegalArgumentException(
              "fault scope "
                  + key
                  + ": service '"
                  + service
                  + "' declares no durable-object namespace "
                  + namespace
                  + " (it declares: "
                  + String.join(", ", spec.durableObjects().keySet())
                  + ")");
        }
      }
    }
  }

  /**
   * The owner of a trace actor: {@code svc#2} and {@code svc} belong to service {@code svc}, an
   * object {@code BINDING:0123456789ab} to the namespace declaring it, anything else ({@code
   * workload}) to no service.
   */
  private Owner ownerOf(String actor) {
    Owner known = owners.get(actor);
    if (known != null) {
      return known;
    }
    Owner owner = new Owner(actor, null);
    int hash = actor.indexOf('#');
    int colon = actor.indexOf(':');
    if (hash > 0) {
      owner = new Owner(actor.substring(0, hash), null);
    } else if (colon > 0) {
      String binding = actor.substring(0, colon);
      List<String> declarers = declarersOfBinding.getOrDefault(binding, List.of());
      if (declarers.size() == 1) {
        owner = new Owner(declarers.get(0), binding);
      } else {
        // Two services declare namespaces under the same binding name: the world knows which.
        for (World.ObjectRef ref : context.world().objects()) {
          if (ref.binding().equals(binding) && actor.endsWith(":" + ref.idHex().substring(0, 12))) {
            owner = new Owner(ref.service(), binding);
            break;
          }
        }
        if (owner.namespace() == null) {
          return owner; // not addressed yet: ask again next time rather than remember a guess
        }
      }
    }
    owners.put(actor, owner);
    return owner;
  }

  private static boolean covers(String target, Owner owner) {
    int slash = target.indexOf('/');
    if (slash < 0) {
      return target.equals(owner.service());
    }
    return owner.namespace() != null
        && target.substring(0, slash).equals(owner.service())
        && target.substring(slash + 1).equals(owner.namespace());
  }

  private static boolean coveredBy(List<String> targets, Owner owner) {
    for (String target : targets) {
      if (covers(target, owner)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the scope lets a fault touch these actors (one actor, or a message's two ends). */
  private boolean inScope(String... actors) {
    if (!scoped) {
      return true;
    }
    boolean listed = scope.onlyFor().isEmpty();
    for (String actor : actors) {
      Owner owner = ownerOf(actor);
      if (coveredBy(scope.spared(), owner)) {
        return false;
      }
      listed |= coveredBy(scope.onlyFor(), owner);
    }
    return listed;
  }

  /** {@code links} ({@code a->b}) the scope lets a fault touch. */
  private List<String> linksInScope(List<String> links) {
    if (!scoped) {
      return links;
    }
    List<String> allowed = new ArrayList<>();
    for (String link : links) {
      int arrow = link.indexOf("->");
      if (inScope(link.substring(0, arrow), link.substring(arrow + 2))) {
        allowed.add(link);
      }
    }
    return allowed;
  }

  // ---------------------------------------------------------------- network and HTTP

  /** The node a trace actor lives on: its service, or "workload". */
  private String nodeOf(String actor) {
    int hash = actor.indexOf('#');
    if (hash > 0) {
      return actor.substring(0, hash);
    }
    int colon = actor.indexOf(':');
    if (colon > 0) {
      return serviceOfBinding.getOrDefault(actor.substring(0, colon), actor);
    }
    return actor;
  }

  @Override
  public RequestFate onRequest(Message message) {
    if (healed || !inScope(message.from(), message.to())) {
      return RequestFate.DELIVER;
    }
    String link = nodeOf(message.from()) + "->" + nodeOf(message.to());
    String partition = partitioned.get(link);
    if (partition != null) {
      return new RequestFate.Drop("partition " + partition);
    }
    FaultPlan.NetworkFaults net = plan.network();
    FaultPlan.HttpFaults web = plan.http();
    String occurrence = occurrence(link + "/request");
    RandomStream random = decisions(occurrence);
    // Every draw is made, in this order, whatever is decided: the decisions of one message depend
    // only on the seed and which message of its link it is.
    boolean drop = random.chance(net.drop());
    boolean reset = random.chance(web.reset());
    boolean timeout = random.chance(web.timeout());
    long timeoutAfter = random.sampleNanos(web.timeoutAfter());
    boolean duplicate = random.chance(net.duplicate());
    long duplicateAfter = random.sampleNanos(net.duplicateAfter());
    boolean delay = random.chance(net.delay());
    long delayBy = random.sampleNanos(net.delayBy());
    long jitter = random.sampleNanos(net.jitter());
    Long clogged = cloggedUntil.get(link);
    long clogDelay = clogged == null ? 0 : Math.max(0, clogged - context.nowNanos());
    Map<String, Object> about = decision("id", message.id());
    if (drop && inject("network.drop", occurrence, link, about)) {
      return new RequestFate.Drop("injected drop");
    }
    if (reset && inject("http.reset", occurrence, link, about)) {
      return new RequestFate.Refuse("connection reset");
    }
    if (timeout
        && inject(
            "http.timeout",
            occurrence,
            link,
            decision("id", message.id(), "afterNs", timeoutAfter))) {
      return new RequestFate.TimeOut(timeoutAfter);
    }
    if (duplicate
        && inject(
            "network.duplicate",
            occurrence,
            link,
            decision("id", message.id(), "afterNs", duplicateAfter))) {
      return new RequestFate.Duplicate(duplicateAfter);
    }
    long extra = jitter + clogDelay;
    if (delay
        && inject(
            "network.delay", occurrence, link, decision("id", message.id(), "delayNs", delayBy))) {
      extra += delayBy;
    }
    return extra == 0 ? RequestFate.DELIVER : new RequestFate.Deliver(extra);
  }

  @Override
  public ResponseFate onResponse(Message message, Response response) {
    if (healed || !inScope(message.from(), message.to())) {
      return ResponseFate.DELIVER;
    }
    FaultPlan.HttpFaults web = plan.http();
    String link = nodeOf(message.to()) + "->" + nodeOf(message.from());
    String occurrence = occurrence(link + "/response");
    RandomStream random = decisions(occurrence);
    boolean serverError = random.chance(web.serverError());
    int status = List.of(500, 502, 503).get(random.nextInt(3));
    boolean tooMany = random.chance(web.tooManyRequests());
    long retryAfter = random.nextLong(1, 30);
    boolean unknown = random.chance(web.unknownOutcome());
    if (serverError
        && inject(
            "http.server-error",
            occurrence,
            link,
            decision("id", message.id(), "status", (long) status))) {
      return new ResponseFate.Replace(Response.text(status, "injected " + status));
    }
    if (tooMany
        && inject(
            "http.too-many-requests",
            occurrence,
            link,
            decision("id", message.id(), "retryAfterS", retryAfter))) {
      return new ResponseFate.Replace(
          new Response(
              429,
              Headers.of("retry-after", Long.toString(retryAfter)),
              dev.w9y.core.http.Body.ofText("injected 429")));
    }
    if (unknown && inject("http.unknown-outcome", occurrence, link, decision("id", message.id()))) {
      return new ResponseFate.Lose("unknown outcome");
    }
    return ResponseFate.DELIVER;
  }

  @Override
  public void onDelivered(Message message, String receiver) {
    if (healed || !inScope(receiver)) {
      return;
    }
    String occurrence = occurrence(receiver + "/delivery");
    RandomStream random = decisions(occurrence);
    boolean crash = random.chance(plan.process().crashMidRequest());
    long restartAfter = random.sampleNanos(plan.process().restartAfter());
    if (!crash
        || !inject(
            "process.crash-mid-request",
            occurrence,
            receiver,
            decision("id", message.id(), "restartAfterNs", restartAfter))) {
      return;
    }
    World world = context.world();
    int hash = receiver.indexOf('#');
    if (hash > 0) {
      String service = receiver.substring(0, hash);
      int instance = Integer.parseInt(receiver.substring(hash + 1));
      // In the next event: the handler has started and is waiting on something.
      context.schedule(
          0,
          "fault.crash",
          decision("target", receiver),
          () -> {
            if (world.isRunning(service, instance)) {
              world.crash(service, instance, "injected crash mid-request");
              context.schedule(
                  restartAfter,
                  "fault.restart",
                  decision("target", receiver),
                  () -> {
                    if (!world.isRunning(service, instance)) {
                      world.restart(service, instance);
                    }
                  });
            }
          });
    } else {
      for (World.ObjectRef ref : world.objects()) {
        if (receiver.equals(ref.binding() + ":" + ref.idHex().substring(0, 12))) {
          context.schedule(
              0,
              "fault.crash",
              decision("target", receiver),
              () -> world.crashObject(ref, "injected crash mid-request"));
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- storage

  @Override
  public boolean failWrite(String actor, long batch) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/write");
    return decisions(occurrence).chance(plan.storage().writeFailure())
        && inject("storage.write-failure", occurrence, actor, decision("batch", batch));
  }

  @Override
  public boolean crashAfterWrite(String actor, long batch) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/durable");
    return decisions(occurrence).chance(plan.storage().crashAfterWrite())
        && inject("storage.crash-after-write", occurrence, actor, decision("batch", batch));
  }

  @Override
  public long extraLatencyNanos(String actor, boolean write) {
    if (healed || !inScope(actor)) {
      return 0;
    }
    String occurrence = occurrence(actor + (write ? "/write-latency" : "/read-latency"));
    RandomStream random = decisions(occurrence);
    boolean slow = random.chance(plan.storage().slow());
    long by = random.sampleNanos(plan.storage().slowBy());
    return slow
            && inject("storage.slow", occurrence, actor, decision("write", write, "delayNs", by))
        ? by
        : 0;
  }

  @Override
  public long alarmDelayNanos(String actor) {
    if (healed || !inScope(actor)) {
      return 0;
    }
    String occurrence = occurrence(actor + "/alarm");
    RandomStream random = decisions(occurrence);
    boolean late = random.chance(plan.storage().alarmDelay());
    long by = random.sampleNanos(plan.storage().alarmDelayBy());
    return late && inject("storage.alarm-delay", occurrence, actor, decision("delayNs", by))
        ? by
        : 0;
  }

  @Override
  public boolean alarmTwice(String actor) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/alarm-delivery");
    return decisions(occurrence).chance(plan.storage().alarmTwice())
        && inject("storage.alarm-twice", occurrence, actor, decision());
  }

  // ---------------------------------------------------------------- workflows (storage kind)

  @Override
  public boolean workflowCrashBeforeCheckpoint(String actor, String step) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/checkpoint");
    return decisions(occurrence).chance(plan.workflowFaults().crash())
        && inject("storage.workflow-crash", occurrence, actor, decision("step", step));
  }

  @Override
  public boolean workflowStepFailure(String actor, String step, long attempt) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/attempt");
    return decisions(occurrence).chance(plan.workflowFaults().stepFailure())
        && inject(
            "storage.workflow-step-failure",
            occurrence,
            actor,
            decision("step", step, "attempt", attempt));
  }

  @Override
  public long workflowWakeupDelayNanos(String actor) {
    if (healed || !inScope(actor)) {
      return 0;
    }
    String occurrence = occurrence(actor + "/wakeup");
    RandomStream random = decisions(occurrence);
    boolean late = random.chance(plan.workflowFaults().wakeupDelay());
    long by = random.sampleNanos(plan.workflowFaults().wakeupDelayBy());
    return late
            && inject("storage.workflow-wakeup-delay", occurrence, actor, decision("delayNs", by))
        ? by
        : 0;
  }

  // ---------------------------------------------------------------- KV

  @Override
  public long kvPropagationNanos(String location, String namespace, String key) {
    if (healed || !inScope(location)) {
      return 0;
    }
    String occurrence = occurrence(location + "/propagation");
    RandomStream random = decisions(occurrence);
    boolean late = random.chance(plan.platform().kvStaleRead());
    long by = random.sampleNanos(plan.platform().kvPropagation());
    return late
            && inject(
                "kv.stale-read",
                occurrence,
                location,
                decision("namespace", namespace, "key", key, "delayNs", by))
        ? by
        : 0;
  }

  private static boolean usesR2(FaultContext context) {
    for (ServiceSpec spec : context.world().topology().services()) {
      for (PlatformBinding binding : spec.platformBindings().values()) {
        if (binding instanceof R2BucketBinding) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- R2

  @Override
  public boolean r2InternalError(String actor, String bucket, String operation, String key) {
    if (healed || !inScope(actor)) {
      return false;
    }
    String occurrence = occurrence(actor + "/r2");
    RandomStream random = decisions(occurrence);
    return random.chance(plan.platform().r2InternalError())
        && inject(
            "r2.internal-error",
            occurrence,
            actor,
            decision("bucket", bucket, "operation", operation, "key", key));
  }

  // ---------------------------------------------------------------- queues

  @Override
  public long queueSendDelayNanos(String producer, String queue) {
    if (healed || !inScope(producer)) {
      return 0;
    }
    String occurrence = occurrence(queue + "/send");
    RandomStream random = decisions(occurrence);
    boolean late = random.chance(plan.platform().queueDelay());
    long by = random.sampleNanos(plan.platform().queueDelayBy());
    return late
            && inject("queue.delay", occurrence, producer, decision("queue", queue, "delayNs", by))
        ? by
        : 0;
  }

  @Override
  public long queueDuplicateAfterNanos(String queue, String messageId) {
    if (healed) {
      return -1;
    }
    String occurrence = occurrence(queue + "/delivery");
    RandomStream random = decisions(occurrence);
    boolean twice = random.chance(plan.platform().queueDuplicate());
    long after = random.sampleNanos(plan.platform().queueDuplicateAfter());
    return twice
            && inject(
                "queue.duplicate",
                occurrence,
                "queue:" + queue,
                decision("id", messageId, "afterNs", after))
        ? after
        : -1;
  }

  @Override
  public boolean queueConsumerCrash(String consumer, String queue) {
    if (healed || !inScope(consumer)) {
      return false;
    }
    String occurrence = occurrence(queue + "/batch");
    RandomStream random = decisions(occurrence);
    boolean crash = random.chance(plan.platform().queueConsumerCrash());
    long restartAfter = random.sampleNanos(plan.process().restartAfter());
    if (!crash
        || !inject(
            "queue.consumer-crash",
            occurrence,
            consumer,
            decision("queue", queue, "restartAfterNs", restartAfter))) {
      return false;
    }
    crashInNextEvent(consumer, restartAfter, "injected crash mid-batch of queue " + queue);
    return true;
  }

  /** Crashes the instance {@code actor} ({@code svc#0}) in the next event, restarting it later. */
  private void crashInNextEvent(String actor, long restartAfter, String reason) {
    int hash = actor.indexOf('#');
    if (hash <= 0) {
      return;
    }
    World world = context.world();
    String service = actor.substring(0, hash);
    int instance = Integer.parseInt(actor.substring(hash + 1));
    context.schedule(
        0,
        "fault.crash",
        decision("target", actor),
        () -> {
          if (world.isRunning(service, instance)) {
            world.crash(service, instance, reason);
            context.schedule(
                restartAfter,
                "fault.restart",
                decision("target", actor),
                () -> {
                  if (!world.isRunning(service, instance)) {
                    world.restart(service, instance);
                  }
                });
          }
        });
  }

  // ---------------------------------------------------------------- clocks

  private void skewClocks() {
    FaultPlan.ClockFaults clock = plan.clock();
    // Own streams for the run-wide modes, so that a run in neither draws what it drew before.
    wideClocks = context.random("clock-wide").chance(clock.wide());
    strobingClocks = context.random("clock-strobing").chance(clock.strobing());
    long maxOffset = wideClocks ? clock.maxWideMillis() : clock.maxOffsetMillis();
    RandomStream random = context.random("clock");
    for (String service : services) {
      boolean skewed = random.chance(clock.skewed());
      long offset = random.nextLong(-maxOffset, maxOffset);
      long drift = random.nextLong(-clock.maxDriftPpm(), clock.maxDriftPpm());
      // The draws above are made for every service, so sparing one leaves the others' skews.
      if (skewed
          && inScope(service)
          && inject(
              "clock.skew",
              occurrence(service + "/clock"),
              service,
              decision("offsetMs", offset, "driftPpm", drift))) {
        skews.put(service, new Skew(offset, drift));
      }
    }
  }

  @Override
  public long monotonicNanos(String service, long virtualNanos) {
    Skew skew = healed ? null : skews.get(service);
    if (skew == null) {
      return virtualNanos;
    }
    // Drift stretches or shrinks time but never reverses it (|drift| < 1,000,000 ppm); split the
    // product so it cannot overflow.
    long ppm = skew.driftPpm;
    return virtualNanos
        + Math.floorDiv(virtualNanos, 1_000_000L) * ppm
        + Math.floorDiv(Math.floorMod(virtualNanos, 1_000_000L) * ppm, 1_000_000L);
  }

  @Override
  public long epochMillis(String service, long trueEpochMillis, long virtualNanos) {
    Skew skew = healed ? null : skews.get(service);
    if (skew == null) {
      return trueEpochMillis;
    }
    long driftMillis = virtualNanos / NANOS_PER_MILLI * skew.driftPpm / 1_000_000L;
    long strobed = skew.strobe == null ? 0 : skew.strobe.offsetAt(virtualNanos);
    return trueEpochMillis + skew.offsetMillis + driftMillis + skew.jumpedMillis + strobed;
  }

  // ---------------------------------------------------------------- BUGGIFY

  @Override
  public boolean fire(String actor, String site) {
    FaultPlan.BuggifyFaults buggify = plan.buggify();
    if (healed || !buggify.enabled() || !inScope(actor)) {
      return false;
    }
    if (!activation(site)) {
      return false;
    }
    String occurrence = occurrence("buggify/" + site);
    return decisions(occurrence).chance(buggify.fire())
        && inject("buggify", occurrence, actor, decision("site", site));
  }

  /**
   * Whether a site is active this run: decided once, from the seed and the site's name only, at the
   * start for declared sites and when first reached for the others; recorded either way.
   */
  private boolean activation(String site) {
    Boolean active = activeSites.get(site);
    if (active == null) {
      active = context.random("buggify/" + site).chance(plan.buggify().activation());
      activeSites.put(site, active);
      context.record("buggify.site", decision("site", site, "active", active));
    }
    return active;
  }

  // ---------------------------------------------------------------- timed faults

  private void scheduleTimedFaults() {
    FaultPlan.NetworkFaults net = plan.network();
    FaultPlan.ProcessFaults proc = plan.process();
    every(net.partitionEvery(), "fault.partition-tick", this::startPartition);
    every(net.clogEvery(), "fault.clog-tick", this::swizzleClog);
    every(proc.instanceCrashEvery(), "fault.crash-tick", this::crashInstance);
    every(proc.objectCrashEvery(), "fault.object-crash-tick", () -> crashObject(false));
    every(proc.evictEvery(), "fault.evict-tick", () -> crashObject(true));
    every(plan.clock().jumpEvery(), "fault.clock-tick", this::jumpClock);
    if (strobingClocks) {
      every(plan.clock().strobeEvery(), "fault.clock-strobe-tick", this::strobeClock);
    }
  }

  /** Runs {@code action} at intervals drawn from {@code interval} until healed (null: never). */
  private void every(Distribution interval, String kind, Runnable action) {
    if (interval == null) {
      return;
    }
    RandomStream timing = context.random("timing/" + kind);
    context.schedule(
        timing.sampleNanos(interval),
        kind,
        decision(),
        () -> {
          if (healed) {
            return;
          }
          action.run();
          every(interval, kind, action);
        });
  }

  private enum PartitionMode {
    SYMMETRIC,
    ASYMMETRIC,
    ISOLATE,
    HALVES
  }

  private void startPartition() {
    // Spared services are left out of the draw, so partitions fall among the others.
    List<String> nodes = new ArrayList<>(services);
    if (scoped) {
      nodes.removeIf(service -> coveredBy(scope.spared(), new Owner(service, null)));
    }
    if (nodes.size() < 2) {
      return;
    }
    RandomStream random = context.random("partitions");
    PartitionMode mode = PartitionMode.values()[random.nextInt(PartitionMode.values().length)];
    long lasts = random.sampleNanos(plan.network().partitionLasts());
    random.shuffle(nodes);
    List<String> links = new ArrayList<>();
    switch (mode) {
      case SYMMETRIC -> {
        links.add(nodes.get(0) + "->" + nodes.get(1));
        links.add(nodes.get(1) + "->" + nodes.get(0));
      }
      case ASYMMETRIC -> links.add(nodes.get(0) + "->" + nodes.get(1));
      case ISOLATE -> {
        String alone = nodes.get(0);
        List<String> others = new ArrayList<>(services);
        others.remove(alone);
        others.add("workload"); // an isolated public service loses its clients too
        for (String other : others) {
          links.add(alone + "->" + other);
          links.add(other + "->" + alone);
        }
      }
      case HALVES -> {
        int half = nodes.size() / 2;
        for (String a : nodes.subList(0, half)) {
          for (String b : nodes.subList(half, nodes.size())) {
            links.add(a + "->" + b);
            links.add(b + "->" + a);
          }
        }
      }
    }
    links = linksInScope(links);
    if (links.isEmpty()) {
      return;
    }
    String occurrence = occurrence("partitions");
    String id = "network.partition:" + occurrence;
    if (!inject(
        "network.partition",
        occurrence,
        String.join(",", links),
        decision("mode", mode.name(), "lastsNs", lasts))) {
      return;
    }
    for (String link : links) {
      partitioned.put(link, id);
    }
    context.schedule(
        lasts,
        "fault.partition-healed",
        decision("fault", id),
        () -> partitioned.values().removeIf(id::equals));
  }

  /** FoundationDB's swizzle-clogging: clog links one by one, then unclog them in another order. */
  private void swizzleClog() {
    if (services.size() < 2) {
      return;
    }
    RandomStream random = context.random("clogging");
    List<String> links = new ArrayList<>();
    for (String a : services) {
      for (String b : services) {
        if (!a.equals(b) && random.nextBoolean()) {
          links.add(a + "->" + b);
        }
      }
    }
    // Every pair was drawn above; the scope only filters, so the draws stay where they were.
    links = linksInScope(links);
    if (links.isEmpty()) {
      return;
    }
    random.shuffle(links);
    List<String> unclogOrder = new ArrayList<>(links);
    random.shuffle(unclogOrder);
    long step = random.sampleNanos(plan.network().clogStep());
    if (!inject(
        "network.swizzle-clog",
        occurrence("clogging"),
        String.join(",", links),
        decision("stepNs", step, "unclogOrder", unclogOrder))) {
      return;
    }
    long now = context.nowNanos();
    long unclogStart = now + step * links.size();
    for (int i = 0; i < unclogOrder.size(); i++) {
      cloggedUntil.put(unclogOrder.get(i), unclogStart + step * (i + 1));
    }
  }

  private void crashInstance() {
    List<String> candidates = new ArrayList<>(services);
    if (scoped) {
      candidates.removeIf(candidate -> !inScope(candidate));
      if (candidates.isEmpty()) {
        return;
      }
    }
    String occurrence = occurrence("crashes");
    RandomStream random = decisions(occurrence);
    String service = candidates.get(random.nextInt(candidates.size()));
    ServiceSpec spec = context.world().topology().service(service);
    int instance = random.nextInt(spec.instances());
    long restartAfter = random.sampleNanos(plan.process().restartAfter());
    World world = context.world();
    if (!world.isRunning(service, instance)) {
      return;
    }
    if (!inject(
        "process.crash",
        occurrence,
        service + "#" + instance,
        decision("restartAfterNs", restartAfter))) {
      return;
    }
    world.crash(service, instance, "injected crash");
    context.schedule(
        restartAfter,
        "fault.restart",
        decision("target", service + "#" + instance),
        () -> {
          if (!world.isRunning(service, instance)) {
            world.restart(service, instance);
          }
        });
  }

  private void crashObject(boolean onlyIdle) {
    String occurrence = occurrence(onlyIdle ? "evictions" : "object-crashes");
    RandomStream random = decisions(occurrence);
    World world = context.world();
    List<World.ObjectRef> candidates = new ArrayList<>();
    for (World.ObjectRef ref : world.objects()) {
      if (ref.running()
          && (!onlyIdle || world.isObjectIdle(ref))
          && (!scoped || inScope(ref.binding() + ":" + ref.idHex().substring(0, 12)))) {
        candidates.add(ref);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    World.ObjectRef victim = candidates.get(random.nextInt(candidates.size()));
    String family = onlyIdle ? "process.evict" : "process.object-crash";
    if (inject(
        family, occurrence, victim.binding() + ":" + victim.idHex().substring(0, 12), decision())) {
      if (onlyIdle) {
        world.evictObject(victim, "evicted while idle");
      } else {
        world.crashObject(victim, "injected crash");
      }
    }
  }

  private void jumpClock() {
    if (skews.isEmpty()) {
      return;
    }
    RandomStream random = context.random("clock-jumps");
    List<String> skewed = new ArrayList<>(skews.keySet());
    String service = skewed.get(random.nextInt(skewed.size()));
    long maxJump = wideClocks ? plan.clock().maxWideMillis() : plan.clock().maxJumpMillis();
    long jump = random.nextLong(-maxJump, maxJump);
    if (inject("clock.jump", occurrence("clock-jumps"), service, decision("jumpMs", jump))) {
      skews.get(service).jumpedMillis += jump;
    }
  }

  /**
   * Starts strobing one service's wall clock (any service in scope, skewed or not): the strobe
   * Jepsen's clock nemesis uses to break code that assumes time moves forwards.
   */
  private void strobeClock() {
    List<String> candidates = new ArrayList<>();
    for (String service : services) {
      if (inScope(service)) {
        candidates.add(service);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    RandomStream random = context.random("clock-strobes");
    String service = candidates.get(random.nextInt(candidates.size()));
    long by = random.nextLong(-plan.clock().maxStrobeMillis(), plan.clock().maxStrobeMillis());
    long periodMillis = random.nextLong(5, 51);
    long forMillis = random.nextLong(1_000, 10_001);
    if (inject(
        "clock.strobe",
        occurrence("clock-strobes"),
        service,
        decision("byMs", by, "periodMs", periodMillis, "forMs", forMillis))) {
      long now = context.nowNanos();
      Skew skew = skews.computeIfAbsent(service, unskewed -> new Skew(0, 0));
      skew.strobe =
          new Strobe(now, now + forMillis * NANOS_PER_MILLI, periodMillis * NANOS_PER_MILLI, by);
    }
  }

  // ---------------------------------------------------------------- healing

  @Override
  public void heal() {
    healed = true;
    partitioned.clear();
    cloggedUntil.clear();
    context.record("fault.healed", decision("injected", injectedCount));
  }
}
