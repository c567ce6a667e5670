// The Workers programming model on top of the Web APIs: env (variables, service bindings,
// durable-object namespaces), ctx (waitUntil), the fetch/scheduled/alarm entry points the host
// calls, and durable objects' state (id, storage, blockConcurrencyWhile).
// Needs every other prelude file; structured-clone.js provides internal.serialize/deserialize.
(function (internal) {
  "use strict";
  const host = internal.host;
  const parseJson = JSON.parse; // taken now: a Worker's module code may replace the global later

  // Host callbacks get a description string for a rejection, so the error the trace shows names
  // the guest's file and line.
  internal.callAndSettle = function callAndSettle(onFulfilled, onRejected, fn, ...args) {
    let result;
    try {
      result = fn.apply(undefined, args); // not fn(...args): a spread call iterates, slowly
    } catch (error) {
      onRejected(internal.describeError(error), ...internal.errorParts(error));
      return;
    }
    Promise.resolve(result).then(onFulfilled,
      (error) => onRejected(internal.describeError(error), ...internal.errorParts(error)));
  };

  // An error as workerd carries it to another isolate (a Durable Object's caller): the built-in
  // error types keep their name; any other error becomes an Error whose message starts with its
  // name ("MyError: custom"); a thrown non-error becomes an Error with its string as message.
  const CARRIED_ERRORS = ["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError",
    "EvalError", "URIError"];
  internal.errorParts = function errorParts(error) {
    try {
      if (error instanceof Error) {
        const name = String(error.name);
        const message = String(error.message);
        return CARRIED_ERRORS.includes(name) ? [name, message] : ["Error", `${name}: ${message}`];
      }
      return ["Error", internal.safeString(error)];
    } catch (e) {
      return ["Error", "uncaught error (its description threw)"];
    }
  };
  internal.identity = (value) => value;
  // The host resolves with several values at once (a response's status, headers, body).
  internal.resolveWithArray = (resolve, ...parts) => resolve(parts);

  // `w9y` module support (modules/w9y.mjs reads this).
  Object.defineProperty(globalThis, "__w9y", {
    value: Object.freeze({
      buggify: (site) => host.buggify(site),
      always: (name, holds, detail) => host.always(name, holds, detail),
      sometimes: (name, happened) => host.sometimes(name, happened),
      eventually: (name, holds) => host.eventually(name, holds),
    }),
    enumerable: false, configurable: false, writable: false,
  });

  function promiseFromHost(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  // ---------------------------------------------------------------- env

  class Fetcher {
    #binding;
    constructor(binding) { this.#binding = binding; }
    fetch(input, init = undefined) {
      try {
        const request = new Request(input, init);
        const binding = this.#binding;
        return internal.sendRequest(request, (parts, ok, fail) => host.fetchBinding(binding, parts, ok, fail));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }

  class DurableObjectId {
    // One private name holding a record: ids are made per request, and every context's private
    // names are new keys (see Request in fetch.js).
    #s;
    constructor(hex, name) { this.#s = { hex, name }; }
    toString() { return this.#s.hex; }
    equals(other) { return other instanceof DurableObjectId && other.#s.hex === this.#s.hex; }
    get name() { return this.#s.name; }
    static hexOf(id) { return id.#s.hex; }
  }
  const hexOf = DurableObjectId.hexOf;
  delete DurableObjectId.hexOf;

  class DurableObjectStub {
    #s; // { binding, id }: one private name, as in DurableObjectId
    constructor(binding, id) { this.#s = { binding, id }; }
    get id() { return this.#s.id; }
    get name() { return this.#s.id.name; }
    fetch(input, init = undefined) {
      try {
        const request = new Request(input, init);
        const binding = this.#s.binding;
        const hex = hexOf(this.#s.id);
        return internal.sendRequest(request, (parts, ok, fail) => host.objectFetch(binding, hex, parts, ok, fail));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }

  class DurableObjectNamespace {
    #binding;
    // idFromName is a pure function of (namespace, name), so its answers are kept: a host call per
    // request was 7% of a durable-object request. Bounded, cleared when full.
    #idsByName = new Map();
    constructor(binding) { this.#binding = binding; }
    idFromName(name) {
      const text = String(name);
      let hex = this.#idsByName.get(text);
      if (hex === undefined) {
        if (this.#idsByName.size >= 1024) this.#idsByName.clear();
        hex = host.idFromName(this.#binding, text);
        this.#idsByName.set(text, hex);
      }
      return new DurableObjectId(hex, text);
    }
    newUniqueId() { return new DurableObjectId(host.newUniqueId(this.#binding), undefined); }
    idFromString(hex) {
      const parsed = host.idFromString(this.#binding, String(hex));
      if (parsed === null) throw new TypeError(`Invalid Durable Object ID: '${hex}'`);
      return new DurableObjectId(parsed, undefined);
    }
    get(id) {
      if (!(id instanceof DurableObjectId)) throw new TypeError("get() needs a DurableObjectId");
      // A proxy whose other members are RPC methods (rpc.js).
      return internal.objectStub(new DurableObjectStub(this.#binding, id), this.#binding, hexOf(id));
    }
    getByName(name) { return this.get(this.idFromName(name)); }
  }

  // Platform bindings (KV, queues, workflows, D1...): each kind's prelude file registers the
  // function that makes its binding object from the binding's name and host functions
  // (PlatformBridge on the host side).
  internal.platformBindings = Object.create(null);

  internal.makeEnv = function makeEnv(vars, services, namespaces, platform) {
    const env = {};
    const jsonVars = Array.from(internal.jsonVarNames);
    for (const key of Object.keys(vars)) {
      // A JSON variable (wrangler's non-string vars) is its parsed value, as workerd's JSON binding.
      env[key] = jsonVars.includes(key) ? parseJson(vars[key]) : vars[key];
    }
    for (let i = 0; i < services.length; i++) {
      env[services[i]] = internal.serviceStub(new Fetcher(services[i]), services[i]); // rpc.js
    }
    for (let i = 0; i < namespaces.length; i++) env[namespaces[i]] = new DurableObjectNamespace(namespaces[i]);
    for (const name of Object.keys(platform)) {
      const make = internal.platformBindings[platform[name]];
      if (make === undefined) throw new TypeError(`binding ${name}: no ${platform[name]} bindings in JavaScript guests`);
      env[name] = make(name, host.platformBinding(name));
    }
    return env;
  };

  class ExecutionContext {
    waitUntil(promise) { host.waitUntil(Promise.resolve(promise)); }
    passThroughOnException() {}
    get props() { return {}; }
  }
  internal.ExecutionContext = ExecutionContext;

  // ---------------------------------------------------------------- entry points

  function handlerOf(exports, name) {
    const entry = exports.default;
    if (entry === undefined || entry === null) {
      throw new TypeError(`the module has no default export with a ${name}() handler` +
        ` and registered no '${name}' event listener`);
    }
    if (typeof entry === "function") { // class Worker extends WorkerEntrypoint
      return (ctx, env) => {
        const worker = new entry(ctx, env);
        if (typeof worker[name] !== "function") throw new TypeError(`the default export class has no ${name}() method`);
        return (...args) => worker[name](...args);
      };
    }
    if (typeof entry[name] !== "function") {
      throw new TypeError(`the default export has no ${name}() handler`);
    }
    return (ctx, env) => (...args) => entry[name](...args, env, ctx);
  }

  // The response's wire parts, or a promise of them when its body is a stream still to be read.
  function toWire(result, what) {
    if (!(result instanceof Response)) {
      // workerd's words (what a caller over a binding or a stub sees); the trace adds which handler.
      throw new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
    }
    const draining = internal.drainBody(internal.responseState(result));
    return draining === null ? internal.responseToWire(result)
      : draining.then(() => internal.responseToWire(result));
  }

  // ---------------------------------------------------------------- service-worker syntax
  // Workers written before ES modules: `addEventListener("fetch", (e) => e.respondWith(...))`,
  // `addEventListener("scheduled", ...)`, bindings as global variables. The global scope is an
  // EventTarget, as workerd's ServiceWorkerGlobalScope; a module with a default export uses that
  // instead (then the listeners are never called, as in workerd).
  const globalEvents = new EventTarget();
  internal.defineGlobal("addEventListener", function addEventListener(type, listener, options = undefined) {
    globalEvents.addEventListener(type, listener, options);
  });
  internal.defineGlobal("removeEventListener", function removeEventListener(type, listener, options = undefined) {
    globalEvents.removeEventListener(type, listener, options);
  });
  internal.defineGlobal("dispatchEvent", function dispatchEvent(event) {
    return globalEvents.dispatchEvent(event);
  });

  class ExtendableEvent extends Event {
    waitUntil(promise) { host.waitUntil(Promise.resolve(promise)); }
  }

  class FetchEvent extends ExtendableEvent {
    #s; // { request, response: null or a promise of what respondWith() was given }
    constructor(type, init = undefined) {
      super(type, init);
      const request = init === undefined || init === null ? undefined : init.request;
      if (!(request instanceof Request)) throw new TypeError("new FetchEvent: init.request must be a Request");
      this.#s = { request, response: null };
    }
    get request() { return this.#s.request; }
    respondWith(response) {
      // Service Workers §4.6.2: only while the event is being dispatched, and only once.
      if (this.eventPhase === Event.NONE) {
        throw new internal.DOMException(
          "respondWith() must be called synchronously by a fetch event listener", "InvalidStateError");
      }
      if (this.#s.response !== null) {
        throw new internal.DOMException("respondWith() was already called for this request", "InvalidStateError");
      }
      this.#s.response = Promise.resolve(response);
      this.stopImmediatePropagation();
    }
    passThroughOnException() {}
    static responseOf(event) { return event.#s.response; }
  }
  const responseOf = FetchEvent.responseOf;
  delete FetchEvent.responseOf;

  class ScheduledEvent extends ExtendableEvent {
    #s;
    constructor(type, init = undefined) {
      super(type, init);
      const source = init === undefined || init === null ? {} : init;
      this.#s = { scheduledTime: Number(source.scheduledTime ?? 0), cron: String(source.cron ?? "") };
    }
    get scheduledTime() { return this.#s.scheduledTime; }
    get cron() { return this.#s.cron; }
    noRetry() {}
  }

  // The rest of workerd's global scope.
  internal.defineGlobal("self", globalThis);
  class Navigator {
    get userAgent() { return "Cloudflare-Workers"; }
    get hardwareConcurrency() { return 1; }
    get language() { return "en"; }
    get languages() { return ["en"]; }
  }
  Object.defineProperty(Navigator.prototype, Symbol.toStringTag, { value: "Navigator", configurable: true });
  internal.defineGlobal("navigator", new Navigator());
  // workerd's scheduler.wait(ms): an awaitable setTimeout on virtual time; an aborted signal
  // rejects it with the signal's reason.
  const setTimer = globalThis.setTimeout;
  const clearTimer = globalThis.clearTimeout;
  class Scheduler {
    wait(delay, options = undefined) {
      const signal = options === undefined || options === null ? undefined : options.signal;
      if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
        return Promise.reject(new TypeError("scheduler.wait: options.signal must be an AbortSignal"));
      }
      if (signal && signal.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = () => { clearTimer(timer); reject(signal.reason); };
        const timer = setTimer(() => {
          if (signal) signal.removeEventListener("abort", onAbort);
          resolve();
        }, delay);
        if (signal) signal.addEventListener("abort", onAbort, { once: true });
      });
    }
  }
  Object.defineProperty(Scheduler.prototype, Symbol.toStringTag, { value: "Scheduler", configurable: true });
  internal.defineGlobal("scheduler", new Scheduler());
  // HTML's reportError: reported like an uncaught exception (the trace's guest.error), no throw.
  internal.defineGlobal("reportError", function reportError(error) {
    internal.reportError("reportError", error);
  });

  internal.defineGlobal("ExtendableEvent", ExtendableEvent);
  internal.defineGlobal("FetchEvent", FetchEvent);
  internal.defineGlobal("ScheduledEvent", ScheduledEvent);

  // A module without a default export is a service-worker script when it registered a listener
  // for the event; anything else keeps the module-syntax error.
  function isServiceWorker(exports, type) {
    return exports.default === undefined && internal.hasListeners(globalEvents, type);
  }

  async function serviceWorkerFetch(request) {
    const event = internal.trusted(new FetchEvent("fetch", { request }));
    globalEvents.dispatchEvent(event);
    const response = responseOf(event);
    if (response === null) {
      throw new TypeError("no 'fetch' event listener called event.respondWith() (a listener that" +
        " throws is reported as guest.error before this)");
    }
    return toWire(await response, "the response given to event.respondWith()");
  }

  // A service-worker script reads its bindings as globals (a binding named like a global, say a
  // variable "URL", shadows it, as in workerd); JsServiceCode calls this before the script runs.
  internal.exposeBindings = function exposeBindings(env) {
    for (const name of Object.keys(env)) internal.defineGlobal(name, env[name]);
  };

  // A request from the host arrives as four arguments (method, url, headers, body), not as one
  // host array whose elements would each be a crossing to read.
  // `entrypoint`, when given, names the exported WorkerEntrypoint class a binding reaches.
  // Each request runs in its own scope (node-fs.js gives it its own /tmp, as workerd does).
  internal.requestScope = (fn) => fn();
  internal.dispatchFetch = function dispatchFetch(...args) {
    return internal.requestScope(() => fetchEvent(...args));
  };
  async function fetchEvent(exports, env, method, url, headers, body, entrypoint) {
    const ctx = new ExecutionContext();
    const request = internal.requestFromWire(method, url, headers, body);
    if (entrypoint !== undefined && entrypoint !== null) {
      const fetch = internal.entrypointFetch(exports, entrypoint, ctx, env); // rpc.js
      return toWire(await fetch(request), "the fetch handler");
    }
    const entry = exports.default;
    // The common shape, an object with fetch(), is called directly (no closures per request).
    if (entry !== null && typeof entry === "object" && typeof entry.fetch === "function") {
      return toWire(await entry.fetch(request, env, ctx), "the fetch handler");
    }
    if (isServiceWorker(exports, "fetch")) return serviceWorkerFetch(request);
    return toWire(await handlerOf(exports, "fetch")(ctx, env)(request), "the fetch handler");
  }

  internal.dispatchScheduled = async function dispatchScheduled(exports, env, cron, scheduledTime) {
    if (isServiceWorker(exports, "scheduled")) {
      globalEvents.dispatchEvent(internal.trusted(new ScheduledEvent("scheduled", { cron, scheduledTime })));
      return;
    }
    const ctx = new ExecutionContext();
    const controller = Object.freeze({ cron, scheduledTime, type: "scheduled", noRetry() {} });
    await handlerOf(exports, "scheduled")(ctx, env)(controller);
  };

  // A platform service handing the module an event (a queue's batch, a workflow instance's
  // execution): each kind's prelude file registers internal.platformEvents[kind](event, module),
  // which runs it and settles to what the host reads (PlatformBridge.event on the host side).
  // module.handler(name) is the module's handler of that name (queue(batch, env, ctx)) with a
  // fresh ExecutionContext; module.exports and module.env are there for the rest.
  internal.platformEvents = Object.create(null);
  internal.dispatchPlatform = function dispatchPlatform(exports, env, kind, event) {
    const run = internal.platformEvents[kind];
    if (run === undefined) throw new TypeError(`no ${kind} events in JavaScript guests`);
    const handler = (name) => handlerOf(exports, name)(new ExecutionContext(), env);
    return run(event, { exports, env, handler });
  };

  // ---------------------------------------------------------------- durable objects

  function serialize(value) { return internal.serialize(value); }
  function deserialize(binary) { return internal.deserialize(binary); }

  // workerd coerces every key to a string: put(1, v) stores "1", get(undefined) reads "undefined".
  function checkKey(key) {
    return typeof key === "string" ? key : String(key);
  }
  const PUT_SHAPE = "put() may only be called with a single key-value pair and optional options as" +
    " put(key, value, options) or with multiple key-value pairs and optional options as put(entries, options)";
  const UNDEFINED_VALUE = "put() called with undefined value.";

  class DurableObjectStorage {
    #handle;
    constructor(handle) { this.#handle = handle; }

    get(keyOrKeys, options = undefined) {
      const handle = this.#handle;
      if (Array.isArray(keyOrKeys)) {
        const keys = keyOrKeys.map(checkKey);
        return promiseFromHost((ok, fail) => host.storageGet(handle, keys, ok, fail)).then(entriesToMap);
      }
      const key = typeof keyOrKeys === "string" ? keyOrKeys : String(keyOrKeys); // checkKey, inline
      return promiseFromHost((ok, fail) => host.storageGet(handle, key, ok, fail))
        .then((binary) => (binary === null || binary === undefined ? undefined : deserialize(binary)));
    }

    put(keyOrEntries, value = undefined, options = undefined) {
      const handle = this.#handle;
      let flat;
      try {
        flat = [];
        // As workerd: a plain object is put(entries, options), anything else (an array too) a key.
        if (typeof keyOrEntries === "object" && keyOrEntries !== null && !Array.isArray(keyOrEntries)) {
          if (value !== undefined && (typeof value !== "object" || value === null)) throw new TypeError(PUT_SHAPE);
          for (const key of Object.keys(keyOrEntries)) {
            const entry = keyOrEntries[key];
            if (entry === undefined) throw new TypeError(UNDEFINED_VALUE);
            flat.push(key, serialize(entry));
          }
        } else {
          if (value === undefined) throw new TypeError(UNDEFINED_VALUE);
          flat.push(typeof keyOrEntries === "string" ? keyOrEntries : String(keyOrEntries), serialize(value));
        }
      } catch (error) {
        return Promise.reject(error);
      }
      return promiseFromHost((ok, fail) => host.storagePut(handle, flat, ok, fail)).then(() => undefined);
    }

    delete(keyOrKeys, options = undefined) {
      const handle = this.#handle;
      const keys = Array.isArray(keyOrKeys) ? keyOrKeys.map(checkKey) : checkKey(keyOrKeys);
      return promiseFromHost((ok, fail) => host.storageDelete(handle, keys, ok, fail));
    }

    list(options = {}) {
      const handle = this.#handle;
      const o = options ?? {};
      const limit = o.limit === undefined ? 0 : Number(o.limit);
      if (o.limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
        return Promise.reject(new TypeError("List limit must be positive."));
      }
      if (o.start !== undefined && o.startAfter !== undefined) {
        return Promise.reject(new TypeError("list() cannot be called with both start and startAfter values."));
      }
      const startAfter = o.startAfter === undefined ? null : String(o.startAfter) + "\u0000";
      const start = o.start === undefined ? startAfter : String(o.start);
      return promiseFromHost((ok, fail) => host.storageList(handle,
        o.prefix === undefined ? null : String(o.prefix), start,
        o.end === undefined ? null : String(o.end), Boolean(o.reverse), limit, ok, fail))
        .then(entriesToMap);
    }

    deleteAll(options = undefined) {
      const handle = this.#handle;
      return promiseFromHost((ok, fail) => host.storageDeleteAll(handle, ok, fail));
    }

    getAlarm(options = undefined) {
      const handle = this.#handle;
      return promiseFromHost((ok, fail) => host.storageGetAlarm(handle, ok, fail));
    }

    setAlarm(scheduledTime, options = undefined) {
      const handle = this.#handle;
      const millis = scheduledTime instanceof Date ? scheduledTime.getTime() : Number(scheduledTime);
      if (!Number.isFinite(millis)) return Promise.reject(new TypeError("setAlarm needs a Date or epoch milliseconds"));
      return promiseFromHost((ok, fail) => host.storageSetAlarm(handle, Math.trunc(millis), ok, fail));
    }

    deleteAlarm(options = undefined) {
      const handle = this.#handle;
      return promiseFromHost((ok, fail) => host.storageDeleteAlarm(handle, ok, fail));
    }

    transaction(closure) {
      if (typeof closure !== "function") return Promise.reject(new TypeError("transaction() needs a function"));
      const handle = this.#handle;
      // txn.rollback() resolves the transaction with the closure's value but commits nothing;
      // the host rolls back on a rejected body, so a rollback travels as a marked rejection.
      let rolledBack = null;
      // The closure's own error is what the caller gets back, as in workerd (not the host's
      // description of it).
      let thrown = null;
      return promiseFromHost((ok, fail) => host.storageTransaction(handle, (txnHandle) => {
        const txn = new DurableObjectTransaction(txnHandle);
        let result;
        try {
          result = Promise.resolve(closure(txn));
        } catch (error) {
          thrown = { error };
          throw error;
        }
        return result.then((value) => {
          if (txn.isRolledBack) {
            rolledBack = { value };
            throw new Error("transaction rolled back by txn.rollback()");
          }
          return value;
        }, (error) => {
          thrown = { error };
          throw error;
        });
      }, ok, fail)).catch((error) => {
        if (rolledBack !== null) return rolledBack.value;
        if (thrown !== null) throw thrown.error;
        throw error;
      });
    }

    sync() { return Promise.resolve(); }

    // Point-in-time recovery: SQLite-backed objects only (W9Y keeps their durable states on
    // virtual time; see docs/JS-GUESTS.md).
    getCurrentBookmark() {
      if (!hasSqlite()) return Promise.reject(new Error(NO_PITR));
      return promiseFromHost((ok, fail) => host.getCurrentBookmark(ok, fail));
    }
    getBookmarkForTime(timestamp) {
      const millis = timestamp instanceof Date ? timestamp.getTime() : (typeof timestamp === "number" ? timestamp : NaN);
      if (Number.isNaN(millis)) {
        return Promise.reject(new TypeError("Failed to execute 'getBookmarkForTime' on 'DurableObjectStorage': parameter 1 is not of type 'date'."));
      }
      if (!hasSqlite()) return Promise.reject(new Error(NO_PITR));
      return promiseFromHost((ok, fail) => host.getBookmarkForTime(Math.trunc(millis), ok, fail));
    }
    onNextSessionRestoreBookmark(bookmark) {
      if (bookmark === undefined) {
        return Promise.reject(new TypeError("Failed to execute 'onNextSessionRestoreBookmark' on 'DurableObjectStorage': parameter 1 is not of type 'string'."));
      }
      if (!hasSqlite()) return Promise.reject(new Error(NO_PITR));
      return promiseFromHost((ok, fail) => host.onNextSessionRestoreBookmark(String(bookmark), ok, fail));
    }

    // SQLite-backed objects only (sql.js); workerd's error for a key-value-backed class.
    get sql() { return sqliteApi().sql; }
    get kv() { return sqliteApi().kv; }
    transactionSync(closure) { return sqliteApi().transactionSync(closure); }
  }

  const NO_PITR = "This Durable Object's storage back-end does not implement point-in-time recovery.";
  function hasSqlite() {
    if (sqlite === undefined) sqlite = internal.sqliteStorage();
    return sqlite !== null;
  }

  let sqlite;
  function sqliteApi() {
    if (sqlite === undefined) sqlite = internal.sqliteStorage();
    if (sqlite === null) throw new Error(internal.SQL_DISABLED);
    return sqlite;
  }

  class DurableObjectTransaction extends DurableObjectStorage {
    #rolledBack = false;
    rollback() { this.#rolledBack = true; }
    get isRolledBack() { return this.#rolledBack; }
  }

  function entriesToMap(flat) {
    const map = new Map();
    for (let i = 0; i < flat.length; i += 2) map.set(flat[i], deserialize(flat[i + 1]));
    return map;
  }

  class DurableObjectState {
    #id; #storage;
    constructor(id) {
      this.#id = id;
      this.#storage = new DurableObjectStorage(0);
    }
    get id() { return this.#id; }
    get storage() { return this.#storage; }
    waitUntil(promise) { host.waitUntil(Promise.resolve(promise)); }
    // The object restarts once the current event ends (its requests in flight fail); the thrown
    // error ends the calling code, as workerd's uncatchable one does (W9Y's can be caught).
    abort(reason = undefined) {
      const message = reason === undefined ? "Application called abort() to reset Durable Object." : String(reason);
      host.abortObject(message);
      throw new Error(message);
    }

    // The hibernation API (websocket.js keeps the sockets, the host their tags and attachments).
    acceptWebSocket(ws, tags = undefined) {
      if (!internal.isWebSocket(ws)) throw new TypeError("acceptWebSocket() needs a WebSocket");
      const list = tags === undefined || tags === null ? [] : Array.from(tags, String);
      if (list.length > 10) throw new TypeError("A WebSocket can have a maximum of 10 tags.");
      for (const tag of list) {
        if (tag.length > 256) throw new TypeError("A WebSocket tag can be at most 256 characters long.");
      }
      internal.hibernation.accept(ws, list);
    }
    getWebSockets(tag = undefined) { return internal.hibernation.list(tag); }
    getTags(ws) { return internal.hibernation.tags(ws); }
    setWebSocketAutoResponse(pair = undefined) {
      if (pair === undefined || pair === null) host.wsSetAutoResponse(null, null);
      else host.wsSetAutoResponse(pair.request, pair.response);
    }
    getWebSocketAutoResponse() {
      const pair = host.wsGetAutoResponse();
      return pair === null ? null : new WebSocketRequestResponsePair(pair[0], pair[1]);
    }
    getWebSocketAutoResponseTimestamp(ws) {
      const id = internal.hibernation.idOf(ws);
      const at = id === null ? null : host.wsAutoResponseTimestamp(id);
      return at === null ? null : new Date(at);
    }
    getHibernatableWebSocketEventTimeout() { return null; }
    setHibernatableWebSocketEventTimeout(timeoutMs = undefined) {}

    blockConcurrencyWhile(callback) {
      if (typeof callback !== "function") return Promise.reject(new TypeError("blockConcurrencyWhile() needs a function"));
      return promiseFromHost((ok, fail) => host.blockConcurrencyWhile(() => callback(), ok, fail));
    }
  }

  // name: what idFromName/getByName derived the id from (workerd gives it to the object as
  // ctx.id.name), null for an id from newUniqueId or idFromString.
  internal.constructObject = function constructObject(exports, className, env, hex, name) {
    const klass = exports[className];
    if (typeof klass !== "function") {
      const exported = Object.keys(exports).filter((k) => typeof exports[k] === "function" && k !== "default");
      throw new TypeError(`the module exports no durable object class '${className}'` +
        ` (it exports: ${exported.length ? exported.join(", ") : "no classes"})`);
    }
    const state = new DurableObjectState(new DurableObjectId(hex, name ?? undefined));
    return new klass(state, env);
  };

  internal.objectFetch = function objectFetch(object, method, url, headers, body) {
    return internal.requestScope(async () => {
      if (typeof object.fetch !== "function") throw new TypeError("the durable object class has no fetch() method");
      const result = await object.fetch(internal.requestFromWire(method, url, headers, body));
      return toWire(result, "the durable object's fetch()");
    });
  };

  // workerd's alarmInfo: the alarm's scheduled time (epoch ms) and its retries so far.
  internal.objectAlarm = async function objectAlarm(object, scheduledTime, retryCount) {
    if (typeof object.alarm !== "function") throw new TypeError("the durable object class has no alarm() method");
    await object.alarm({ scheduledTime, retryCount, isRetry: retryCount > 0 });
  };
});
