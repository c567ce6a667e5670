// The parts of a Workers global scope that touch time, randomness and the host: virtual Date,
// performance.now, seeded Math.random and crypto, timers on virtual time, queueMicrotask,
// console into the trace. Also removes what must not exist in a deterministic guest.
//
// `internal.host` is the Java bridge (dev.w9y.guestjs.internal.HostBridge); every value it
// returns is a primitive, so nothing of the host leaks into guest code.
(function (internal) {
  "use strict";
  const host = internal.host;

  // A rejection nobody handles is reported like an uncaught exception (Workers logs it too).
  Graal.setUnhandledPromiseRejectionHandler((reason) => {
    internal.reportError("unhandled rejection", reason);
  });

  // WeakRef and FinalizationRegistry expose garbage collection timing; the rest are GraalJS
  // extras. GraalJS options remove some already. (SharedArrayBuffer and Atomics stay, as in
  // workerd: with one thread they are as deterministic as ArrayBuffer; see atomics.js.)
  for (const name of ["WeakRef", "FinalizationRegistry", "Graal",
      "Polyglot", "print", "printErr", "load", "loadWithNewGlobal", "quit", "read", "readbuffer",
      "console", "Java", "Packages", "java", "javax"]) {
    delete globalThis[name];
  }
  // Float16Array, Math.f16round and DataView's float16 methods exist in GraalJS 25 but call
  // Float.float16ToFloat, a JDK 20 method: on JDK 17 any use kills the handler with an error the
  // guest cannot catch. Removed on every JDK, so a guest that tests for them does the same
  // everywhere (a run must not depend on the JVM it runs on).
  delete globalThis.Float16Array;
  delete Math.f16round;
  delete DataView.prototype.getFloat16;
  delete DataView.prototype.setFloat16;

  // ---------------------------------------------------------------- allocation bounds

  // Bounds that hold on every JVM. GraalJS refuses an ArrayBuffer only when the heap cannot hold
  // it (so one seed could pass on one machine and fail on another), and Array.prototype.fill and
  // Array.from materialize any length in one builtin call, outside the statement budget. Each is
  // capped at the typed-array bound: JsSandbox.MAX_TYPED_ARRAY_LENGTH elements, or 8 bytes each.
  const MAX_ELEMENTS = 16 * 1024 * 1024;
  const MAX_BYTES = 8 * MAX_ELEMENTS;
  function checkBytes(requested, what) {
    const bytes = Number(requested);
    if (bytes > MAX_BYTES) {
      throw new RangeError(`${what}: ${requested} bytes is over W9Y's bound of ${MAX_BYTES} bytes per buffer`);
    }
  }
  function checkElements(count, what) {
    if (count > MAX_ELEMENTS) {
      throw new RangeError(`${what}: ${count} elements is over W9Y's bound of ${MAX_ELEMENTS} per array`);
    }
  }
  const defineMethod = (target, name, fn) => Object.defineProperty(target, name, {
    value: fn, writable: true, enumerable: false, configurable: true,
  });

  // ArrayBuffer and SharedArrayBuffer: their constructors and the methods that take a new length.
  function boundBuffers(Native, resizers) {
    const name = Native.name;
    const Bounded = {
      [name]: function (length, options = undefined) {
        if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
        checkBytes(length, `new ${name}`);
        if (options !== undefined && options !== null && options.maxByteLength !== undefined) {
          checkBytes(options.maxByteLength, `new ${name} (maxByteLength)`);
        }
        return Reflect.construct(Native, arguments, new.target);
      },
    }[name];
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Native))) {
      if (key !== "name") Object.defineProperty(Bounded, key, descriptor); // prototype, length, isView
    }
    for (const symbol of Object.getOwnPropertySymbols(Native)) { // Symbol.species
      Object.defineProperty(Bounded, symbol, Object.getOwnPropertyDescriptor(Native, symbol));
    }
    Object.defineProperty(Native.prototype, "constructor", {
      value: Bounded, writable: true, enumerable: false, configurable: true,
    });
    for (const method of resizers) {
      const native = Native.prototype[method];
      if (typeof native !== "function") continue;
      defineMethod(Native.prototype, method, {
        [method](newLength) {
          if (newLength !== undefined) checkBytes(newLength, `${name}.prototype.${method}`);
          return native.apply(this, arguments);
        },
      }[method]);
    }
    Object.defineProperty(globalThis, name, {
      value: Bounded, writable: true, enumerable: false, configurable: true,
    });
  }
  boundBuffers(ArrayBuffer, ["resize", "transfer", "transferToFixedLength"]);
  boundBuffers(SharedArrayBuffer, ["grow"]);

  const nativeFill = Array.prototype.fill;
  // Array.prototype.fill (ECMA-262 §23.1.3.7): how many elements [start, end) covers.
  const relative = (value, length, fallback) => {
    if (value === undefined) return fallback;
    const n = Math.trunc(Number(value)) || 0;
    return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
  };
  defineMethod(Array.prototype, "fill", {
    fill(value, start = undefined, end = undefined) {
      if (this !== null && this !== undefined) {
        const length = Math.min(Math.max(Math.trunc(Number(Object(this).length)) || 0, 0), Number.MAX_SAFE_INTEGER);
        checkElements(relative(end, length, length) - relative(start, length, 0), "Array.prototype.fill");
      }
      return nativeFill.apply(this, arguments);
    },
  }.fill);
  const nativeFrom = Array.from;
  defineMethod(Array, "from", {
    from(items) {
      // Array-likes and arrays (even holey ones) say their length up front; other iterables
      // run through their own iterator.
      if (items !== null && items !== undefined && (Array.isArray(items) || typeof items[Symbol.iterator] !== "function")) {
        checkElements(Math.trunc(Number(Object(items).length)) || 0, "Array.from");
      }
      return nativeFrom.apply(this, arguments);
    },
  }.from);

  // ---------------------------------------------------------------- code generation from strings

  // workerd refuses eval and the Function constructors unless a service is allowed them, and so
  // does GraalJS here (js.allow-eval, set in JsSandbox) on every path, in its own words. These
  // stand-ins throw what workerd throws on the paths guests take: eval (direct and indirect),
  // Function, and the async and generator function constructors. eval of a non-string generates
  // no code, so it returns its argument, as in workerd.
  let generatesCode = true;
  try { (0, eval)("undefined"); } catch (e) { generatesCode = false; }
  if (!generatesCode) {
    const refused = () => new EvalError("Code generation from strings disallowed for this context");
    defineMethod(globalThis, "eval", { eval(source) {
      if (typeof source !== "string") return source;
      throw refused();
    } }.eval);
    const prototypes = [Function.prototype, Object.getPrototypeOf(async function () {}),
      Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {})];
    for (const prototype of prototypes) {
      const native = prototype.constructor;
      const refusing = function () { throw refused(); }; // a function, so `new` reaches the throw
      Object.defineProperty(refusing, "name", { value: native.name, configurable: true });
      Object.defineProperty(refusing, "length", { value: native.length, configurable: true });
      Object.defineProperty(refusing, "prototype", { value: prototype });
      Object.setPrototypeOf(refusing, Object.getPrototypeOf(native));
      Object.defineProperty(prototype, "constructor", { value: refusing, configurable: true });
      if (native === Function) {
        Object.defineProperty(globalThis, "Function", {
          value: refusing, writable: true, enumerable: false, configurable: true,
        });
      }
    }
  }

  // workerd refuses timers, randomness and I/O while a Worker's module is being loaded (outside any
  // handler), with this error; the host sets the flag around the entry's evaluation.
  let inGlobalScope = false;
  internal.setGlobalScope = function setGlobalScope(value) { inGlobalScope = value; };
  const DISALLOWED_IN_GLOBAL_SCOPE = "Disallowed operation called within global scope." +
    " Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values" +
    " are not allowed within global scope. To fix this error, perform this operation within a" +
    " handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/";
  internal.isGlobalScope = () => inGlobalScope;
  internal.checkNotGlobalScope = function checkNotGlobalScope() {
    if (inGlobalScope) throw new Error(DISALLOWED_IN_GLOBAL_SCOPE);
  };
  internal.globalScopeError = () => new Error(DISALLOWED_IN_GLOBAL_SCOPE);

  // Reports an error nobody caught (timer callbacks, microtasks, listeners, rejections) to the
  // host, which records it in the trace as a guest error of the current event.
  internal.reportError = function reportError(where, error) {
    host.reportError(String(where), internal.describeError(error));
  };

  // ---------------------------------------------------------------- W9Y's limits as V8's errors

  // W9Y's counted limits reach guest code as host exceptions (JsSandbox says why), which GraalJS
  // names after their Java classes. Every host exception shares one prototype, whose getters are
  // made to give the names workerd gives such errors; a stack overflow also passes
  // `instanceof RangeError`, as in V8.
  const CALL_DEPTH_EXCEEDED = "dev.w9y.guestjs.internal.JsSandbox$CallDepthExceeded";
  const LIMIT_NAMES = new Map([
    [CALL_DEPTH_EXCEEDED, "RangeError"],
    ["dev.w9y.guestjs.internal.JsSandbox$EntryLimitExceeded", "Error"],
  ]);
  const hostErrorPrototype = Object.getPrototypeOf(internal.callDepthExceeded);
  delete internal.callDepthExceeded;
  const hostName = Object.getOwnPropertyDescriptor(hostErrorPrototype, "name").get;
  const hostStack = Object.getOwnPropertyDescriptor(hostErrorPrototype, "stack").get;
  const isHostError = (value) => value !== null && typeof value === "object" &&
    Object.getPrototypeOf(value) === hostErrorPrototype;
  Object.defineProperty(hostErrorPrototype, "name", { configurable: true, get: { name() {
    const name = hostName.call(this);
    return LIMIT_NAMES.get(name) ?? name;
  } }.name });
  Object.defineProperty(hostErrorPrototype, "stack", { configurable: true, get: { stack() {
    // GraalJS starts a host exception's stack with its message alone; V8 with "Name: message".
    const stack = hostStack.call(this);
    const name = hostName.call(this);
    if (typeof stack !== "string" || !LIMIT_NAMES.has(name)) return stack;
    return `${LIMIT_NAMES.get(name)}: ${stack.startsWith(name + ": ") ? stack.slice(name.length + 2) : stack}`;
  } }.stack });
  const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];
  Object.defineProperty(RangeError, Symbol.hasInstance, { configurable: true, value: {
    [Symbol.hasInstance](value) {
      return ordinaryHasInstance.call(this, value) ||
        (this === RangeError && isHostError(value) && hostName.call(value) === CALL_DEPTH_EXCEEDED);
    },
  }[Symbol.hasInstance] });

  // "TypeError: message\n    at fn (file:line:col)" without the prelude's own frames: what the
  // trace records for a guest error. Stack text is the same on every JVM, JIT or not.
  internal.describeError = function describeError(error) {
    if (error === null || (typeof error !== "object" && typeof error !== "function")) {
      return "uncaught value: " + internal.safeString(error);
    }
    let text;
    try {
      const stack = typeof error.stack === "string" ? error.stack : "";
      const head = `${error.name ?? "Error"}: ${error.message ?? internal.safeString(error)}`;
      const frames = stack.split("\n").slice(1)
        .filter((line) => /^\s+at /.test(line) && !line.includes("w9y:prelude/"));
      text = frames.length > 0 ? head + "\n" + frames.join("\n") : head;
    } catch (e) {
      text = "uncaught error (its description threw)";
    }
    return text;
  };

  internal.safeString = function safeString(value) {
    try {
      return typeof value === "symbol" ? value.toString() : String(value);
    } catch (e) {
      return Object.prototype.toString.call(value);
    }
  };

  // ---------------------------------------------------------------- virtual clock

  const RealDate = Date;
  const virtualNow = () => host.epochMillis();
  // A Proxy keeps `Date` itself (prototype, statics, subclassing, instanceof) and changes only
  // the two places that read the clock: `new Date()` with no argument and `Date()` as a function.
  const VirtualDate = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [virtualNow()] : args, newTarget);
    },
    apply() {
      return new RealDate(virtualNow()).toString();
    },
  });
  Object.defineProperty(RealDate, "now", {
    value: { now() { return virtualNow(); } }.now, writable: true, configurable: true,
  });
  Object.defineProperty(RealDate.prototype, "constructor", {
    value: VirtualDate, writable: true, configurable: true,
  });
  internal.defineGlobal("Date", VirtualDate);
  // In UTC GraalJS names the zone "(GMT)"; V8, and so workerd, says "(Coordinated Universal Time)".
  for (const name of ["toString", "toTimeString"]) {
    const original = RealDate.prototype[name];
    const renamed = { [name]() {
      const text = original.call(this);
      return text.endsWith(" (GMT)") ? text.slice(0, -5) + "(Coordinated Universal Time)" : text;
    } }[name];
    Object.defineProperty(RealDate.prototype, name, { value: renamed, writable: true, configurable: true });
  }

  // Intl.DateTimeFormat's format()/formatToParts() with no date format "now": the real clock.
  const dateTimeFormat = Intl.DateTimeFormat.prototype;
  const formatGetter = Object.getOwnPropertyDescriptor(dateTimeFormat, "format").get;
  Object.defineProperty(dateTimeFormat, "format", {
    configurable: true,
    get() {
      const format = formatGetter.call(this);
      return (date) => format(date === undefined ? virtualNow() : date);
    },
  });
  const formatToParts = dateTimeFormat.formatToParts;
  Object.defineProperty(dateTimeFormat, "formatToParts", {
    configurable: true, writable: true,
    value: { formatToParts(date) {
      return formatToParts.call(this, date === undefined ? virtualNow() : date);
    } }.formatToParts,
  });

  // With no time zone asked for, formats resolve to "UTC" (as workerd does), not GraalJS's "GMT".
  const RealDateTimeFormat = Intl.DateTimeFormat;
  const withUtc = (args) => {
    const options = args[1];
    if (options !== undefined && options !== null && options.timeZone !== undefined) return args;
    return [args[0], { ...(options ?? {}), timeZone: "UTC" }];
  };
  Object.defineProperty(Intl, "DateTimeFormat", {
    value: new Proxy(RealDateTimeFormat, {
      construct: (target, args, newTarget) => Reflect.construct(target, withUtc(args), newTarget),
      apply: (target, self, args) => Reflect.apply(target, self, withUtc(args)),
    }),
    writable: true, configurable: true,
  });
  Object.defineProperty(RealDateTimeFormat.prototype, "constructor", {
    value: Intl.DateTimeFormat, writable: true, configurable: true,
  });

  const performance = Object.create(null);
  Object.defineProperties(performance, {
    now: { value: { now() { return host.monotonicMillis(); } }.now, enumerable: true },
    timeOrigin: { value: 0, enumerable: true },
    [Symbol.toStringTag]: { value: "Performance" },
  });
  internal.defineGlobal("performance", performance);

  // ---------------------------------------------------------------- seeded randomness

  Object.defineProperty(Math, "random", {
    value: { random() { return host.random(); } }.random, writable: true, configurable: true,
  });

  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  internal.randomBytes = function randomBytes(count) {
    const text = host.randomBytes(count);
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  };
  const crypto = {
    getRandomValues(array) {
      internal.checkNotGlobalScope();
      if (!INTEGER_ARRAYS.some((type) => array instanceof type)) {
        throw new internal.DOMException(
          "getRandomValues needs an integer typed array", "TypeMismatchError");
      }
      if (array.byteLength > 65536) {
        throw new internal.DOMException(
          `getRandomValues takes at most 65536 bytes, not ${array.byteLength}`,
          "QuotaExceededError");
      }
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
        .set(internal.randomBytes(array.byteLength));
      return array;
    },
    // Formatted by the host from the instance's random stream (16 bytes, as getRandomValues
    // would draw them): in the interpreter, hex formatting here cost ~40 µs per UUID.
    randomUUID() { internal.checkNotGlobalScope(); return host.randomUUID(); },
  };
  Object.defineProperty(crypto, Symbol.toStringTag, { value: "Crypto" });
  internal.defineGlobal("crypto", crypto);

  // ---------------------------------------------------------------- timers (HTML §8.6)

  // The host keeps the timer queue in (due time, creation order), so timers with equal due times
  // run in the order they were set, each as its own task with microtasks drained after it.
  // GraalJS's AsyncContext (the TC39 proposal), on only in contexts that need it (nodejs_compat,
  // nodejs_als: see JsSandbox): node.js builds AsyncLocalStorage on it. workerd has no such global,
  // so it moves from globalThis to internal.
  const AsyncContextApi = globalThis.AsyncContext;
  delete globalThis.AsyncContext;
  internal.AsyncContext = AsyncContextApi;
  const timers = new Map();
  let nextTimerId = 1;
  let currentNesting = 0;

  // The longest delay the host's nanosecond clock holds (about 139 years): a timer set further
  // out never fires in a simulation, as it would not in workerd either.
  const MAX_TIMER_DELAY = 2 ** 42;

  function startTimer(handler, timeout, args, repeat) {
    if (typeof handler !== "function") {
      throw new TypeError("timer handler must be a function (strings are not evaluated)");
    }
    // workerd takes the delay as a double (no WebIDL long wrapping: 2 ** 32 ms is 2 ** 32 ms, not
    // 0), NaN and negatives as 0; a BigInt or Symbol is a TypeError, as ToNumber says.
    let delay = +timeout;
    if (!(delay >= 0)) delay = 0; // NaN, negative
    delay = Math.min(Math.trunc(delay), MAX_TIMER_DELAY);
    const nesting = currentNesting + 1;
    if (nesting > 5 && delay < 4) delay = 4; // HTML's clamp for deeply nested timers
    const id = nextTimerId++;
    // The async context (AsyncLocalStorage's store) the timer was set in, for its callback.
    const snapshot = AsyncContextApi ? new AsyncContextApi.Snapshot() : null;
    timers.set(id, { handler, args, repeat, delay, nesting, snapshot });
    host.setTimer(id, delay);
    return id;
  }

  function clearTimer(id) {
    const key = Number(id);
    if (timers.delete(key)) host.clearTimer(key);
  }

  // Called by the host when timer `id` is due, as its own host-to-guest call.
  internal.fireTimer = function fireTimer(id) {
    const timer = timers.get(id);
    if (timer === undefined) return;
    if (!timer.repeat) timers.delete(id);
    currentNesting = timer.nesting;
    try {
      if (timer.snapshot === null) timer.handler.apply(globalThis, timer.args);
      else timer.snapshot.run(() => timer.handler.apply(globalThis, timer.args));
    } catch (error) {
      internal.reportError("timer callback", error);
    } finally {
      currentNesting = 0;
    }
    if (timer.repeat && timers.get(id) === timer) {
      timer.nesting++;
      host.setTimer(id, timer.nesting > 5 && timer.delay < 4 ? 4 : timer.delay);
    }
  };

  const timerFunctions = {
    setTimeout(handler, timeout = 0, ...args) {
      internal.checkNotGlobalScope();
      return startTimer(handler, timeout, args, false);
    },
    setInterval(handler, timeout = 0, ...args) {
      internal.checkNotGlobalScope();
      return startTimer(handler, timeout, args, true);
    },
    clearTimeout(id = 0) { clearTimer(id); },
    clearInterval(id = 0) { clearTimer(id); },
    queueMicrotask(callback) {
      if (typeof callback !== "function") {
        throw new TypeError("queueMicrotask needs a function");
      }
      Promise.resolve().then(() => {
        try {
          callback();
        } catch (error) {
          internal.reportError("microtask", error);
        }
      });
    },
  };
  for (const [name, fn] of Object.entries(timerFunctions)) internal.defineGlobal(name, fn);

  // ---------------------------------------------------------------- console

  // Formats like console.log in Workers/Node for the common cases, deterministically: no
  // addresses, no colours, object keys in their own order.
  function inspect(value, depth, seen) {
    switch (typeof value) {
      case "string": return depth === 0 ? value : JSON.stringify(value);
      case "bigint": return `${value}n`;
      case "symbol": return value.toString();
      case "function": return `[Function: ${value.name || "(anonymous)"}]`;
      case "undefined": return "undefined";
      case "object": break;
      default: return Object.is(value, -0) ? "-0" : String(value);
    }
    if (value === null) return "null";
    if (seen.includes(value)) return "[Circular]";
    if (value instanceof Error) return internal.describeError(value);
    if (depth > 3) return Array.isArray(value) ? "[Array]" : "[Object]";
    const next = seen.concat([value]);
    const nested = (v) => inspect(v, depth + 1, next);
    if (Array.isArray(value)) return `[ ${value.map(nested).join(", ")} ]`;
    if (value instanceof RealDate) return value.toISOString();
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${nested(k)} => ${nested(v)}`).join(", ")} }`;
    }
    if (value instanceof Set) return `Set(${value.size}) { ${[...value].map(nested).join(", ")} }`;
    if (ArrayBuffer.isView(value)) {
      return `${value.constructor.name}(${value.length}) [ ${Array.from(value).join(", ")} ]`;
    }
    const keys = Object.keys(value);
    const name = value.constructor && value.constructor !== Object ? value.constructor.name + " " : "";
    if (keys.length === 0) return `${name}{}`;
    return `${name}{ ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${nested(value[k])}`).join(", ")} }`;
  }

  function format(args) {
    if (args.length === 0) return "";
    let rest = args;
    let out = "";
    if (typeof args[0] === "string" && args[0].includes("%")) {
      let index = 1;
      out = args[0].replace(/%([sdifjoOc%])/g, (match, code) => {
        if (code === "%") return "%";
        if (index >= args.length) return match;
        const arg = args[index++];
        switch (code) {
          case "s": return typeof arg === "string" ? arg : inspect(arg, 1, []);
          case "d": case "i": {
            if (typeof arg === "bigint") return `${arg}n`;
            const n = Number(arg);
            return String(code === "i" ? Math.trunc(n) : n);
          }
          case "f": return String(Number(arg));
          case "j": try { return JSON.stringify(arg); } catch (e) { return "[Circular]"; }
          case "c": return "";
          default: return inspect(arg, 1, []);
        }
      });
      rest = args.slice(index);
      if (rest.length > 0) out += " ";
    }
    return out + rest.map((arg) => inspect(arg, 0, [])).join(" ");
  }

  const counts = new Map();
  const timings = new Map();
  const log = (level) => (...args) => host.log(level, format(args));
  const console = {
    log: log("log"), info: log("info"), warn: log("warn"), error: log("error"),
    debug: log("debug"), trace: log("trace"), dir: (value) => host.log("log", inspect(value, 0, [])),
    assert(condition, ...args) {
      if (!condition) host.log("error", "Assertion failed" + (args.length ? ": " + format(args) : ""));
    },
    count(label = "default") {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      host.log("log", `${label}: ${n}`);
    },
    countReset(label = "default") { counts.delete(label); },
    time(label = "default") { timings.set(label, performance.now()); },
    timeLog(label = "default", ...args) {
      if (timings.has(label)) {
        host.log("log", `${label}: ${performance.now() - timings.get(label)}ms` +
          (args.length ? " " + format(args) : ""));
      }
    },
    timeEnd(label = "default") {
      if (timings.has(label)) {
        host.log("log", `${label}: ${performance.now() - timings.get(label)}ms`);
        timings.delete(label);
      }
    },
    table: log("log"), group: log("log"), groupCollapsed: log("log"), groupEnd() {},
  };
  internal.format = format;
  internal.defineGlobal("console", console);
});
