// Workers KV: env.NAMESPACE as workerd has it (src/workerd/api/kv.c++): get (text, json,
// arrayBuffer, stream; a key or an array of keys; cacheTtl), getWithMetadata, put (strings,
// buffers, views and streams; expiration, expirationTtl, metadata), delete, list (prefix, limit,
// cursor). The host (dev.w9y.core.kv via KvBridge) keeps the entries, checks Cloudflare's limits in
// workerd's words and decides what a location sees (eventual consistency); this file shapes values.
// Needs: encoding.js, fetch.js (Response, for streams), workers.js (internal.platformBindings).
(function (internal) {
  "use strict";

  const TYPES = ["text", "json", "arrayBuffer", "stream"];

  function checkKey(key) {
    const name = typeof key === "string" ? key : String(key);
    if (name === "") throw new TypeError("Key name cannot be empty.");
    if (name === "." || name === "..") throw new TypeError(`"${name}" is not allowed as a key name.`);
    return name;
  }

  function readOptions(options) {
    if (options === undefined || options === null) return { type: "text", cacheTtl: 0 };
    // Anything but an object is a type name (workerd takes a string or GetOptions).
    if (typeof options !== "object" && typeof options !== "function") return { type: String(options), cacheTtl: 0 };
    const type = options.type === undefined ? "text" : String(options.type);
    const cacheTtl = options.cacheTtl === undefined ? 0 : Number(options.cacheTtl);
    return { type, cacheTtl };
  }

  function cacheTtlOf(cacheTtl) {
    return Number.isFinite(cacheTtl) ? Math.trunc(cacheTtl) : -1;
  }

  function convert(binary, type) {
    switch (type) {
      case "text": return internal.utf8Text(binary);
      case "json": return JSON.parse(internal.utf8Text(binary));
      case "arrayBuffer": return internal.binaryToBytes(binary).buffer;
      case "stream": return new Response(internal.binaryToBytes(binary)).body;
      default:
        throw new TypeError(`Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".`);
    }
  }

  // An integer option as workerd converts it: absent stays absent, null and NaN are 0.
  function integer(value) {
    if (value === undefined) return null;
    const number = Math.trunc(Number(value));
    return Number.isFinite(number) ? number : 0;
  }

  // workerd's type check of a missing argument (jsg's words).
  function required(args, count, method, parameter, type) {
    if (args.length < count) {
      throw new TypeError(`Failed to execute '${method}' on 'KvNamespace': parameter ${parameter} is not of type '${type}'.`);
    }
  }

  function fromHost(start) {
    return new Promise((resolve, reject) => {
      start(resolve, (name, message, flags) => reject(internal.hostError(name, message, flags)));
    });
  }

  class KVNamespace {
    #fns;
    constructor(name, fns) {
      this.#fns = fns;
      Object.defineProperty(this, "name", { value: name, enumerable: false });
    }

    #getOne(key, options, withMetadata) {
      const fns = this.#fns;
      const { type, cacheTtl } = readOptions(options);
      const name = checkKey(key);
      return fromHost((ok, fail) => fns.get(name, cacheTtlOf(cacheTtl), ok, fail)).then((found) => {
        const value = found === null ? null : convert(found[0], type);
        if (!withMetadata) return value;
        const metadata = found === null || found[1] === null ? null : JSON.parse(found[1]);
        return { value, metadata, cacheStatus: null };
      });
    }

    // A bulk get: one request for up to 100 keys (checked by the host), text or json only; a Map
    // of key to value (with metadata: {value, metadata}), null for a key that has none.
    #getMany(keys, options, withMetadata) {
      const fns = this.#fns;
      const { type, cacheTtl } = readOptions(options);
      if (type !== "text" && type !== "json") {
        throw new Error(`KV GET_BULK failed: 400 "${type}" is not a valid type. Use "json" or "text"`);
      }
      const names = keys.map((k) => (typeof k === "string" ? k : String(k)));
      return fromHost((ok, fail) => fns.getBulk(names, cacheTtlOf(cacheTtl), ok, fail)).then((found) => {
        const map = new Map();
        names.forEach((name, i) => {
          const entry = found[i];
          let value = null;
          if (entry !== null) {
            try {
              value = convert(entry[0], type);
            } catch (e) {
              throw new Error("KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value");
            }
          }
          if (!withMetadata || entry === null) map.set(name, value);
          else map.set(name, { value, metadata: entry[1] === null ? null : JSON.parse(entry[1]) });
        });
        return map;
      });
    }

    // A missing key throws at once (workerd checks arguments before it makes the promise).
    get(key, options = undefined) {
      required(arguments, 1, "get", 1, "string or Array");
      try {
        if (Array.isArray(key)) return this.#getMany(key, options, false);
        return this.#getOne(key, options, false);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    getWithMetadata(key, options = undefined) {
      required(arguments, 1, "getWithMetadata", 1, "Array or string");
      try {
        if (Array.isArray(key)) return this.#getMany(key, options, true);
        return this.#getOne(key, options, true);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    async put(key, value, options = undefined) {
      required(arguments, 1, "put", 1, "string");
      required(arguments, 2, "put", 2, "string or JsObject");
      const fns = this.#fns;
      const name = checkKey(key);
      let binary;
      if (typeof value === "string") binary = internal.utf8Binary(value);
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) binary = internal.bufferSourceBinary(value);
      else if (value instanceof ReadableStream) {
        binary = internal.bytesToBinary(new Uint8Array(await new Response(value).arrayBuffer()));
      } else if (value !== null && (typeof value === "object" || typeof value === "function")) {
        throw new TypeError("KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.");
      } else binary = internal.utf8Binary(String(value));
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to execute 'put' on 'KvNamespace': parameter 3 is not of type 'PutOptions'.");
      }
      const opts = options ?? {};
      const expiration = integer(opts.expiration);
      const expirationTtl = integer(opts.expirationTtl);
      // null metadata is none (list() shows no metadata field), as in workerd.
      const metadata = opts.metadata === undefined || opts.metadata === null ? null : JSON.stringify(opts.metadata);
      return fromHost((ok, fail) =>
        fns.put(name, binary, expiration, expirationTtl, metadata === undefined ? null : metadata,
          () => ok(undefined), fail));
    }

    async delete(key) {
      required(arguments, 1, "delete", 1, "string");
      const fns = this.#fns;
      const name = checkKey(key);
      return fromHost((ok, fail) => fns.delete(name, () => ok(undefined), fail));
    }

    async list(options = undefined) {
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to execute 'list' on 'KvNamespace': parameter 1 is not of type 'ListOptions'.");
      }
      const fns = this.#fns;
      const opts = options ?? {};
      const prefix = opts.prefix === undefined || opts.prefix === null ? null : String(opts.prefix);
      // workerd sends a limit only when it is above 0: 0, negative and NaN limits mean the default.
      const limit = Math.max(0, integer(opts.limit) ?? 0);
      const cursor = opts.cursor === undefined || opts.cursor === null ? null : String(opts.cursor);
      const flat = await fromHost((ok, fail) => fns.list(prefix, limit, cursor, ok, fail));
      const keys = [];
      for (let i = 2; i < flat.length; i += 3) {
        const entry = { name: flat[i] };
        if (flat[i + 1] !== null) entry.expiration = flat[i + 1];
        if (flat[i + 2] !== null) entry.metadata = JSON.parse(flat[i + 2]);
        keys.push(entry);
      }
      const result = { keys, list_complete: flat[0] };
      if (!flat[0]) result.cursor = flat[1];
      result.cacheStatus = null;
      return result;
    }
  }
  Object.defineProperty(KVNamespace.prototype, Symbol.toStringTag, { value: "KvNamespace" });

  internal.platformBindings.kv = (name, fns) => new KVNamespace(name, fns);
});
