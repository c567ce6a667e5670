// Fetch Standard §5.2: Headers. The header list keeps names as given and in insertion order
// (what goes on the wire); reads are case-insensitive and iteration is sorted and combined.
// Guards: "none", "request", "response", "immutable". Like Workers (a server runtime), the
// "request" guard forbids no header names.
(function (internal) {
  "use strict";
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const INVALID_VALUE = /[\0\n\r]/;
  // A value that is already normalized and valid: no surrounding whitespace, no NUL/CR/LF, every
  // char a byte. One regex for the common case (each regex call costs microseconds interpreted).
  const PLAIN_VALUE = /^(?:[^\t\n\r \0\u0100-\uffff](?:[^\0\n\r\u0100-\uffff]*[^\t\n\r \0\u0100-\uffff])?)?$/;
  // Names already checked: a simulation uses a handful of header names over and over. Bounded.
  const checkedNames = new Set();

  function checkName(name) {
    const text = String(name);
    if (checkedNames.has(text)) return text;
    if (!TOKEN.test(text)) throw new TypeError(`Invalid header name: '${text}'`);
    if (checkedNames.size >= 256) checkedNames.clear();
    checkedNames.add(text);
    return text;
  }

  // Pairs copied pair by pair, by index (for-of with destructuring costs microseconds per pair
  // interpreted).
  function copyPairs(pairs) {
    const copy = new Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) copy[i] = [pairs[i][0], pairs[i][1]];
    return copy;
  }

  function normalizeValue(value) {
    const given = String(value);
    if (PLAIN_VALUE.test(given)) return given;
    const text = given.replace(HTTP_WHITESPACE, "");
    if (INVALID_VALUE.test(text)) throw new TypeError(`Invalid header value: '${text}'`);
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0xff) throw new TypeError(`Invalid header value (not a ByteString): '${text}'`);
    }
    return text;
  }

  class Headers {
    #s; // { list, guard }: one private name, as in Request (fetch.js)

    constructor(init = undefined) {
      const s = this.#s = { list: [], guard: "none" };
      if (init === undefined) return;
      if (init === null) throw new TypeError("Headers: init must be a sequence of pairs or a record, not null");
      // Another Headers, copied directly unless its iterator was replaced. A brand check, not
      // instanceof, so a Proxy sees no traps beyond the ones the WebIDL conversion makes.
      if (#s in init && init[Symbol.iterator] === ENTRIES) {
        s.list = copyPairs(init.#s.list);
        return;
      }
      if (typeof init !== "object" && typeof init !== "function") {
        throw new TypeError("Headers: init must be a sequence of pairs or a record");
      }
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const items = typeof pair === "string" ? null : Array.from(pair);
          if (items === null || items.length !== 2) {
            throw new TypeError("Headers: each header must be a [name, value] pair");
          }
          this.append(items[0], items[1]);
        }
        return;
      }
      for (const key of Reflect.ownKeys(init)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
        if (descriptor === undefined || !descriptor.enumerable) continue;
        if (typeof key === "symbol") throw new TypeError("Headers: record keys must be strings");
        this.append(key, init[key]);
      }
    }

    static #checkMutable(self) {
      if (self.#s.guard === "immutable") throw new TypeError("Headers are immutable");
    }

    append(name, value) {
      const checkedName = checkName(name);
      const normalized = normalizeValue(value);
      Headers.#checkMutable(this);
      this.#s.list.push([checkedName, normalized]);
    }

    delete(name) {
      const lower = checkName(name).toLowerCase();
      Headers.#checkMutable(this);
      this.#s.list = this.#s.list.filter(([n]) => n.toLowerCase() !== lower);
    }

    // Reads loop by index: for-of with destructuring costs microseconds per pair interpreted.
    get(name) {
      const lower = checkName(name).toLowerCase();
      const list = this.#s.list;
      let result = null;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0].toLowerCase() === lower) result = result === null ? list[i][1] : `${result}, ${list[i][1]}`;
      }
      return result;
    }

    getSetCookie() {
      return this.#s.list.filter(([n]) => n.toLowerCase() === "set-cookie").map(([, v]) => v);
    }

    has(name) {
      const lower = checkName(name).toLowerCase();
      const list = this.#s.list;
      for (let i = 0; i < list.length; i++) if (list[i][0].toLowerCase() === lower) return true;
      return false;
    }

    set(name, value) {
      const checkedName = checkName(name);
      const normalized = normalizeValue(value);
      Headers.#checkMutable(this);
      const lower = checkedName.toLowerCase();
      const index = this.#s.list.findIndex(([n]) => n.toLowerCase() === lower);
      if (index < 0) {
        this.#s.list.push([checkedName, normalized]);
        return;
      }
      this.#s.list[index][1] = normalized;
      this.#s.list = this.#s.list.filter(([n], i) => i <= index || n.toLowerCase() !== lower);
    }

    // "Sort and combine": lower-cased names in code-unit order, values combined with ", ",
    // except set-cookie, whose values stay separate.
    static #sortedAndCombined(self) {
      const names = [...new Set(self.#s.list.map(([n]) => n.toLowerCase()))].sort();
      const result = [];
      for (const name of names) {
        if (name === "set-cookie") {
          for (const [n, v] of self.#s.list) if (n.toLowerCase() === name) result.push([name, v]);
        } else {
          result.push([name, self.get(name)]);
        }
      }
      return result;
    }

    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") throw new TypeError("Headers.forEach needs a function");
      let pairs = Headers.#sortedAndCombined(this);
      // The value pairs to iterate over are recomputed each step (WebIDL), so edits show.
      for (let i = 0; i < pairs.length; i++) {
        callback.call(thisArg, pairs[i][1], pairs[i][0], this);
        pairs = Headers.#sortedAndCombined(this);
      }
    }

    entries() { return headersIterator(Headers.#brand(this), "key+value"); }
    keys() { return headersIterator(Headers.#brand(this), "key"); }
    values() { return headersIterator(Headers.#brand(this), "value"); }

    static #brand(self) {
      if (!(#s in self)) throw new TypeError("Illegal invocation: not a Headers object");
      return self;
    }
    static sortedAndCombined(headers) { return Headers.#sortedAndCombined(headers); }
    static list(headers) { return headers.#s.list; }
    static setGuard(headers, guard) { headers.#s.guard = guard; }
  }
  const listOf = Headers.list;
  const setGuard = Headers.setGuard;
  const sortedAndCombined = Headers.sortedAndCombined;
  delete Headers.list;
  delete Headers.setGuard;
  delete Headers.sortedAndCombined;
  // WebIDL: @@iterator is the same function as entries().
  const ENTRIES = Headers.prototype.entries;
  Object.defineProperty(Headers.prototype, Symbol.iterator, { value: ENTRIES, writable: true, configurable: true });

  // WebIDL pair iterators ("Headers Iterator"): each next() reads the headers as they are then
  // (sorted and combined), so changes during iteration show, as the spec's index-based
  // iteration does.
  const ITERATORS = new WeakMap(); // iterator -> { target, kind, index }
  const HeadersIteratorPrototype = Object.create(
    Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), {
      next: {
        value: function next() {
          const state = ITERATORS.get(this);
          if (state === undefined) throw new TypeError("Illegal invocation: not a Headers iterator");
          const pairs = sortedAndCombined(state.target);
          if (state.index >= pairs.length) return { value: undefined, done: true };
          const pair = pairs[state.index++];
          const value = state.kind === "key" ? pair[0] : state.kind === "value" ? pair[1] : [pair[0], pair[1]];
          return { value, done: false };
        },
        writable: true, enumerable: true, configurable: true,
      },
      [Symbol.toStringTag]: { value: "Headers Iterator", configurable: true },
    });
  function headersIterator(target, kind) {
    const iterator = Object.create(HeadersIteratorPrototype);
    ITERATORS.set(iterator, { target, kind, index: 0 });
    return iterator;
  }
  Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: "Headers", configurable: true });

  // For Request/Response (fetch.js): pairs as they travel, names as written.
  internal.headersFromList = function headersFromList(pairs, guard) {
    const headers = new Headers();
    Array.prototype.push.apply(listOf(headers), copyPairs(pairs)); // apply: a spread call iterates
    setGuard(headers, guard);
    return headers;
  };
  internal.headersToList = (headers) => copyPairs(listOf(headers));
  internal.setHeadersGuard = (headers, guard) => setGuard(headers, guard);
  internal.defineGlobal("Headers", Headers);
});
