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
    if (typeof options === "string") return { type: options, cacheTtl: 0 };
    const type = options.type === undefined ? "text" : String(options.type);
    const cacheTtl = options.cacheTtl === undefined ? 0 : Number(options.cacheTtl);
    return { type, cacheTtl };
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

  function integer(value) {
    if (value === undefined || value === null) return null;
    const number = Math.trunc(Number(value));
    return Number.isFinite(number) ? number : -1;
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
      const ttl = Number.isFinite(cacheTtl) ? Math.trunc(cacheTtl) : -1;
      return fromHost((ok, fail) => fns.get(name, ttl, ok, fail)).then((found) => {
        const value = found === null ? null : convert(found[0], type);
        if (!withMetadata) return value;
        const metadata = found === null || found[1] === null ? null : JSON.parse(found[1]);
        return { value, metadata, cacheStatus: null };
      });
    }

    get(key, options = undefined) {
      try {
        if (Array.isArray(key)) {
          const keys = key.map(checkKey);
          return Promise.all(keys.map((k) => this.#getOne(k, options, false))).then((values) => {
            const map = new Map();
            keys.forEach((k, i) => map.set(k, values[i]));
            return map;
          });
        }
        return this.#getOne(key, options, false);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    getWithMetadata(key, options = undefined) {
      try {
        if (Array.isArray(key)) {
          const keys = key.map(checkKey);
          return Promise.all(keys.map((k) => this.#getOne(k, options, true))).then((values) => {
            const map = new Map();
            keys.forEach((k, i) => map.set(k, { value: values[i].value, metadata: values[i].metadata }));
            return map;
          });
        }
        return this.#getOne(key, options, true);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    async put(key, value, options = undefined) {
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
      const opts = options ?? {};
      const expiration = integer(opts.expiration);
      const expirationTtl = integer(opts.expirationTtl);
      const metadata = opts.metadata === undefined ? null : JSON.stringify(opts.metadata);
      return fromHost((ok, fail) =>
        fns.put(name, binary, expiration, expirationTtl, metadata === undefined ? null : metadata,
          () => ok(undefined), fail));
    }

    async delete(key) {
      const fns = this.#fns;
      const name = checkKey(key);
      return fromHost((ok, fail) => fns.delete(name, () => ok(undefined), fail));
    }

    async list(options = undefined) {
      const fns = this.#fns;
      const opts = options ?? {};
      const prefix = opts.prefix === undefined || opts.prefix === null ? null : String(opts.prefix);
      const limit = opts.limit === undefined || opts.limit === null ? 0 : integer(opts.limit);
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
