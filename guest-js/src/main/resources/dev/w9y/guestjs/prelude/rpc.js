// JavaScript RPC as workerd has it: methods of a WorkerEntrypoint called over a service binding
// (`env.WORKER_B.add(1, 2)`), methods of a durable object called on its stub
// (`env.NS.getByName("a").sayHello()`), RpcTargets and functions returned by a call reached
// through stubs, functions and RpcTargets passed as arguments and called back, and promise
// pipelining (`await stub.a().b()`).
//
// Each call is a network message (dev.w9y.core.rpc.RpcEnvelope): the host sends the method name
// and the structured-clone bytes of the arguments as a request over the simulated network, and
// the answer (the result's bytes, or the exception's) comes back as its response. So network
// faults, durable objects' gates and the trace apply to calls exactly as to fetches.
// Needs: structured-clone.js (internal.serialize/deserialize with stub hooks), workers.js
// (internal.ExecutionContext) at call time.
(function (internal) {
  "use strict";
  const host = internal.host;

  // `import { DurableObject, WorkerEntrypoint, RpcTarget } from "cloudflare:workers"` (the module
  // re-exports these). RpcTarget instances are passed by reference; only classes that extend
  // DurableObject or WorkerEntrypoint take RPC calls, as in workerd.
  class DurableObject {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class WorkerEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class RpcTarget {}
  Object.defineProperty(globalThis, "__w9yRpc", {
    value: Object.freeze({ DurableObject, WorkerEntrypoint, RpcTarget }),
    enumerable: false, configurable: false, writable: false,
  });

  // ---------------------------------------------------------------- callee: what callers can reach

  // RpcTargets and functions this instance returned, by id. Bounded (oldest out): an id that is
  // gone answers as a disconnected stub. The table is memory, so a crash empties it.
  const exported = new Map();
  const MAX_EXPORTED = 4096;
  let nextExport = 1;

  function exportStub(value) {
    if (exported.size >= MAX_EXPORTED) exported.delete(exported.keys().next().value);
    const id = `s${nextExport++}`;
    exported.set(id, value);
    return id;
  }

  // What goes by reference: RpcTargets, functions (and so stubs of either) and binding stubs
  // (env.NS.get(id), env.SERVICE): the receiver gets a stub whose calls come back here.
  const bindingStubs = new WeakSet();
  function isByReference(value) {
    return typeof value === "function" || value instanceof RpcTarget || bindingStubs.has(value);
  }
  // rpc: workerd's RPC serializer rules (plain objects only, custom error names kept).
  const RESULT_HOOKS = { byReference: isByReference, write: exportStub, read: null, rpc: true };

  // Arguments: RpcTargets and functions go as stubs that carry this instance's return address
  // (the host's name for this instance in this life, or this durable object), so the callee's
  // calls on them come back here over the network.
  let ownAddress = null;
  const ARGUMENT_HOOKS = {
    rpc: true,
    byReference: isByReference,
    write(value) {
      if (ownAddress === null) ownAddress = host.returnAddress();
      return `${ownAddress}|${exportStub(value)}`;
    },
    read: null,
  };
  // What a callee reads from its arguments: stubs back to the caller.
  const CALLBACK_HOOKS = {
    byReference: null,
    write: null,
    read(text) {
      const at = text.lastIndexOf("|");
      return remoteStub({ address: text.slice(0, at) }, text.slice(at + 1));
    },
  };

  function missingMethod(name) {
    return new TypeError(`The RPC receiver does not implement the method "${String(name)}".`);
  }

  // workerd's own text, for a class that extends neither DurableObject nor WorkerEntrypoint (it
  // names Durable Objects for entrypoints too).
  function missingSuperclass() {
    return new TypeError("The receiving Durable Object does not support RPC, because its class was not" +
      " declared with `extends DurableObject`. In order to enable RPC, make sure your class extends the" +
      " special class `DurableObject`, which can be imported from the module \"cloudflare:workers\".");
  }

  // Names an entrypoint or object reserves (workerd's EntrypointJsRpcTarget::isReservedName).
  const RESERVED = new Set(["fetch", "connect", "alarm", "webSocketMessage", "webSocketClose",
    "webSocketError", "dup", "constructor"]);
  // Of those, the ones a call can name (workerd's stub has its own fetch, connect and
  // constructor), refused with workerd's words (measured: compat RpcCompatTest).
  const CALLABLE_RESERVED = new Set(["alarm", "dup", "webSocketMessage", "webSocketClose", "webSocketError"]);

  // workerd calls only methods the receiver's class defines (own properties too for a plain-object
  // export, `allowOwn`): not Object.prototype's, not a reserved name.
  function methodOf(receiver, name, allowOwn, reserved) {
    if (reserved && CALLABLE_RESERVED.has(name)) {
      throw new TypeError(`'${name}' is a reserved method and cannot be called over RPC.`);
    }
    if (receiver === null || (typeof receiver !== "object" && typeof receiver !== "function") ||
        name === "constructor" || (reserved && RESERVED.has(name)) ||
        Object.prototype.hasOwnProperty.call(Object.prototype, name) ||
        (!allowOwn && Object.prototype.hasOwnProperty.call(receiver, name))) {
      throw missingMethod(name);
    }
    const method = receiver[name];
    if (typeof method !== "function") throw missingMethod(name);
    return method;
  }

  // Standard error types keep their name and message; anything else that is thrown goes as itself
  // when it can be cloned.
  const THROWN_HOOKS = { byReference: () => false, write: null, read: null, rpc: true };
  function serializeThrown(error) {
    try {
      return internal.serialize(error, THROWN_HOOKS);
    } catch (e) {
      return internal.serialize(new Error(internal.safeString(error && error.message !== undefined ? error.message : error)));
    }
  }

  // "0" + result bytes, or "1" + exception bytes: one string back to the host.
  // receiverOf() gives { receiver, extra }: extra is [env, ctx] for a plain-object export, whose
  // methods take them after the arguments (as its fetch does), else null.
  async function answer(receiverOf, target, method, args) {
    try {
      let receiver;
      let extra = null;
      if (target !== null) {
        receiver = exported.get(target);
        if (receiver === undefined) {
          throw new Error("The RPC stub is disconnected: its target is gone (the instance that" +
            " returned it restarted, or another instance of the service answered).");
        }
      } else {
        ({ receiver, extra } = receiverOf());
      }
      const values = internal.deserialize(args, CALLBACK_HOOKS);
      if (extra !== null) values.push(...extra);
      const result = method === "()" && typeof receiver === "function" && target !== null
        ? await receiver.apply(undefined, values)
        : await methodOf(receiver, method, extra !== null, target === null).apply(receiver, values);
      return "0" + internal.serialize(result, RESULT_HOOKS);
    } catch (error) {
      return "1" + serializeThrown(error);
    }
  }

  // The export a binding reaches: a class (a new instance per call or request) or a plain object.
  function entrypointOf(exports, name) {
    const named = name !== null && name !== undefined;
    const entry = named ? exports[name] : exports.default;
    if (entry === undefined || entry === null || (typeof entry !== "function" && typeof entry !== "object")) {
      throw new TypeError(named ? `the module exports no entrypoint '${name}'` : "the module has no default export");
    }
    return entry;
  }

  // workerd answers a call or fetch through a binding to a named export that is a class but not a
  // WorkerEntrypoint with an opaque "internal error; reference = <id>" (its log says "worker is
  // not an actor but class name was requested"); W9Y's reference says what is wrong instead.
  function notAnEntrypointClass(name) {
    return new Error(`internal error; reference = export "${name}" is a class that does not extend WorkerEntrypoint`);
  }

  // For fetch through a binding to a named entrypoint: (request) => its fetch's result.
  internal.entrypointFetch = function entrypointFetch(exports, name, ctx, env) {
    const entry = entrypointOf(exports, name);
    if (typeof entry === "function") {
      if (!(entry.prototype instanceof WorkerEntrypoint)) throw notAnEntrypointClass(name);
      const worker = new entry(ctx, env);
      if (typeof worker.fetch !== "function") throw new TypeError(`the entrypoint ${name} has no fetch() method`);
      return (request) => worker.fetch(request);
    }
    if (typeof entry.fetch !== "function") throw new TypeError(`the entrypoint ${name} has no fetch() handler`);
    return (request) => entry.fetch(request, env, ctx);
  };

  internal.dispatchRpc = function dispatchRpc(exports, env, entrypoint, target, method, args) {
    return answer(() => {
      const entry = entrypointOf(exports, entrypoint);
      const ctx = new internal.ExecutionContext();
      if (typeof entry !== "function") return { receiver: entry, extra: [env, ctx] };
      if (!(entry.prototype instanceof WorkerEntrypoint)) {
        throw entrypoint === null || entrypoint === undefined ? missingSuperclass() : notAnEntrypointClass(entrypoint);
      }
      return { receiver: new entry(ctx, env), extra: null };
    }, target, method, args);
  };

  internal.objectRpc = function objectRpc(object, target, method, args) {
    return answer(() => {
      if (!(object instanceof DurableObject)) throw missingSuperclass();
      return { receiver: object, extra: null };
    }, target, method, args);
  };

  // ---------------------------------------------------------------- caller: stubs and calls

  function networkError(name, message) {
    if (name !== "TypeError") return new Error(message); // a refusal (subrequest limits)
    const reason = String(message).replace(/^fetch failed: /, "");
    const error = new Error(`Network connection lost. (${reason})`);
    error.retryable = true;
    return error;
  }

  function thrownError(value) {
    if (value instanceof internal.DOMException) {
      value.remote = true;
      return value;
    }
    if (!(value instanceof Error)) return value;
    const error = new value.constructor(value.message);
    error.remote = true;
    return error;
  }

  // route: { binding, hex } (hex undefined for a service binding) or { address } (a callback to
  // the instance that passed a stub as an argument); target: an exported stub's id.
  function call(route, target, method, args) {
    let payload;
    try {
      payload = internal.serialize(args, ARGUMENT_HOOKS);
    } catch (error) {
      return pipelined(Promise.reject(error));
    }
    const hooks = { byReference: null, write: null, read: (id) => remoteStub(route, id) };
    const promise = new Promise((resolve, reject) => {
      const settle = (parts) => {
        try {
          if (parts[0] === 0) resolve(internal.deserialize(parts[1], hooks));
          else if (parts[0] === 1) reject(thrownError(internal.deserialize(parts[1], hooks)));
          else reject(new Error(parts[1]));
        } catch (error) {
          reject(error);
        }
      };
      const fail = (name, message) => reject(networkError(name, message));
      if (route.address !== undefined) host.rpcAddress(route.address, method, target, payload, settle, fail);
      else if (route.hex === undefined) host.rpcService(route.binding, method, target, payload, settle, fail);
      else host.rpcObject(route.binding, route.hex, method, target, payload, settle, fail);
    });
    return pipelined(promise);
  }

  const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));
  const noop = function dispose() {};
  const hasDispose = typeof Symbol.dispose === "symbol";

  // A service binding or durable-object stub: its own members (fetch, id, name) as they are, every
  // other name an RPC method.
  function bindingStub(base, route) {
    const methods = new Map();
    const bound = new Map();
    const stub = new Proxy(base, {
      get(target, prop) {
        if (typeof prop === "symbol") {
          return hasDispose && prop === Symbol.dispose ? noop : Reflect.get(target, prop, target);
        }
        // A member already bound (stub.fetch, once per call) without the checks below again.
        const known = bound.get(prop);
        if (known !== undefined) return known;
        // The stub's own members (fetch, id, name); constructor and Object.prototype's names are
        // RPC methods, which the receiver refuses as workerd's does.
        if (prop in target && prop !== "constructor" && !OBJECT_MEMBERS.has(prop)) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== "function") return value;
          const fn = value.bind(target);
          bound.set(prop, fn);
          return fn;
        }
        if (prop === "then") return undefined; // a stub is not a thenable
        let method = methods.get(prop);
        if (method === undefined) {
          method = (...args) => call(route, null, prop, args);
          methods.set(prop, method);
        }
        return method;
      },
    });
    bindingStubs.add(stub);
    return stub;
  }

  internal.serviceStub = (fetcher, binding) => bindingStub(fetcher, { binding, hex: undefined });
  internal.objectStub = (stub, binding, hex) => bindingStub(stub, { binding, hex });

  // A stub for an RpcTarget or function a call returned (calls go back to the instance that
  // returned it, by the same binding) or one passed as an argument (calls go to its return address).
  function remoteStub(route, id) {
    const methods = new Map();
    return new Proxy(function RpcStub() {}, {
      get(target, prop) {
        if (typeof prop === "symbol") {
          if (hasDispose && prop === Symbol.dispose) return noop;
          return prop === Symbol.toStringTag ? "RpcStub" : undefined;
        }
        if (prop === "then") return undefined;
        let method = methods.get(prop);
        if (method === undefined) {
          method = (...args) => call(route, id, prop, args);
          methods.set(prop, method);
        }
        return method;
      },
      apply(target, self, args) {
        return call(route, id, "()", args);
      },
    });
  }

  // The promise of a call is also a stub of its result (promise pipelining): `stub.a().b()` calls
  // b on what a returns, and `stub.a().x` is a promise of its property x. W9Y sends the second
  // call when the first answer arrives (workerd sends it at once); what the caller sees is the same.
  function pipelined(promise) {
    return pipe(() => promise, null, null);
  }

  function pipe(promiseOf, parent, name) {
    let memo = null;
    const promise = () => {
      if (memo === null) memo = promiseOf();
      return memo;
    };
    return new Proxy(function RpcPromise() {}, {
      get(target, prop) {
        switch (prop) {
          case "then": return (onFulfilled, onRejected) => promise().then(onFulfilled, onRejected);
          case "catch": return (onRejected) => promise().catch(onRejected);
          case "finally": return (onFinally) => promise().finally(onFinally);
          default: break;
        }
        if (typeof prop === "symbol") {
          if (hasDispose && prop === Symbol.dispose) return noop;
          return prop === Symbol.toStringTag ? "RpcPromise" : undefined;
        }
        return pipe(() => promise().then((value) => value[prop]), promise, prop);
      },
      apply(target, self, args) {
        if (parent === null) throw new TypeError("an RPC promise is not a function");
        return pipelined(parent().then((value) => {
          const method = value === null || value === undefined ? undefined : value[name];
          if (typeof method !== "function") throw missingMethod(name);
          return method.apply(value, args);
        }));
      },
    });
  }
});
