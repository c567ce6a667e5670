// The WebAssembly global as workerd provides it: WebAssembly.Module objects exist only for the
// modules shipped with the Worker (CompiledWasm modules: `import mod from "./x.wasm"`); they are
// instantiated with `new WebAssembly.Instance(mod, imports)` or `WebAssembly.instantiate(mod,
// imports)` and run on the host's counting interpreter (JsWebAssembly). Compiling bytes made at
// run time is refused with V8's message, as workerd refuses it. Function imports and exports are
// supported, and an exported memory's buffer: an ArrayBuffer the prelude keeps equal to the
// instance's memory at every crossing between JavaScript and WebAssembly (copied in and out,
// once JavaScript has asked for the buffer; one thread, so nothing can see them differ).
(function (internal) {
  "use strict";
  const wasm = internal.wasm;
  const DISALLOWED = "Wasm code generation disallowed by embedder";

  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  for (const [cls, name] of [[CompileError, "CompileError"], [LinkError, "LinkError"], [RuntimeError, "RuntimeError"]]) {
    Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false });
  }

  const token = Symbol("w9y.wasm");
  const paths = new WeakMap(); // Module -> the shipped file it stands for

  class Module {
    constructor(bytes, secret = undefined) {
      if (secret !== token) throw new CompileError(`WebAssembly.Module(): ${DISALLOWED}`);
      paths.set(this, bytes);
    }
    static exports(module) {
      return Array.from(wasm.exports(pathOf(module, "exports")), ([name, kind]) => ({ name, kind }));
    }
    static imports(module) {
      return Array.from(wasm.imports(pathOf(module, "imports")), ([module_, name, kind]) => ({ module: module_, name, kind }));
    }
    static customSections(module) {
      pathOf(module, "customSections");
      return [];
    }
  }
  Object.defineProperty(Module.prototype, Symbol.toStringTag, { value: "WebAssembly.Module", configurable: true });

  function pathOf(module, where) {
    const path = module !== null && typeof module === "object" ? paths.get(module) : undefined;
    if (path === undefined) throw new TypeError(`WebAssembly.Module.${where}(): Argument 0 must be a WebAssembly.Module`);
    return path;
  }

  function toRaw(type, value) {
    switch (type) {
      case "i32": return Number(value) | 0;
      case "i64": return BigInt.asIntN(64, typeof value === "bigint" ? value : BigInt(value)).toString();
      default: return Number(value);
    }
  }
  function fromRaw(type, raw) {
    return type === "i64" ? BigInt(raw) : raw;
  }

  // An instance's memory as JavaScript sees it: null until the buffer is first asked for.
  class MemoryState {
    constructor(handle) { this.handle = handle; this.bytes = null; }
    // WebAssembly's memory into the JavaScript buffer (a new buffer if it grew; the old one detached).
    pull() {
      if (this.bytes === null) return;
      const binary = wasm.memoryRead(this.handle);
      if (binary.length !== this.bytes.length) {
        const old = this.bytes.buffer;
        this.bytes = new Uint8Array(binary.length);
        if (typeof old.transfer === "function") old.transfer(0);
      }
      const bytes = this.bytes;
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    // The JavaScript buffer's bytes into WebAssembly's memory.
    push() {
      if (this.bytes === null) return;
      wasm.memoryWrite(this.handle, internal.bytesToBinary(this.bytes));
    }
    buffer() {
      if (this.bytes === null) {
        this.bytes = new Uint8Array(0);
        this.pull();
      }
      return this.bytes.buffer;
    }
  }

  function exportedFunction(handle, name, memory) {
    const [params, results] = wasm.signature(handle, name).split("->").map((s) => (s === "" ? [] : s.split(",")));
    const fn = function (...args) {
      const raw = params.map((type, i) => toRaw(type, args[i]));
      memory.push();
      let out;
      try {
        out = wasm.call(handle, name, ...raw);
      } finally {
        memory.pull();
      }
      if (out[0] !== true) throw new RuntimeError(out[1]);
      if (results.length === 0) return undefined;
      if (results.length === 1) return fromRaw(results[0], out[1]);
      return results.map((type, i) => fromRaw(type, out[i + 1]));
    };
    Object.defineProperty(fn, "name", { value: name });
    Object.defineProperty(fn, "length", { value: params.length });
    return fn;
  }

  class Memory {
    #state;
    constructor(descriptor, secret = undefined, state = undefined) {
      if (secret !== token) {
        throw new TypeError("W9Y: WebAssembly.Memory objects come only from a shipped module's exports");
      }
      this.#state = state;
    }
    get buffer() {
      return this.#state.buffer();
    }
    grow(delta) {
      const state = this.#state;
      state.push();
      const previous = wasm.memoryGrow(state.handle, Number(delta) >>> 0);
      if (previous < 0) throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
      state.pull();
      return previous;
    }
  }

  class Instance {
    #exports;
    constructor(module, importObject = undefined) {
      const path = module !== null && typeof module === "object" ? paths.get(module) : undefined;
      if (path === undefined) throw new TypeError("WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module");
      if (importObject !== undefined && (importObject === null || typeof importObject !== "object")) {
        throw new TypeError("WebAssembly.Instance(): Argument 1 must be an object");
      }
      let memory = new MemoryState(-1); // inactive until instantiated and asked for
      const handle = wasm.instantiate(path, (moduleName, name, params, results, index) => {
        const namespace = importObject === undefined ? undefined : importObject[moduleName];
        if (namespace === null || (typeof namespace !== "object" && typeof namespace !== "function")) {
          throw new TypeError(`WebAssembly.Instance(): Import #${index} "${moduleName}": module is not an object or function`);
        }
        const target = namespace[name];
        if (typeof target !== "function") {
          throw new LinkError(`WebAssembly.Instance(): Import #${index} "${moduleName}" "${name}": function import requires a callable`);
        }
        const paramTypes = Array.from(params);
        const resultTypes = Array.from(results);
        return (...raw) => {
          memory.pull();
          let value;
          try {
            value = target(...raw.map((r, i) => fromRaw(paramTypes[i], r)));
          } finally {
            memory.push();
          }
          if (resultTypes.length === 0) return 0;
          if (resultTypes.length === 1) return toRaw(resultTypes[0], value);
          return Array.from(value, (v, i) => toRaw(resultTypes[i], v));
        };
      });
      if (handle < 0) {
        const [moduleName, name] = wasm.imports(path)[-1 - handle];
        throw new LinkError(`WebAssembly.Instance(): Import #${-1 - handle} "${moduleName}" "${name}": W9Y supports function imports only`);
      }
      memory = new MemoryState(handle);
      const exports = Object.create(null);
      for (const [name, kind] of wasm.exports(path)) {
        if (kind === "function") exports[name] = exportedFunction(handle, name, memory);
        else if (kind === "memory") exports[name] = new Memory(undefined, token, memory);
        else exports[name] = undefined;
      }
      this.#exports = Object.freeze(exports);
    }
    get exports() { return this.#exports; }
  }
  Object.defineProperty(Instance.prototype, Symbol.toStringTag, { value: "WebAssembly.Instance", configurable: true });

  function isModule(value) {
    return value !== null && typeof value === "object" && paths.has(value);
  }

  const WebAssembly = {
    Module, Instance, Memory, CompileError, LinkError, RuntimeError,
    validate(bytes) {
      const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
      if (view === null) throw new TypeError("WebAssembly.validate(): Argument 0 must be a buffer source");
      return wasm.validate(internal.bytesToBinary(view));
    },
    compile() {
      return Promise.reject(new CompileError(`WebAssembly.compile(): ${DISALLOWED}`));
    },
    compileStreaming() {
      return Promise.reject(new CompileError(`WebAssembly.compileStreaming(): ${DISALLOWED}`));
    },
    instantiate(source, importObject = undefined) {
      if (!isModule(source)) {
        return Promise.reject(new CompileError(`WebAssembly.instantiate(): ${DISALLOWED}`));
      }
      return new Promise((resolve) => resolve(new Instance(source, importObject)));
    },
    instantiateStreaming() {
      return Promise.reject(new CompileError(`WebAssembly.instantiateStreaming(): ${DISALLOWED}`));
    },
  };
  Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: "WebAssembly", configurable: true });
  Object.defineProperty(globalThis, "WebAssembly", { value: WebAssembly, writable: true, configurable: true, enumerable: false });

  // modules.js: a CompiledWasm module's value, once per context and path.
  internal.wasmModuleOf = function wasmModuleOf(path) {
    const problem = wasm.check(path);
    if (problem !== null && problem !== undefined) throw new CompileError(problem);
    return new Module(path, token);
  };
});
