// Cloudflare's Cache API: `caches.default` and `caches.open(name)`, backed by the service's HTTP
// caches in sim-core (shared by the service's instances and durable objects, kept across crashes,
// expiring on virtual time; Cache-Control and the rest are read there, see HttpCachePolicy).
// Operations complete at once; their promises settle in the same event. Needs fetch.js.
(function (internal) {
  "use strict";
  const host = internal.host;
  const FROM_PRELUDE = Symbol("constructed by the prelude"); // guests cannot construct caches

  // A key is a Request, or a string/URL made into a GET Request (TypeError on a bad URL).
  function keyOf(request) {
    return request instanceof Request ? request : new Request(request);
  }

  // The key to look up: a GET as it is, another method as a GET when `ignoreMethod` says so, else
  // null (Workers' caches only ever hold GETs).
  function lookupKey(request, options) {
    const key = keyOf(request);
    if (key.method === "GET") return key;
    if (options !== undefined && options !== null && options.ignoreMethod) {
      return new Request(key.url, { headers: key.headers });
    }
    return null;
  }

  class Cache {
    #name;
    constructor(token, name) {
      if (token !== FROM_PRELUDE) throw new TypeError("Illegal constructor");
      this.#name = name;
    }

    match(request, options = undefined) {
      try {
        const key = lookupKey(request, options);
        if (key === null) return Promise.resolve(undefined);
        const parts = host.cacheMatch(this.#name, internal.requestToWire(key));
        return Promise.resolve(parts === null ? undefined : internal.responseFromWire(parts, key.url, false));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    put(request, response) {
      try {
        const key = keyOf(request);
        if (key.method !== "GET") throw new TypeError("Cannot cache response to non-GET request.");
        if (!(response instanceof Response)) throw new TypeError("Cache.put() needs a Response");
        if (response.status === 206) {
          throw new TypeError("Cannot cache response to a range request (206 Partial Content).");
        }
        const vary = response.headers.get("vary");
        if (vary !== null && vary.includes("*")) throw new TypeError("Cannot cache response with 'Vary: *' header.");
        if (response.bodyUsed) throw new TypeError("Cache.put(): the response's body is already used");
        const name = this.#name;
        const requestParts = internal.requestToWire(key);
        const store = () => {
          host.cachePut(name, requestParts, internal.responseToWire(response)); // consumes the body
          return undefined;
        };
        const draining = internal.drainBody(internal.responseState(response));
        return draining === null ? Promise.resolve(store()) : draining.then(store);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    delete(request, options = undefined) {
      try {
        const key = lookupKey(request, options);
        if (key === null) return Promise.resolve(false);
        return Promise.resolve(host.cacheDelete(this.#name, internal.requestToWire(key)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  Object.defineProperty(Cache.prototype, Symbol.toStringTag, { value: "Cache", configurable: true });

  class CacheStorage {
    #default = null; // made when first asked for: most Workers never touch the cache
    constructor(token) {
      if (token !== FROM_PRELUDE) throw new TypeError("Illegal constructor");
    }
    get default() {
      if (this.#default === null) this.#default = new Cache(FROM_PRELUDE, "default");
      return this.#default;
    }
    open(cacheName) {
      const name = String(cacheName);
      if (name.length > 1024) return Promise.reject(new TypeError("Cache name is too long."));
      return Promise.resolve(new Cache(FROM_PRELUDE, name));
    }
  }
  Object.defineProperty(CacheStorage.prototype, Symbol.toStringTag, { value: "CacheStorage", configurable: true });

  internal.defineGlobal("Cache", Cache);
  internal.defineGlobal("CacheStorage", CacheStorage);
  internal.defineGlobal("caches", new CacheStorage(FROM_PRELUDE));
});
