// Cloudflare Workflows (durable execution), as Miniflare's engine runs them: the binding
// (env.MY_WORKFLOW: create, createBatch, get; the instance handle: status, pause, resume,
// terminate, restart, sendEvent), the WorkflowEntrypoint base class and the step object its
// run(event, step) gets (do with retries and timeouts, sleep, sleepUntil, waitForEvent).
// The engine (dev.w9y.core.workflow.WorkflowEngine) keeps every durable step outcome and decides
// whether a step runs or is replayed; this file only turns its answers into JavaScript values.
// Answers are arrays: [0, ...values] or [1, errorName, message]; a step.do answer [2, token,
// attempt] means "run the callback now and report the outcome with attemptDone(token, ...)".
// Needs: workers.js (internal.platformBindings/platformEvents, internal.ExecutionContext),
// structured-clone.js.
(function (internal) {
  "use strict";

  // ---------------------------------------------------------------- errors (cloudflare:workflows)

  class NonRetryableError extends Error {
    constructor(message, name = "NonRetryableError") {
      super(message);
      this.name = name;
    }
  }
  function named(name) {
    const Type = class extends Error {};
    Object.defineProperty(Type.prototype, "name", { value: name, writable: true, configurable: true });
    Object.defineProperty(Type, "name", { value: name });
    return Type;
  }
  const WorkflowError = named("WorkflowError");
  const WorkflowTimeoutError = named("WorkflowTimeoutError");
  const WorkflowFatalError = named("WorkflowFatalError");
  const ERRORS = { NonRetryableError, WorkflowError, WorkflowTimeoutError, WorkflowFatalError,
    Error, TypeError, RangeError, SyntaxError, ReferenceError };

  function errorOf(name, message) {
    const Type = Object.prototype.hasOwnProperty.call(ERRORS, name) ? ERRORS[name] : Error;
    const error = new Type(message);
    if (error.name !== name) error.name = name;
    return error;
  }
  function nameOf(e) { return e instanceof Error || (e !== null && typeof e === "object" && typeof e.name === "string") ? String(e.name) : "Error"; }
  function messageOf(e) { return e !== null && typeof e === "object" && "message" in e ? String(e.message) : String(e); }
  // An error reaching the guest from the engine or the binding, as workerd's RPC carries errors:
  // the standard error types keep their name, any other becomes an Error whose message starts with
  // its name ("NonRetryableError: stop now", "WorkflowError: ...").
  const STANDARD = ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"];
  function carried(name, message) {
    return STANDARD.includes(name) ? errorOf(name, message) : new Error(`${name}: ${message}`);
  }
  function answerOrThrow(answer) {
    if (answer[0] !== 0) throw carried(answer[1], answer[2]);
    return answer;
  }
  // What the trace shows of a value (the engine keeps the structured-clone bytes).
  function jsonOf(value) {
    try {
      const json = JSON.stringify(value);
      return json === undefined ? "undefined" : json;
    } catch (e) {
      return String(value);
    }
  }

  function viaJson(value) {
    const json = JSON.stringify(value);
    return json === undefined ? null : JSON.parse(json);
  }

  // Durations as Workflows reads them (itty-time): a number of ms or "10 seconds", "1 day"...
  const UNITS = { year: 315576e5, month: 2592e6, week: 6048e5, day: 864e5, hour: 36e5, minute: 6e4, second: 1e3, m: 1 };
  function millis(value) {
    if (!isNaN(+value)) return +value;
    const [, amount, unit] = String(value).match(/^([^ ]+) +(\w\w*?)s?$/) || [, value];
    return +amount * (UNITS[unit] || 1);
  }

  function call(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  // Miniflare's STEP_CONFIG_SCHEMA: retries {delay >= 0 or a duration, limit >= 0, backoff?}, timeout.
  function validConfig(config) {
    if (config === null || typeof config !== "object") return false;
    for (const key of Object.keys(config)) if (key !== "retries" && key !== "timeout") return false;
    const retries = config.retries;
    if (retries !== undefined) {
      if (retries === null || typeof retries !== "object") return false;
      for (const key of Object.keys(retries)) if (key !== "delay" && key !== "limit" && key !== "backoff") return false;
      if (!(typeof retries.delay === "string" || (typeof retries.delay === "number" && retries.delay >= 0))) return false;
      if (typeof retries.limit !== "number" || retries.limit < 0) return false;
      if (retries.backoff !== undefined && !["constant", "linear", "exponential"].includes(retries.backoff)) return false;
      if (Number.isNaN(millis(retries.delay))) return false;
    }
    const timeout = config.timeout;
    if (timeout !== undefined) {
      if (!(typeof timeout === "string" || (typeof timeout === "number" && timeout >= 0))) return false;
      if (timeout == 0 || Number.isNaN(millis(timeout))) return false;
    }
    return true;
  }
  function userError(error) { error.isUserError = true; return error; }

  // ---------------------------------------------------------------- the step object

  const TIMED_OUT = Symbol("timed out");

  class WorkflowStep {
    #fns;
    constructor(fns) { this.#fns = fns; }

    async do(name, configOrCallback, callback) {
      let closure, config;
      if (callback !== undefined) { closure = callback; config = configOrCallback; }
      else { closure = configOrCallback; config = {}; }
      if (typeof name !== "string" || name.length > 256 || /[\x00-\x1f]/.test(name)) {
        throw userError(carried("WorkflowFatalError", `Step name "${name}" exceeds max length (256 chars) or invalid characters found`));
      }
      if (!validConfig(config)) {
        throw userError(carried("WorkflowFatalError", `Step config for "${name}" is in a invalid format. See https://developers.cloudflare.com/workflows/build/sleeping-and-retrying/`));
      }
      if (typeof closure !== "function") throw new TypeError(`step.do("${name}"): the callback is not a function`);
      const retries = { limit: 5, delay: 1000, backoff: "exponential", ...(config.retries || {}) };
      const timeout = config.timeout === undefined ? "10 minutes" : config.timeout;
      const fns = this.#fns;
      let answer = await call((ok, fail) =>
        fns.do(name, retries.limit, millis(retries.delay), retries.backoff, millis(timeout), ok, fail));
      for (;;) {
        if (answer[0] === 0) return internal.deserialize(answer[1]);
        if (answer[0] === 1) throw userError(carried(answer[1], answer[2]));
        const token = answer[1];
        const attempt = answer[2];
        const timedOut = call((ok, fail) => fns.attemptTimeout(token, ok, fail)).then(() => TIMED_OUT);
        let report;
        try {
          const ctx = { attempt, config: { retries, timeout } };
          const value = await Promise.race([Promise.resolve().then(() => closure(ctx)), timedOut]);
          if (value === TIMED_OUT) {
            report = [3, null, null];
          } else {
            let bytes = null;
            try { bytes = internal.serialize(value); } catch (e) { report = [2, null, null]; }
            if (report === undefined) report = [0, bytes, jsonOf(value)];
          }
        } catch (e) {
          report = [1, nameOf(e), messageOf(e)];
        }
        answer = await call((ok, fail) => fns.attemptDone(token, report[0], report[1], report[2], ok, fail));
      }
    }

    async sleep(name, duration) {
      const ms = typeof duration === "string" ? millis(duration) : +duration;
      if (Number.isNaN(ms)) throw new TypeError(`step.sleep("${name}"): '${duration}' is not a duration`);
      const fns = this.#fns;
      await call((ok, fail) => fns.sleep(String(name), ms, ok, fail));
    }

    async sleepUntil(name, timestamp) {
      const when = timestamp instanceof Date ? timestamp.valueOf() : +timestamp;
      const now = this.#fns.now();
      if (when < now) throw new Error("You can't sleep until a time in the past, time-traveler");
      return this.sleep(name, when - now);
    }

    async waitForEvent(name, options) {
      if (options === null || typeof options !== "object" || typeof options.type !== "string") {
        throw new TypeError(`step.waitForEvent("${name}"): options need a type (a string)`);
      }
      const timeout = millis(options.timeout || "24 hours");
      const fns = this.#fns;
      const answer = await call((ok, fail) => fns.waitForEvent(String(name), options.type, timeout, ok, fail));
      if (answer[0] !== 0) throw userError(carried(answer[1], answer[2]));
      return { payload: internal.deserialize(answer[1]), type: answer[2], timestamp: new Date(answer[3]) };
    }
  }

  // ---------------------------------------------------------------- WorkflowEntrypoint, run()

  class WorkflowEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  Object.defineProperty(globalThis, "__w9yWorkflows", {
    value: Object.freeze({ WorkflowEntrypoint, NonRetryableError }),
    enumerable: false, configurable: false, writable: false,
  });

  function isNonRetryable(e) {
    return e instanceof Error && (e.name === "NonRetryableError" || String(e.message).startsWith("NonRetryableError"));
  }

  // One execution of an instance: [0, output bytes, output JSON] or [1, error name, message].
  async function runWorkflow(exports, env, className, params, created, instanceId, fns) {
    const Class = exports[className];
    if (typeof Class !== "function") {
      return [1, "TypeError", `the code exports no workflow class '${className}' (class_name of the workflow)`];
    }
    try {
      const entry = new Class(new internal.ExecutionContext(), env);
      if (typeof entry.run !== "function") {
        return [1, "TypeError", `workflow class '${className}' has no run(event, step) method`];
      }
      const event = { payload: internal.deserialize(params), timestamp: new Date(created), instanceId };
      const output = await entry.run(event, new WorkflowStep(fns));
      let bytes;
      try { bytes = internal.serialize(output); } catch (e) {
        return [1, "WorkflowFatalError", `The output of the Workflow instance is not serialisable: ${messageOf(e)}`];
      }
      return [0, bytes, jsonOf(output)];
    } catch (e) {
      if (isNonRetryable(e)) {
        return [1, "WorkflowFatalError", "The execution of the Workflow instance was terminated, as a step threw an NonRetryableError and it was not handled"];
      }
      return [1, nameOf(e), messageOf(e)];
    }
  }

  // ---------------------------------------------------------------- the binding

  class WorkflowInstance {
    #fns;
    constructor(id, fns) {
      this.id = id;
      this.#fns = fns;
    }
    async #control(operation) {
      const fns = this.#fns;
      const id = this.id;
      answerOrThrow(await call((ok, fail) => fns.control(id, operation, ok, fail)));
    }
    pause() { return this.#control("pause"); }
    resume() { return this.#control("resume"); }
    terminate() { return this.#control("terminate"); }
    restart() { return this.#control("restart"); }
    async status() {
      const answer = answerOrThrow(this.#fns.status(this.id));
      return {
        status: answer[1],
        error: answer[2] === null || answer[2] === undefined ? undefined : { name: answer[2], message: answer[3] },
        // The output as Workflows' status API gives it: JSON (a Date as its ISO string, a Map as {}).
        output: answer[4] === null || answer[4] === undefined ? null : viaJson(internal.deserialize(answer[4])),
      };
    }
    async sendEvent({ type, payload } = {}) {
      if (typeof type !== "string") throw new TypeError("sendEvent: the event needs a type (a string)");
      const bytes = internal.serialize(payload);
      const fns = this.#fns;
      const id = this.id;
      answerOrThrow(await call((ok, fail) => fns.sendEvent(id, type, bytes, jsonOf(payload), ok, fail)));
    }
  }

  class Workflow {
    #fns;
    constructor(name, fns) { this.#fns = fns; }
    async create(options = undefined) {
      const { id = crypto.randomUUID(), params = {} } = options ?? {};
      const bytes = internal.serialize(params);
      const fns = this.#fns;
      answerOrThrow(await call((ok, fail) => fns.create(id, bytes, jsonOf(params), ok, fail)));
      return new WorkflowInstance(id, fns);
    }
    async createBatch(batch) {
      if (!Array.isArray(batch) || batch.length === 0) {
        throw new Error("WorkflowError: batchCreate should have at least 1 instance");
      }
      const created = [];
      for (const options of batch) created.push(await this.create(options));
      return created;
    }
    async get(id) {
      answerOrThrow(this.#fns.get(String(id)));
      return new WorkflowInstance(String(id), this.#fns);
    }
  }

  internal.platformBindings.workflow = (name, fns) => new Workflow(name, fns);
  internal.platformEvents.workflow = (run, module) => runWorkflow(
    module.exports, module.env, run.className, run.params, run.created, run.instanceId, run.step);
});
