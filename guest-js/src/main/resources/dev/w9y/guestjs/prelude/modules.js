// Modules that are not ES modules, as wrangler builds a Worker: CommonJS (require, module.exports),
// Text, Data, JSON and CompiledWasm. The host (internal.modules, ModuleLoader) resolves specifiers
// and knows each file's type; an ES module imports one of these through a facade module that calls
// __w9yModules.load(path). One registry per context, so a module runs once however it is reached.
(function (internal) {
  "use strict";
  const modules = internal.modules;
  const registry = new Map(); // path -> { exports } (CommonJS: the module object itself)

  function dirname(path) {
    const slash = path.lastIndexOf("/");
    return slash < 0 ? "" : path.slice(0, slash);
  }

  // workerd's words for a module that is not there: the specifier joined to the requiring module's
  // directory as a URL path would be (bare names too: workerd has no node_modules lookup), no code.
  function notFound(specifier, from) {
    const parts = specifier.startsWith("/") ? [] : dirname(from).split("/").filter((p) => p !== "");
    for (const part of specifier.split("/")) {
      if (part === "..") parts.pop();
      else if (part !== "." && part !== "") parts.push(part);
    }
    return new Error(`No such module "${parts.join("/")}".`);
  }

  function makeRequire(from) {
    const require = function require(specifier) {
      if (typeof specifier !== "string") {
        throw new TypeError(`The "id" argument must be of type string. Received ${typeof specifier}`);
      }
      // nodejs_compat (node.js): node:x is always the built-in; a bare x is the built-in only
      // when no file or package of the Worker's answers to it, as in workerd.
      const builtin = specifier.startsWith("node:") && internal.nodeRequire
        ? internal.nodeRequire(specifier) : undefined;
      if (builtin !== undefined) return builtin;
      const path = modules.resolve(from, specifier);
      if (path === null || path === undefined) {
        const bare = internal.nodeRequire ? internal.nodeRequire(specifier) : undefined;
        if (bare !== undefined) return bare;
        if (specifier.startsWith("node:")) throw new Error(`No such module "${specifier}".`);
        throw notFound(specifier, from);
      }
      return load(path);
    };
    return require; // workerd's require has no resolve or cache
  }

  function load(path) {
    const known = registry.get(path);
    if (known !== undefined) return known.exports;
    const type = modules.type(path);
    switch (type) {
      case "CommonJS": {
        // As workerd makes it: module has only path (read-only) and exports, this is the global
        // object, __filename and __dirname are absolute ("/lib/x.cjs", "/lib").
        const module = {};
        Object.defineProperty(module, "path", { value: "/" + path, enumerable: true, configurable: true });
        module.exports = {};
        registry.set(path, module);
        try {
          const body = modules.compile(path);
          body.call(globalThis, module.exports, makeRequire(path), module, "/" + path, "/" + dirname(path));
        } catch (error) {
          registry.delete(path);
          throw error;
        }
        return module.exports;
      }
      case "Text":
        return remember(path, modules.text(path));
      case "Data":
        return remember(path, internal.binaryToBytes(modules.binary(path)).buffer);
      case "JSON":
        return remember(path, JSON.parse(modules.text(path)));
      case "CompiledWasm":
        if (typeof internal.wasmModuleOf !== "function") {
          throw new Error(`${path}: CompiledWasm modules need the WebAssembly runtime, which this W9Y build does not have`);
        }
        return remember(path, internal.wasmModuleOf(path));
      default:
        throw new Error(`require() of ES module ${path} is not supported: import it instead`);
    }
  }

  function remember(path, value) {
    registry.set(path, { exports: value });
    return value;
  }

  Object.defineProperty(globalThis, "__w9yModules", {
    value: Object.freeze({ load: (path) => load(String(path)) }),
    enumerable: false, configurable: false, writable: false,
  });
});
