package dev.w9y.core.workflow;

import dev.w9y.core.async.Promise;
import dev.w9y.core.guest.GuestInstanceLost;
import dev.w9y.core.platform.PlatformContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The world's workflow engine (Cloudflare Workflows, as Miniflare's engine runs them): every
 * workflow's instances, their durable state (step results, sleeps, events received) and their
 * executions. An execution is one run of the instance's {@code run(event, step)} in a guest of the
 * workflow's service, from the start; the engine re-runs it after a crash, and each step whose
 * result is durable is replayed instead of run, so a step whose side effect happened but whose
 * result was not yet durable runs again (at-least-once).
 *
 * <p>State lives here, not in a guest: a guest's crash loses only what was not yet checkpointed.
 * Checkpoints, sleeps, retries and timeouts are scheduled events recorded in the trace ({@code
 * workflow.*}), and the storage fault hooks decide the workflow faults ({@code
 * storage.workflow-crash}, {@code storage.workflow-step-failure}, {@code
 * storage.workflow-wakeup-delay}).
 */
public final class WorkflowEngine {
  /** How long after a crash the engine runs the instance again. */
  static final long RECOVERY_NANOS = 1_000_000_000L;

  /** How long a step result takes to become durable (the checkpoint write). */
  static final long CHECKPOINT_NANOS = 1_000_000L;

  /** How long the engine waits for a running instance of the workflow's service. */
  static final long NO_INSTANCE_RETRY_NANOS = 1_000_000_000L;

  static final long NANOS_PER_MILLI = 1_000_000L;

  /** Miniflare's step limit per execution (STEP_LIMIT). */
  static final int STEP_LIMIT = 10_000;

  private final PlatformContext platform;
  private final Map<String, Workflow> workflows = new LinkedHashMap<>();

  private WorkflowEngine(PlatformContext platform) {
    this.platform = platform;
  }

  /** The world's engine. */
  public static WorkflowEngine of(PlatformContext platform) {
    return platform.shared(WorkflowEngine.class, WorkflowEngine::new);
  }

  PlatformContext platform() {
    return platform;
  }

  /** The workflow {@code binding} names, registered on first use. */
  Workflow workflow(WorkflowBinding binding, String declaringService) {
    String service = binding.scriptName() == null ? declaringService : binding.scriptName();
    Workflow workflow = workflows.get(binding.workflowName());
    if (workflow == null) {
      if (platform.topology().services().stream().noneMatch(s -> s.name().equals(service))) {
        throw new IllegalArgumentException(
            "workflow "
                + binding.workflowName()
                + " (binding of service "
                + declaringService
                + "): script_name '"
                + service
                + "' names no service of the topology");
      }
      workflow = new Workflow(binding.workflowName(), binding.className(), service);
      workflows.put(binding.workflowName(), workflow);
      if (binding.replay() != null) {
        startReplay(workflow, binding.replay());
      }
    } else if (!workflow.className.equals(binding.className())
        || !workflow.service.equals(service)) {
      throw new IllegalArgumentException(
          "workflow "
              + binding.workflowName()
              + " is bound twice with different classes: "
              + workflow.className
              + " of "
              + workflow.service
              + " and "
              + binding.className()
              + " of "
              + service);
    }
    return workflow;
  }

  /** The workflows the engine knows, by name. */
  public Map<String, Workflow> workflows() {
    return workflows;
  }

  // ---------------------------------------------------------------- the model

  /** One workflow: its class and its instances, in creation order. */
  public final class Workflow {
    final String name;
    final String className;
    final String service;
    final Map<String, Instance> instances = new LinkedHashMap<>();
    WorkflowHistory replay;

    Workflow(String name, String className, String service) {
      this.name = name;
      this.className = className;
      this.service = service;
    }

    public String name() {
      return name;
    }

    public Map<String, Instance> instances() {
      return instances;
    }

