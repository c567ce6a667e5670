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

  // `import { RpcTarget } from "cloudflare:workers"`: instances are passed by reference.
  class RpcTarget {}
  Object.defineProperty(globalThis, "__w9yRpc", {
    value: Object.freeze({ RpcTarget }),
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
  const RESULT_HOOKS = { byReference: isByReference, write: exportStub, read: null };

  // Arguments: RpcTargets and functions go as stubs that carry this instance's return address
  // (the host's name for this instance in this life, or this durable object), so the callee's
  // calls on them come back here over the network.
  let ownAddress = null;
  const ARGUMENT_HOOKS = {
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

  // workerd calls only methods the receiver's class defines: not own properties, not
  // Object.prototype's, not the constructor.
  function methodOf(receiver, name) {
    if (receiver === null || (typeof receiver !== "object" && typeof receiver !== "function") ||
        name === "constructor" || Object.prototype.hasOwnProperty.call(Object.prototype, name) ||
        Object.prototype.hasOwnProperty.call(receiver, name)) {
      throw missingMethod(name);
    }
    const method = receiver[name];
    if (typeof method !== "function") throw missingMethod(name);
    return method;
  }

  // Standard error types keep their name and message; anything else that is thrown goes as itself
  // when it can be cloned.
  function serializeThrown(error) {
    try {
      return internal.serialize(error);
    } catch (e) {
      return internal.serialize(new Error(internal.safeString(error && error.message !== undefined ? error.message : error)));
    }
  }

  // "0" + result bytes, or "1" + exception bytes: one string back to the host.
  async function answer(receiverOf, target, method, args) {
    try {
      let receiver;
      if (target !== null) {
        receiver = exported.get(target);
        if (receiver === undefined) {
          throw new Error("The RPC stub is disconnected: its target is gone (the instance that" +
            " returned it restarted, or another instance of the service answered).");
        }
      } else {
        receiver = receiverOf();
      }
      const values = internal.deserialize(args, CALLBACK_HOOKS);
      const result = method === "()" && typeof receiver === "function"
        ? await receiver.apply(undefined, values)
        : await methodOf(receiver, method).apply(receiver, values);
      return "0" + internal.serialize(result, RESULT_HOOKS);
    } catch (error) {
      return "1" + serializeThrown(error);
    }
  }

  internal.entrypointInstance = function entrypointInstance(exports, name, ctx, env) {
    const klass = name === null || name === undefined ? exports.default : exports[name];
    if (name !== null && name !== undefined && typeof klass !== "function") {
      throw new TypeError(`the module exports no entrypoint class '${name}'`);
    }
    if (klass === undefined || klass === null) throw new TypeError("the module has no default export");
    return typeof klass === "function" ? new klass(ctx, env) : klass;
  };

  internal.dispatchRpc = function dispatchRpc(exports, env, entrypoint, target, method, args) {
    return answer(() => internal.entrypointInstance(exports, entrypoint, new internal.ExecutionContext(), env),
      target, method, args);
  };

  internal.objectRpc = function objectRpc(object, target, method, args) {
    return answer(() => object, target, method, args);
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
        // The stub's own members (fetch, id, name); constructor and Object.prototype's names are
        // RPC methods, which the receiver refuses as workerd's does.
        if (prop in target && prop !== "constructor" && !OBJECT_MEMBERS.has(prop)) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== "function") return value;
          let fn = bound.get(prop);
          if (fn === undefined) {
            fn = value.bind(target);
            bound.set(prop, fn);
          }
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