    /** Creates instance {@code id} with {@code params} (structured-clone bytes). */
    Instance create(String id, String params, String paramsJson) {
      if (instances.containsKey(id)) {
        throw new WorkflowException(
            "WorkflowError",
            "(instance.already_exists) Workflow instance '"
                + id
                + "' already exists in workflow "
                + name);
      }
      Instance instance = new Instance(this, id, params, platform.epochMillis());
      instances.put(id, instance);
      platform.record(
          instance.actor,
          "workflow.create",
          details("instance", id, "params", paramsJson, "value", Wire.b64(params)));
      instance.queue("created");
      return instance;
    }
  }

  /** An error a workflow operation answers with: its JavaScript name and message. */
  public static final class WorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorName;

    WorkflowException(String errorName, String message) {
      super(message);
      this.errorName = errorName;
    }

    public String errorName() {
      return errorName;
    }
  }

  /** A durable step outcome: a value (structured-clone bytes and its JSON) or an error. */
  record Outcome(String value, String json, String errorName, String errorMessage) {
    static Outcome value(String value, String json) {
      return new Outcome(value, json, null, null);
    }

    static Outcome error(String name, String message) {
      return new Outcome(null, null, name, message);
    }

    boolean failed() {
      return errorName != null;
    }

    Object[] parts() {
      return failed() ? new Object[] {1, errorName, errorMessage} : new Object[] {0, value};
    }
  }

  /** An event sent to an instance: type, payload bytes, when. */
  record SentEvent(String type, String payload, long timestampMillis) {}

  /** One instance of a workflow: its status and its durable state. */
  public final class Instance {
    final Workflow workflow;
    final String id;
    final String actor;
    final String params;
    final long createdMillis;
    String status = "queued";
    String output;
    String outputJson;
    String errorName;
    String errorMessage;

    /** Durable step outcomes by key ({@code do:name#n}, {@code wait:name#n}). */
    final Map<String, Outcome> results = new LinkedHashMap<>();

    /** Durable wake-up times of sleeps ({@code sleep:name#n}), virtual nanos. */
    final Map<String, Long> sleeps = new LinkedHashMap<>();

    /** Durable deadlines of event waits, virtual nanos. */
    final Map<String, Long> waitDeadlines = new LinkedHashMap<>();

    /** Events sent and not yet taken by a wait, by type. */
    final Map<String, List<SentEvent>> pendingEvents = new TreeMap<>();

    Execution current;
    int executions;
    long pausedAtNanos = -1;
    boolean replaying;

    Instance(Workflow workflow, String id, String params, long createdMillis) {
      this.workflow = workflow;
      this.id = id;
      this.actor = "workflow:" + workflow.name + "/" + id;
      this.params = params;
      this.createdMillis = createdMillis;
    }

    public String id() {
      return id;
    }

    public String status() {
      return status;
    }

    boolean finished() {
      return status.equals("complete") || status.equals("errored") || status.equals("terminated");
    }

    PlatformContext.Cancellable schedule(
        long delayNanos, String kind, Map<String, Object> details, Runnable action) {
      return WorkflowEngine.this.schedule(delayNanos, actor, kind, details, action);
    }

    /** Starts an execution in the next event. */
    void queue(String reason) {
      status = "queued";
      schedule(0, "workflow.queued", details("instance", id, "reason", reason), this::run);
    }

    private void run() {
      if (!status.equals("queued") || current != null) {
        return;
      }
      executions++;
      Execution execution = new Execution(this, executions);
      // Current before the guest runs: run() makes its first step calls synchronously.
      current = execution;
      status = "running";
      platform.record(
          actor, "workflow.run", details("instance", id, "execution", (long) executions));
      PlatformContext.Dispatch delivery =
          platform.dispatch(
              workflow.service, "workflow", new WorkflowRun(WorkflowEngine.this, execution), false);
      if (delivery == null) {
        current = null;
        status = "queued";
        schedule(
            NO_INSTANCE_RETRY_NANOS,
            "workflow.queued",
            details("instance", id, "reason", "no running instance of " + workflow.service),
            this::run);
        return;
      }
      execution.guest = delivery.actor();
      delivery.result().whenComplete((value, error) -> execution.ended(value, error));
    }

    /**
     * Ends the running execution (a crash, a pause, a termination): its guest calls are ignored.
     */
    void abandon() {
      if (current != null) {
        current.over = true;
        for (PlatformContext.Cancellable timer : current.timers) {
          timer.cancel();
        }
        current = null;
      }
    }

    /** The engine crashed under this instance: it runs again from the start a little later. */
    void crash(String reason) {
      platform.record(actor, "workflow.crash", details("instance", id, "reason", reason));
      abandon();
      status = "queued";
      schedule(
          RECOVERY_NANOS,
          "workflow.queued",
          details("instance", id, "reason", "recovery after a crash"),
          this::run);
    }

    void complete(String value, String json) {
      abandon();
      status = "complete";
      output = value;
      outputJson = json;
      platform.record(actor, "workflow.complete", details("instance", id, "output", json));
    }

    void error(String name, String message) {
      abandon();
      status = "errored";
      errorName = name;
      errorMessage = message;
      platform.record(
          actor, "workflow.errored", details("instance", id, "error", name + ": " + message));
    }

    // ------------------------------------------------------------ the binding's operations

    /** {@code status()}: status, error name and message (or nulls), output bytes (or null). */
    Object[] describe() {
      return new Object[] {status, errorName, errorMessage, output};
    }

    void pause() {
      if (!status.equals("running") && !status.equals("waiting")) {
        return;
      }
      platform.record(actor, "workflow.pause", details("instance", id));
      if (status.equals("waiting") || (current != null && current.runningAttempts() == 0)) {
        paused();
      } else {
        status = "waitingForPause";
      }
    }

    private void paused() {
      abandon();
      status = "paused";
      pausedAtNanos = platform.nowNanos();
      platform.record(actor, "workflow.paused", details("instance", id));
    }

    void resume() {
      if (status.equals("waitingForPause")) {
        status = "running";
        platform.record(actor, "workflow.resume", details("instance", id));
      } else if (status.equals("paused")) {
        long pausedFor = platform.nowNanos() - pausedAtNanos;
        // Sleeps do not run down while paused (Miniflare offsets its timers by the pause).
        sleeps.replaceAll((key, wake) -> wake + pausedFor);
        waitDeadlines.replaceAll((key, deadline) -> deadline + pausedFor);
        pausedAtNanos = -1;
        platform.record(actor, "workflow.resume", details("instance", id));
        queue("resumed");
      }
    }

    void terminate() {
      if (finished()) {
        throw new WorkflowException(
            "WorkflowError",
            "(instance.cannot_terminate) Cannot terminate instance since its on a finite state");
      }
      abandon();
      status = "terminated";
      platform.record(actor, "workflow.terminate", details("instance", id));
    }

    void restart() {
      abandon();
      results.clear();
      sleeps.clear();
      waitDeadlines.clear();
      pendingEvents.clear();
      output = null;
      outputJson = null;
      errorName = null;
      errorMessage = null;
      pausedAtNanos = -1;
      platform.record(actor, "workflow.restart", details("instance", id));
      queue("restarted");
    }

    void sendEvent(String type, String payload, String json) {
      platform.record(
          actor,
          "workflow.event.send",
          details("instance", id, "type", type, "payload", json, "value", Wire.b64(payload)));
      SentEvent event = new SentEvent(type, payload, platform.epochMillis());
      if (current != null && current.offer(event)) {
        return;
      }
      pendingEvents.computeIfAbsent(type, t -> new ArrayList<>()).add(event);
    }
  }

  // ---------------------------------------------------------------- executions

  /** One run of an instance's {@code run()}: its step counters, attempts, waits and timers. */
  final class Execution {
    final Instance instance;
    final int number;
    String guest;
    boolean over;
    final Map<String, Long> counters = new LinkedHashMap<>();
    final Map<Long, Attempt> attempts = new LinkedHashMap<>();
    final List<Waiter> waiters = new ArrayList<>();
    final List<PlatformContext.Cancellable> timers = new ArrayList<>();
    long nextToken = 1;
    int steps;
    int sleepingOrWaiting;

    /** The index of the next step call, for the replay check. */
    int calls;

    Execution(Instance instance, int number) {
      this.instance = instance;
      this.number = number;
    }

    int runningAttempts() {
      return attempts.size();
    }

    boolean live() {
      return !over && instance.current == this;
    }

    /** The key of the next call of {@code kind} named {@code name}: {@code do:charge#1}. */
    String key(String kind, String name) {
      long count = counters.merge(kind + ":" + name, 1L, Long::sum);
      return kind + ":" + name + "#" + count;
    }

    /**
     * Before a step call: a pause asked for takes effect at a step boundary; the replay check
     * compares the call with the history. False if the execution stops here.
     */
    boolean enterStep(String kind, String name, String key) {
      if (!live()) {
        return false;
      }
      if (instance.status.equals("waitingForPause")) {
        instance.paused();
        return false;
      }
      if (instance.replaying) {
        return replayStep(this, kind, name, key);
      }
      return true;
    }

    void ended(Object value, Throwable error) {
      if (!live()) {
        return;
      }
      if (error != null) {
        if (GuestInstanceLost.isLost(error)) {
          instance.crash("guest " + guest + " lost: " + error.getMessage());
        } else {
          instance.error("Error", error.getMessage());
        }
        return;
      }
      Object[] parts = (Object[]) value;
      if (instance.replaying && !replayFinished(this, parts)) {
        return;
      }
      if (((Number) parts[0]).intValue() == 0) {
        instance.complete((String) parts[1], (String) parts[2]);
      } else {
        instance.error((String) parts[1], (String) parts[2]);
      }
    }

    /** A sent event a waiting {@code waitForEvent} takes; false if none waits for its type. */
    boolean offer(SentEvent event) {
      for (Waiter waiter : waiters) {
        if (waiter.type.equals(event.type())) {
          waiters.remove(waiter);
          waiter.receive(event);
          return true;
        }
      }
      return false;
    }

    PlatformContext.Cancellable schedule(
        long delayNanos, String kind, Map<String, Object> details, Runnable action) {
      PlatformContext.Cancellable timer =
          WorkflowEngine.this.schedule(delayNanos, instance.actor, kind, details, action);
      timers.add(timer);
      return timer;
    }
  }

  /** A step's retry policy, as resolved from its config and the defaults. */
  record StepConfig(long limit, long delayMillis, String backoff, long timeoutMillis) {
    /** Miniflare's calcRetryDuration: the delay after failed attempt {@code attempt}. */
    long retryDelayMillis(long attempt) {
      return switch (backoff) {
        case "exponential" -> delayMillis * (1L << Math.min(attempt - 1, 40));
        case "linear" -> delayMillis * attempt;
        default -> delayMillis;
      };
    }
  }

  /** One attempt of a {@code step.do}: the guest reports its outcome with the token. */
  final class Attempt {
    final Execution execution;
    final String key;
    final String name;
    final StepConfig config;
    final long number;
    final long token;
    final Promise.Deferred<Object[]> timedOut = Promise.deferred();
    PlatformContext.Cancellable timeout;

    Attempt(Execution execution, String key, String name, StepConfig config, long number) {
      this.execution = execution;
      this.key = key;
      this.name = name;
      this.config = config;
      this.number = number;
      this.token = execution.nextToken++;
    }
  }

  /** A {@code waitForEvent} waiting. */
  final class Waiter {
    final Execution execution;
    final String key;
    final String type;
    final Promise.Deferred<Object[]> reply;
    PlatformContext.Cancellable timeout;

    Waiter(Execution execution, String key, String type, Promise.Deferred<Object[]> reply) {
      this.execution = execution;
      this.key = key;
      this.type = type;
      this.reply = reply;
    }

    void receive(SentEvent event) {
      if (timeout != null) {
        timeout.cancel();
      }
      execution.sleepingOrWaiting--;
      Instance instance = execution.instance;
      instance.waitDeadlines.remove(key);
      Outcome outcome =
          Outcome.value(event.payload(), event.type() + "@" + event.timestampMillis());
      instance.results.put(key, outcome);
      platform.record(
          instance.actor,
          "workflow.event.received",
          details(
              "instance",
              instance.id,
              "step",
              key,
              "type",
              event.type(),
              "result",
              outcome.json(),
              "value",
              Wire.b64(event.payload())));
      if (instance.status.equals("waiting") && execution.sleepingOrWaiting == 0) {
        instance.status = "running";
      }
      reply.resolve(
          new Object[] {0, event.payload(), event.type(), (double) event.timestampMillis()});
    }
  }

  // ---------------------------------------------------------------- step.do

  /** {@code step.do(name, config, fn)}: see {@link WorkflowRun#stepDo}. */
  Promise<Object[]> stepDo(Execution execution, String name, StepConfig config) {
    Promise.Deferred<Object[]> reply = Promise.deferred();
    String key = execution.key("do", name);
    if (!execution.enterStep("do", name, key)) {
      return reply.promise();
    }
    Instance instance = execution.instance;
    if (++execution.steps > STEP_LIMIT) {
      reply.resolve(
          new Object[] {
            1,
            "WorkflowFatalError",
            "The limit of "
                + STEP_LIMIT
                + " steps has been reached. This limit can be changed in your worker configuration."
          });
      return reply.promise();
    }
    Outcome durable = instance.results.get(key);
    if (durable != null) {
      platform.record(
          instance.actor,
          "workflow.step.replay",
          details(
              "instance",
              instance.id,
              "step",
              key,
              durable.failed() ? "error" : "result",
              durable.failed()
                  ? durable.errorName() + ": " + durable.errorMessage()
                  : durable.json()));
      reply.resolve(durable.parts());
      return reply.promise();
    }
    startAttempt(execution, key, name, config, 1, reply);
    return reply.promise();
  }

  private void startAttempt(
      Execution execution,
      String key,
      String name,
      StepConfig config,
      long number,
      Promise.Deferred<Object[]> reply) {
    if (!execution.live()) {
      return;
    }
    Instance instance = execution.instance;
    Attempt attempt = new Attempt(execution, key, name, config, number);
    platform.record(
        instance.actor,
        "workflow.step.start",
        details("instance", instance.id, "step", key, "attempt", number));
    if (platform.storageHooks().workflowStepFailure(instance.actor, key, number)) {
      failAttempt(attempt, "Error", "injected step failure (storage.workflow-step-failure)", reply);
      return;
    }
    execution.attempts.put(attempt.token, attempt);
    attempt.timeout =
        execution.schedule(
            config.timeoutMillis() * NANOS_PER_MILLI,
            "workflow.step.timeout",
            details("instance", instance.id, "step", key, "attempt", number),
            () -> attempt.timedOut.resolve(new Object[] {config.timeoutMillis()}));
    reply.resolve(new Object[] {2, (double) attempt.token, (double) number});
  }

  /** The guest's attempt {@code token} timed out (its promise settles when the timeout fires). */
  Promise<Object[]> attemptTimeout(Execution execution, long token) {
    Attempt attempt = execution.attempts.get(token);
    if (attempt == null) {
      return Promise.<Object[]>deferred().promise(); // settled already: never times out
    }
    return attempt.timedOut.promise();
  }

  /**
   * The guest's attempt {@code token} ended: {@code kind} 0 with the result's bytes and JSON, 1
   * with the error's name and message, 2 if the result cannot be serialized, 3 if it timed out.
   */
  Promise<Object[]> attemptDone(
      Execution execution, long token, int kind, String first, String second) {
    Promise.Deferred<Object[]> reply = Promise.deferred();
    Attempt attempt = execution.attempts.remove(token);
    if (attempt == null || !execution.live()) {
      return reply.promise(); // a stale attempt: an earlier execution's, or timed out already
    }
    if (attempt.timeout != null) {
      attempt.timeout.cancel();
    }
    Instance instance = execution.instance;
    switch (kind) {
      case 0 -> checkpoint(attempt, first, second, reply);
      case 2 -> {
        platform.record(
            instance.actor,
            "workflow.step.fail",
            details("instance", instance.id, "step", attempt.key, "error", "not serialisable"));
        instance.error(
            "WorkflowFatalError",
            "The execution of the Workflow instance was terminated, as the step \""
                + attempt.name
                + "\" returned a value which is not serialisable");
      }
      case 3 ->
          failAttempt(
              attempt,
              "WorkflowTimeoutError",
              "Execution timed out after " + attempt.config.timeoutMillis() + "ms",
              reply);
      default -> failAttempt(attempt, first, second, reply);
    }
    return reply.promise();
  }

  private void checkpoint(
      Attempt attempt, String value, String json, Promise.Deferred<Object[]> reply) {
    Execution execution = attempt.execution;
    Instance instance = execution.instance;
    if (platform.storageHooks().workflowCrashBeforeCheckpoint(instance.actor, attempt.key)) {
      instance.crash("engine crashed before the result of " + attempt.key + " was durable");
      return;
    }
    afterPause(execution);
    execution.schedule(
        CHECKPOINT_NANOS,
        "workflow.checkpoint",
        details("instance", instance.id, "step", attempt.key),
        () -> {
          instance.results.put(attempt.key, Outcome.value(value, json));
          platform.record(
              instance.actor,
              "workflow.step.complete",
              details(
                  "instance",
                  instance.id,
                  "step",
                  attempt.key,
                  "attempt",
                  attempt.number,
                  "result",
                  json,
                  "value",
                  Wire.b64(value)));
          reply.resolve(new Object[] {0, value});
        });
  }

  private void failAttempt(
      Attempt attempt, String errorName, String message, Promise.Deferred<Object[]> reply) {
    Execution execution = attempt.execution;
    Instance instance = execution.instance;
    String error = errorName + ": " + message;
    boolean nonRetryable =
        errorName.equals("NonRetryableError") || message.startsWith("NonRetryableError");
    if (nonRetryable) {
      platform.record(
          instance.actor,
          "workflow.step.fail",
          details(
              "instance",
              instance.id,
              "step",
              attempt.key,
              "attempt",
              attempt.number,
              "error",
              error));
      afterPause(execution);
      reply.resolve(new Object[] {1, errorName, message});
      return;
    }
    if (attempt.number <= attempt.config.limit()) {
      long delay = attempt.config.retryDelayMillis(attempt.number);
      platform.record(
          instance.actor,
          "workflow.step.retry",
          details(
              "instance",
              instance.id,
              "step",
              attempt.key,
              "attempt",
              attempt.number,
              "error",
              error,
              "delayMs",
              delay));
      execution.schedule(
          delay * NANOS_PER_MILLI,
          "workflow.step.retry-wake",
          details("instance", instance.id, "step", attempt.key),
          () -> {
            if (instance.status.equals("waitingForPause")) {
              instance.paused();
              return;
            }
            startAttempt(
                execution, attempt.key, attempt.name, attempt.config, attempt.number + 1, reply);
          });
      return;
    }
    instance.results.put(attempt.key, Outcome.error(errorName, message));
    platform.record(
        instance.actor,
        "workflow.step.fail",
        details(
            "instance",
            instance.id,
            "step",
            attempt.key,
            "attempt",
            attempt.number,
            "error",
            error));
    afterPause(execution);
    reply.resolve(new Object[] {1, errorName, message});
  }

  /** A pause asked for while steps ran takes effect when none runs. */
  private void afterPause(Execution execution) {
    if (execution.instance.status.equals("waitingForPause") && execution.attempts.isEmpty()) {
      execution.instance.paused();
    }
  }

  // ---------------------------------------------------------------- sleep and events

  /** {@code step.sleep(name, duration)}: resolves when the instance wakes. */
  Promise<Object[]> sleep(Execution execution, String name, long durationMillis) {
    Promise.Deferred<Object[]> reply = Promise.deferred();
    String key = execution.key("sleep", name);
    if (!execution.enterStep("sleep", name, key)) {
      return reply.promise();
    }
    Instance instance = execution.instance;
    Long wake = instance.sleeps.get(key);
    long now = platform.nowNanos();
    if (wake == null) {
      wake = now + Math.max(0, durationMillis) * NANOS_PER_MILLI;
      instance.sleeps.put(key, wake);
      platform.record(
          instance.actor,
          "workflow.sleep",
          details("instance", instance.id, "step", key, "durationMs", durationMillis));
    } else if (wake <= now) {
      platform.record(
          instance.actor, "workflow.step.replay", details("instance", instance.id, "step", key));
      reply.resolve(new Object[] {0});
      return reply.promise();
    }
    execution.sleepingOrWaiting++;
    instance.status = "waiting";
    long delay = wake - now + platform.storageHooks().workflowWakeupDelayNanos(instance.actor);
    execution.schedule(
        delay,
        "workflow.wake",
        details("instance", instance.id, "step", key),
        () -> {
          execution.sleepingOrWaiting--;
          if (execution.sleepingOrWaiting == 0) {
            instance.status = "running";
          }
          reply.resolve(new Object[] {0});
        });
    return reply.promise();
  }

  /** {@code step.waitForEvent(name, {type, timeout})}. */
  Promise<Object[]> waitForEvent(
      Execution execution, String name, String type, long timeoutMillis) {
    Promise.Deferred<Object[]> reply = Promise.deferred();
    String key = execution.key("wait", name);
    if (!execution.enterStep("wait", name, key)) {
      return reply.promise();
    }
    Instance instance = execution.instance;
    Outcome durable = instance.results.get(key);
    if (durable != null) {
      platform.record(
          instance.actor, "workflow.step.replay", details("instance", instance.id, "step", key));
      if (durable.failed()) {
        reply.resolve(durable.parts());
      } else {
        String json = durable.json();
        int at = json.lastIndexOf('@');
        reply.resolve(
            new Object[] {
              0, durable.value(), json.substring(0, at), Double.parseDouble(json.substring(at + 1))
            });
      }
      return reply.promise();
    }
    Waiter waiter = new Waiter(execution, key, type, reply);
    execution.sleepingOrWaiting++;
    List<SentEvent> pending = instance.pendingEvents.get(type);
    if (pending != null && !pending.isEmpty()) {
      SentEvent event = pending.remove(0);
      waiter.receive(event);
      return reply.promise();
    }
    Long deadline = instance.waitDeadlines.get(key);
    long now = platform.nowNanos();
    if (deadline == null) {
      deadline = now + timeoutMillis * NANOS_PER_MILLI;
      instance.waitDeadlines.put(key, deadline);
      platform.record(
          instance.actor,
          "workflow.event.wait",
          details("instance", instance.id, "step", key, "type", type, "timeoutMs", timeoutMillis));
    }
    instance.status = "waiting";
    execution.waiters.add(waiter);
    waiter.timeout =
        execution.schedule(
            Math.max(0, deadline - now),
            "workflow.event.timeout",
            details("instance", instance.id, "step", key, "type", type),
            () -> {
              if (!execution.waiters.remove(waiter)) {
                return;
              }
              execution.sleepingOrWaiting--;
              if (execution.sleepingOrWaiting == 0) {
                instance.status = "running";
              }
              Outcome timedOut =
                  Outcome.error(
                      "WorkflowTimeoutError", "Execution timed out after " + timeoutMillis + "ms");
              instance.results.put(key, timedOut);
              instance.waitDeadlines.remove(key);
              reply.resolve(timedOut.parts());
            });
    return reply.promise();
  }

  // ---------------------------------------------------------------- replay check

  private void startReplay(Workflow workflow, WorkflowHistory history) {
    workflow.replay = history;
    schedule(
        0,
        "workflow:" + workflow.name + "/" + history.instanceId(),
        "workflow.replay.start",
        details("instance", history.instanceId(), "steps", (long) history.steps().size()),
        () -> {
          Instance instance =
              workflow.create(
                  history.instanceId(), Wire.unb64(history.params()), history.paramsJson());
          instance.replaying = true;
          // The recorded outcomes are the new code's durable state: it runs none of its steps.
          for (WorkflowHistory.Step step : history.steps()) {
            if (step.kind().equals("sleep")) {
              instance.sleeps.put(step.key(), 0L);
            } else if (step.error() != null) {
              int colon = step.error().indexOf(": ");
              instance.results.put(
                  step.key(),
                  Outcome.error(
                      colon < 0 ? "Error" : step.error().substring(0, colon),
                      colon < 0 ? step.error() : step.error().substring(colon + 2)));
            } else {
              instance.results.put(
                  step.key(), Outcome.value(Wire.unb64(step.value()), step.result()));
            }
          }
        });
  }

  /** Compares step call {@code key} with the history; false (and the run stops) if it diverges. */
  private boolean replayStep(Execution execution, String kind, String name, String key) {
    WorkflowHistory history = execution.instance.workflow.replay;
    int index = execution.calls++;
    if (index < history.steps().size()) {
      WorkflowHistory.Step expected = history.steps().get(index);
      if (expected.key().equals(key)) {
        return true;
      }
      diverged(
          execution,
          index,
          "step "
              + (index + 1)
              + ": the history has "
              + expected.describe()
              + " but the new code calls "
              + WorkflowHistory.Step.describe(key));
      return false;
    }
    if (history.complete()) {
      diverged(
          execution,
          index,
          "step "
              + (index + 1)
              + ": the new code calls "
              + WorkflowHistory.Step.describe(key)
              + " after the history's last step (the recorded instance completed)");
    } else {
      replayAgrees(execution, "the new code agrees with all " + index + " recorded steps");
    }
    return false;
  }

  private boolean replayFinished(Execution execution, Object[] parts) {
    WorkflowHistory history = execution.instance.workflow.replay;
    int index = execution.calls;
    if (index < history.steps().size()) {
      diverged(
          execution,
          index,
          "step "
              + (index + 1)
              + ": the history has "
              + history.steps().get(index).describe()
              + " but the new code "
              + (((Number) parts[0]).intValue() == 0
                  ? "returned"
                  : "threw " + parts[1] + ": " + parts[2])
              + " without reaching it");
      return false;
    }
    replayAgrees(execution, "the new code agrees with all " + index + " recorded steps");
    return true;
  }

  private void diverged(Execution execution, int index, String message) {
    Instance instance = execution.instance;
    platform.record(
        instance.actor,
        "workflow.replay.diverged",
        details("instance", instance.id, "index", (long) index, "divergence", message));
    instance.abandon();
    instance.status = "terminated";
  }

  private void replayAgrees(Execution execution, String message) {
    Instance instance = execution.instance;
    platform.record(
        instance.actor,
        "workflow.replay.agrees",
        details("instance", instance.id, "note", message));
    instance.replaying = false;
    instance.abandon();
    instance.status = "terminated";
  }

  // ---------------------------------------------------------------- helpers

  PlatformContext.Cancellable schedule(
      long delayNanos, String actor, String kind, Map<String, Object> details, Runnable action) {
    return platform.schedule(delayNanos, actor, kind, details, action);
  }

  static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value instanceof Integer n) {
        value = n.longValue();
      }
      if (value != null) {
        map.put((String) keysAndValues[i], value);
      }
    }
    return map;
  }
}
