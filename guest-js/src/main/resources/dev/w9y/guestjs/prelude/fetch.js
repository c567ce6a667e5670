// Fetch Standard: Body, Request, Response and fetch() over the simulated network.
// Bodies are held whole as binary strings (one char per byte) — the form the host moves them in.
// `body` is a ReadableStream made on demand over those bytes; a body built from a guest's own
// ReadableStream is read to its end when it is consumed or sent (the simulated network moves
// whole messages, so a response leaves once its stream closes; see docs/JS-GUESTS.md).
// Needs: dom-exception.js, url.js (URL), headers.js (Headers + internal.headersFromList,
// headersToList, setHeadersGuard), encoding.js, event.js, abort.js (AbortSignal), streams.js,
// forms.js (Blob and FormData bodies).
(function (internal) {
  "use strict";
  const host = internal.host;

  const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
  const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
  const WORKERD_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PURGE", "OPTIONS",
    "TRACE", "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "ACL",
    "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "MSEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE",
    "QUERY", "BAN"];
  const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;
  const REQUEST_ENUMS = [
    ["mode", ["navigate", "same-origin", "no-cors", "cors"]],
    ["credentials", ["omit", "same-origin", "include"]],
    ["cache", ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"]],
    ["referrerPolicy", ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
      "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"]],
    ["priority", ["high", "low", "auto"]],
    ["duplex", ["half"]],
  ];

  // Fetch §5 "extract a body": { binary: binary string or null, type: content type or null }.
  const utf8Binary = internal.utf8Binary;
  const streams = internal.streams;
  // Streams handed out by `body` over a body's bytes -> that body's state, so passing one on
  // (`new Response(response.body, response)`) moves the bytes without reading the stream.
  const BYTE_VIEWS = new WeakMap();

  // { binary: bytes as a binary string or null, stream: a guest's ReadableStream or null, type }.
  function extractBody(init) {
    if (init === null || init === undefined) return { binary: null, stream: null, type: null };
    if (typeof init === "string") return { binary: utf8Binary(init), stream: null, type: "text/plain;charset=UTF-8" };
    const bytes = internal.bufferSourceBinary(init);
    if (bytes !== null) return { binary: bytes, stream: null, type: null };
    if (typeof URLSearchParams === "function" && init instanceof URLSearchParams) {
      return { binary: utf8Binary(init.toString()), stream: null, type: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (streams.isStream(init)) {
      if (streams.isDisturbed(init)) {
        throw new TypeError("This ReadableStream is disturbed (has already been read from), and cannot be used as a body.");
      }
      if (streams.isLocked(init)) throw new TypeError("This ReadableStream is currently locked to a reader.");
      const source = BYTE_VIEWS.get(init);
      if (source !== undefined) {
        streams.lock(init); // the bytes move: the stream's first owner can no longer read it
        return { binary: source.binary, stream: null, type: null };
      }
      return { binary: null, stream: init, type: null };
    }
    const formOrBlob = internal.extractFormOrBlob(init);
    if (formOrBlob !== null) return { binary: formOrBlob.binary, stream: null, type: formOrBlob.type };
    return { binary: utf8Binary(String(init)), stream: null, type: "text/plain;charset=UTF-8" };
  }

  // The Body mixin's state, one per Request or Response. A body is null (both null), bytes
  // (`binary`) or a guest's stream not read yet (`stream`); `view` is the stream `body` handed out
  // over the bytes, made on first ask.
  class BodyState {
    constructor(binary, stream = null) {
      this.binary = binary; // string or null
      this.stream = stream; // ReadableStream or null; binary is null while it is set
      this.view = null;
      this.used = false;
    }
  }

  function bodyUsed(state) {
    return state.used || (state.stream !== null && streams.isDisturbed(state.stream))
      || (state.view !== null && streams.isDisturbed(state.view));
  }

  function bodyLocked(state) {
    return (state.stream !== null && streams.isLocked(state.stream))
      || (state.view !== null && streams.isLocked(state.view));
  }

  // A stream's chunks as one binary string; each chunk must be bytes, as for a fetch body.
  function readStreamBinary(stream) {
    return streams.readAll(stream).then((chunks) => {
      let binary = "";
      for (let i = 0; i < chunks.length; i++) {
        const chunk = internal.bufferSourceBinary(chunks[i]);
        if (chunk === null) {
          throw new TypeError(`a body stream's chunks must be Uint8Array, not ${chunks[i] === null ? "null" : typeof chunks[i]}`);
        }
        binary += chunk;
      }
      return binary;
    });
  }

  function consume(self, state, kind) {
    if (bodyUsed(state)) return Promise.reject(new TypeError(`${kind}: body has already been used`));
    if (bodyLocked(state)) return Promise.reject(new TypeError(`${kind}: the body's stream is locked to a reader`));
    // A null body stays unused (Fetch: bodyUsed is "body is non-null and disturbed").
    if (state.binary !== null || state.stream !== null) state.used = true;
    if (state.stream !== null) return readStreamBinary(state.stream);
    if (state.view !== null) streams.markRead(state.view);
    return Promise.resolve(state.binary ?? "");
  }

  // Before a body leaves through the host, its stream (if any) is read to the end. Null when there
  // is nothing to wait for (the common case: no extra promise job per message).
  internal.drainBody = function drainBody(state) {
    if (state.stream === null) return null;
    if (bodyUsed(state) || bodyLocked(state)) {
      return Promise.reject(new TypeError("the body's stream is locked or already read"));
    }
    return readStreamBinary(state.stream).then((binary) => {
      state.binary = binary;
      state.stream = null;
    });
  };

  const decodeUtf8 = internal.utf8Text;

  function defineBodyMethods(klass, stateOf) {
    const methods = {
      get bodyUsed() { return bodyUsed(stateOf(this)); },
      get body() {
        const state = stateOf(this);
        if (state.stream !== null) return state.stream;
        if (state.binary === null) return null;
        if (state.view === null && state.used) {
          // Consumed before anyone asked for it: a stream already read and locked, as workerd's.
          state.view = streams.ofBytes(new Uint8Array(0));
          streams.markRead(state.view);
        } else if (state.view === null) {
          state.view = streams.ofBytes(internal.binaryToBytes(state.binary));
          BYTE_VIEWS.set(state.view, state);
        }
        return state.view;
      },
      text() { return consume(this, stateOf(this), "text()").then(decodeUtf8); },
      json() { return consume(this, stateOf(this), "json()").then((b) => JSON.parse(decodeUtf8(b))); },
      arrayBuffer() {
        return consume(this, stateOf(this), "arrayBuffer()").then((b) => internal.binaryToBytes(b).buffer);
      },
      bytes() { return consume(this, stateOf(this), "bytes()").then(internal.binaryToBytes); },
      blob() {
        const type = this.headers.get("content-type");
        return consume(this, stateOf(this), "blob()").then((b) => internal.blobFromBinary(b, type));
      },
      formData() {
        const type = this.headers.get("content-type");
        return consume(this, stateOf(this), "formData()").then((b) => internal.parseFormBody(b, type));
      },
    };
    for (const key of Object.getOwnPropertyNames(methods)) {
      const descriptor = Object.getOwnPropertyDescriptor(methods, key);
      descriptor.enumerable = true;
      Object.defineProperty(klass.prototype, key, descriptor);
    }
  }

  // Headers cross the host boundary as one string, "name\nvalue\nname\nvalue" (neither may
  // contain a line feed), and become a Headers object only when guest code asks for one.
  function pairsFromWire(text) {
    const pairs = [];
    if (text === "") return pairs;
    const parts = text.split("\n");
    for (let i = 0; i < parts.length; i += 2) pairs.push([parts[i], parts[i + 1]]);
    return pairs;
  }
  function wireFromPairs(pairs) {
    let text = "";
    for (let i = 0; i < pairs.length; i++) {
      text += (i === 0 ? "" : "\n") + pairs[i][0] + "\n" + pairs[i][1];
    }
    return text;
  }
  const FROM_WIRE = Symbol("from the host"); // a constructor argument guest code cannot pass
  const NO_INIT = Object.freeze({});

  // ---------------------------------------------------------------- request.cf
  // workerd gives a request that arrives from outside (here: from the workload, or by URL from
  // another service) a `cf` object; Miniflare fills it with these placeholders (its fallbackCf),
  // plus clientAcceptEncoding from the Accept-Encoding header. The workload may name fields over
  // the placeholders in the `w9y-cf` header (a JSON object; then, as Miniflare's dispatchFetch
  // with `cf`, no clientAcceptEncoding). A request through a service binding or a stub carries
  // its sender's Request.cf instead (undefined when it has none), in the reserved header
  // `w9y-request-cf` ("" for none; sim-core RequestCf). Both headers are taken off the request
  // the guest sees, and cf stays JSON text until guest code reads it.
  const CF_EDGE_HEADER = "w9y-cf";
  const CF_CARRIED_HEADER = "w9y-request-cf";
  const EDGE_CF = {
    asOrganization: "", asn: 395747, colo: "DFW", city: "Austin", region: "Texas", regionCode: "TX",
    metroCode: "635", postalCode: "78701", country: "US", continent: "NA", timezone: "America/Chicago",
    latitude: "30.27130", longitude: "-97.74260", clientTcpRtt: 0, httpProtocol: "HTTP/1.1",
    requestPriority: "weight=192;exclusive=0", tlsCipher: "AEAD-AES128-GCM-SHA256", tlsVersion: "TLSv1.3",
    tlsClientAuth: {
      certPresented: "0", certVerified: "NONE", certRevoked: "0", certIssuerDN: "", certSubjectDN: "",
      certIssuerDNRFC2253: "", certSubjectDNRFC2253: "", certIssuerDNLegacy: "", certSubjectDNLegacy: "",
      certSerial: "", certIssuerSerial: "", certSKI: "", certIssuerSKI: "", certFingerprintSHA1: "",
      certFingerprintSHA256: "", certNotBefore: "", certNotAfter: "",
    },
    edgeRequestKeepAliveStatus: 0, clientTrustScore: 99,
    botManagement: {
      corporateProxy: false, verifiedBot: false, ja3Hash: "25b4882c2bcb50cd6b469ff28c596742",
      staticResource: false, detectionIds: [], score: 99,
    },
  };
  const EDGE_CF_PREFIX = JSON.stringify(EDGE_CF).slice(0, -1) + ',"clientAcceptEncoding":';

  function deepFreeze(value) {
    if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) deepFreeze(value[key]);
      Object.freeze(value);
    }
    return value;
  }

  // [headers without the cf headers, cf as JSON text or null for none] of a request that arrived.
  function cfFromWire(headers) {
    let edge = null;
    let carried = null;
    let acceptEncoding = "";
    let kept = headers;
    if (headers.includes("w9y-") || headers.includes("accept-encoding")) {
      // Read from the split wire text directly, without a pair array per header: every request
      // through a stub or binding carries CF_CARRIED_HEADER, so this runs once per such request.
      const parts = headers.split("\n");
      let others = "";
      let count = 0;
      for (let i = 0; i < parts.length; i += 2) {
        const name = parts[i];
        if (name === CF_EDGE_HEADER) edge = parts[i + 1];
        else if (name === CF_CARRIED_HEADER) carried = parts[i + 1];
        else {
          if (name === "accept-encoding") acceptEncoding = parts[i + 1];
          others += (count++ === 0 ? "" : "\n") + name + "\n" + parts[i + 1];
        }
      }
      if (edge !== null || carried !== null) kept = others;
    }
    if (carried !== null) return [kept, carried === "" ? null : carried];
    if (edge === null) return [kept, EDGE_CF_PREFIX + JSON.stringify(acceptEncoding) + "}"];
    let fields;
    try {
      fields = JSON.parse(edge);
    } catch (e) {
      fields = undefined;
    }
    if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
      throw new TypeError(`the request's ${CF_EDGE_HEADER} header (fields of request.cf, from the workload)` +
        ` must be a JSON object, not: ${edge}`);
    }
    return [kept, JSON.stringify({ ...EDGE_CF, ...fields })];
  }

  // RequestInit members W9Y only checks and keeps to be read back (there is no browser context
  // for them to act in): WebIDL enum values and the Fetch constructor's checks that hold without
  // a browser. Returns the request's options record (null when nothing was ever set).
  function checkedOptions(init, inputOptions) {
    for (let i = 0; i < REQUEST_ENUMS.length; i++) {
      const member = REQUEST_ENUMS[i][0];
      if (init[member] !== undefined && !REQUEST_ENUMS[i][1].includes(String(init[member]))) {
        throw new TypeError(`new Request: '${String(init[member])}' is not a valid value for ${member}`);
      }
    }
    if (init.window !== undefined && init.window !== null) {
      throw new TypeError("new Request: RequestInit's window must be null");
    }
    const mode = init.mode !== undefined ? String(init.mode) : (inputOptions?.mode ?? "cors");
    if (mode === "navigate" && init.mode !== undefined) {
      throw new TypeError("new Request: mode 'navigate' cannot be set from script");
    }
    if (init.referrer !== undefined && String(init.referrer) !== "" &&
        internal.parseAbsoluteUrl(init.referrer) === null) {
      throw new TypeError(`new Request: invalid referrer '${String(init.referrer)}'`);
    }
    if (init.cache !== undefined && String(init.cache) === "only-if-cached" && mode !== "same-origin") {
      throw new TypeError("new Request: cache mode 'only-if-cached' needs mode 'same-origin'");
    }
    if (mode === "no-cors" && init.method !== undefined &&
        !["GET", "HEAD", "POST"].includes(String(init.method).toUpperCase())) {
      throw new TypeError(`new Request: mode 'no-cors' allows GET, HEAD and POST only, not '${String(init.method)}'`);
    }
    if (init.mode === undefined && init.credentials === undefined && init.cache === undefined &&
        init.referrerPolicy === undefined && init.integrity === undefined) {
      return inputOptions;
    }
    const o = { ...(inputOptions ?? {}) };
    if (init.mode !== undefined) o.mode = mode;
    if (init.credentials !== undefined) o.credentials = String(init.credentials);
    if (init.cache !== undefined) o.cache = String(init.cache);
    if (init.referrerPolicy !== undefined) o.referrerPolicy = String(init.referrerPolicy);
    if (init.integrity !== undefined) o.integrity = String(init.integrity);
    return o;
  }

  function parseUrl(input, what) {
    try {
      return new URL(String(input));
    } catch (e) {
      throw new TypeError(`${what}: invalid URL '${String(input)}'`);
    }
  }

  // Fetch §5 "clone a body": bytes are shared (strings are immutable), a stream is teed.
  function cloneBody(state, what) {
    if (bodyUsed(state) || bodyLocked(state)) throw new TypeError(`${what}: body has already been used`);
    if (state.stream === null) return new BodyState(state.binary);
    const branches = streams.tee(state.stream);
    state.stream = branches[0];
    return new BodyState(null, branches[1]);
  }

  // ---------------------------------------------------------------- Request (Fetch §6.3)

  class Request {
    // Headers stay in their wire form ("name\nvalue\n...") until guest code asks for them: most
    // requests are passed on (to a stub, a binding) or answered without a look at their headers.
    // All state in one record behind one private name: private names are new in every context,
    // so per-field private names gave every context's instances their own shapes and GraalJS's
    // caches fell back to uncached lookups (docs/PERFORMANCE.md).
    #s;

    constructor(input, init = undefined) {
      const s = this.#s = {
        method: undefined, url: undefined, headers: null, headerWire: null,
        redirect: undefined, signal: null, state: undefined,
        options: null, // { mode, credentials, cache, referrerPolicy, integrity } when init set any
        // request.cf: the object once read, else its JSON text (null: none); one that arrived is
        // deeply frozen, as in workerd, one given to the constructor is the Request's own copy.
        cf: undefined, cfText: null, cfFrozen: false,

      };
      if (input === FROM_WIRE) { // a request the host delivered: already valid, built lazily
        s.method = init[0];
        // HTTP does not carry a fragment: a request that arrives has none, as in workerd.
        const hash = init[1].indexOf("#");
        s.url = hash < 0 ? init[1] : init[1].slice(0, hash);
        const wire = cfFromWire(init[2]); // by index: destructuring would run the array iterator
        s.headerWire = wire[0];
        s.cfText = wire[1];
        s.cfFrozen = true;
        // workerd: a request that arrives (at a Worker or a Durable Object) has redirect "manual",
        // so forwarding it with fetch(request) returns a redirect instead of following it.
        s.redirect = "manual";
        s.state = new BodyState(init[3] ?? null);
        return;
      }
      if (init === undefined || init === null || (typeof init !== "object" && typeof init !== "function")) {
        init = NO_INIT;
      }
      let inputRequest = null;
      if (input instanceof Request) {
        inputRequest = input;
        s.url = input.#s.url;
        s.method = input.#s.method;
        s.redirect = input.#s.redirect;
      } else {
        // Parsed (and cached) without building a URL object and its search params.
        const url = internal.parseAbsoluteUrl(input);
        if (url === null) throw new TypeError(`new Request: invalid URL '${String(input)}'`);
        if (url.credentials) {
          throw new TypeError(`new Request: URL '${url.href}' includes credentials`);
        }
        s.url = url.href;
        s.method = "GET";
        s.redirect = "follow";
      }
      if (init.method !== undefined) {
        // workerd, not the Fetch standard: the methods its HTTP stack knows, in any case,
        // upper-cased (so "patch" is "PATCH" and TRACE is allowed); any other is a TypeError.
        const method = String(init.method);
        const upper = method.toUpperCase();
        if (!WORKERD_METHODS.includes(upper)) throw new TypeError(`Invalid HTTP method string: ${method}`);
        s.method = upper;
      }
      if (init.cf !== undefined) {
        s.cfText = JSON.stringify(init.cf) ?? null;
      } else if (inputRequest !== null) { // workerd: new Request(request) has a copy of its cf
        s.cfText = Request.#cfText(inputRequest);
      }
      const inputOptions = inputRequest !== null ? inputRequest.#s.options : null;
      s.options = init === NO_INIT ? inputOptions : checkedOptions(init, inputOptions);
      if (init.redirect !== undefined) {
        const redirect = String(init.redirect);
        if (!["follow", "error", "manual"].includes(redirect)) {
          throw new TypeError(`'${redirect}' is not a valid redirect mode`);
        }
        s.redirect = redirect;
      }
      const signal = init.signal !== undefined ? init.signal : inputRequest?.#s.signal;
      if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
        throw new TypeError("new Request: signal must be an AbortSignal");
      }
      s.signal = signal ?? null;
      const hasBody = init.body !== undefined && init.body !== null;
      if (init.headers !== undefined) {
        s.headers = new Headers(init.headers);
      } else if (inputRequest === null) {
        // No headers: kept as empty wire text (a Headers object only if asked for), unless a
        // body's content type is about to be added below.
        if (hasBody) s.headers = new Headers();
        else s.headerWire = "";
      } else if (inputRequest.#s.headers === null && !hasBody) {
        s.headerWire = inputRequest.#s.headerWire; // a string: sharing it copies it
      } else {
        s.headers = internal.headersFromList(Request.#pairs(inputRequest), "none");
      }
      if (s.headers !== null) internal.setHeadersGuard(s.headers, "request");

      const inputState = inputRequest !== null ? inputRequest.#s.state : null;
      let binary = inputState !== null ? inputState.binary : null;
      let stream = inputState !== null ? inputState.stream : null;
      if (hasBody) {
        internal.checkNotGlobalScope(); // workerd: no request body outside a handler
        const extracted = extractBody(init.body);
        binary = extracted.binary;
        stream = extracted.stream;
        if (extracted.type !== null && !s.headers.has("content-type")) {
          s.headers.append("content-type", extracted.type);
        }
      }
      if ((binary !== null || stream !== null) && (s.method === "GET" || s.method === "HEAD")) {
        throw new TypeError("Request with GET/HEAD method cannot have body.");
      }
      if (inputState !== null && (inputState.binary !== null || inputState.stream !== null)) {
        if (init.body === undefined) {
          if (bodyUsed(inputState) || bodyLocked(inputState)) {
            throw new TypeError("new Request: the input's body is already used");
          }
          inputState.used = true; // its body moves to the new request
        } else if (hasBody) {
          inputState.used = true; // replaced by init's body, the input is disturbed all the same
        }
      }
      s.state = new BodyState(binary, stream);
    }

    get method() { return this.#s.method; }
    get url() { return this.#s.url; }
    get headers() {
      if (this.#s.headers === null) {
        this.#s.headers = internal.headersFromList(pairsFromWire(this.#s.headerWire), "request");
        this.#s.headerWire = null;
      }
      return this.#s.headers;
    }
    get redirect() { return this.#s.redirect; }
    get signal() {
      if (this.#s.signal === null) this.#s.signal = new AbortController().signal;
      return this.#s.signal;
    }
    static #pairs(self) {
      return self.#s.headers === null ? pairsFromWire(self.#s.headerWire) : internal.headersToList(self.#s.headers);
    }
    get cf() {
      const s = this.#s;
      if (s.cfText !== null) {
        s.cf = JSON.parse(s.cfText);
        if (s.cfFrozen) deepFreeze(s.cf);
        s.cfText = null;
      }
      return s.cf;
    }
    // The cf a binding or stub carries to the receiver: JSON text, or null for none.
    static #cfText(self) {
      const s = self.#s;
      if (s.cfText !== null) return s.cfText;
      if (s.cf === undefined || s.cf === null) return null;
      return JSON.stringify(s.cf) ?? null;
    }
    get keepalive() { return false; }
    get cache() { return this.#s.options?.cache ?? "default"; }
    get credentials() { return this.#s.options?.credentials ?? "same-origin"; }
    get mode() { return this.#s.options?.mode ?? "cors"; }
    get integrity() { return this.#s.options?.integrity ?? ""; }
    get referrerPolicy() { return this.#s.options?.referrerPolicy ?? ""; }
    get isReloadNavigation() { return false; }
    get isHistoryNavigation() { return false; }
    get duplex() { return "half"; }
    get destination() { return ""; }
    get referrer() { return "about:client"; }

    clone() {
      const copy = new Request(this.#s.url, {
        method: this.#s.method, headers: Request.#pairs(this),
        redirect: this.#s.redirect, signal: this.#s.signal,
      });
      copy.#s.state = cloneBody(this.#s.state, "Request.clone");
      copy.#s.options = this.#s.options; // never changed once made, so shared
      copy.#s.cfText = Request.#cfText(this); // a copy of the cf, as the copy's own object
      return copy;
    }

    static stateOf(request) { return request.#s.state; }
    // The request's signal if it has one, without creating one (most requests never abort).
    static signalOf(request) { return request.#s.signal; }
    static wire(request) {
      const headers = request.#s.headers === null ? request.#s.headerWire
        : wireFromPairs(internal.headersToList(request.#s.headers));
      return [request.#s.method, request.#s.url, headers, request.#s.state.binary, Request.#cfText(request)];
    }
    // A request that arrived from the host.
    static fromWire(method, url, headers, body) {
      return new Request(FROM_WIRE, [method, url, headers, body]);
    }
  }
  const requestWire = Request.wire;
  const requestFromWire = Request.fromWire;
  const requestState = Request.stateOf;
  const requestSignal = Request.signalOf;
  delete Request.signalOf;
  defineBodyMethods(Request, requestState);
  Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: "Request", configurable: true });
  delete Request.wire;
  delete Request.fromWire;
  delete Request.stateOf;

  // ---------------------------------------------------------------- Response (Fetch §6.4)

  class Response {
    // Headers live in one of three forms, the cheapest that serves: a list of pairs (a response
    // built here), the wire string (one that arrived), or a Headers object once asked for.
    #s; // all state in one record behind one private name, as in Request

    constructor(body = null, init = undefined) {
      const s = this.#s = {
        status: undefined, statusText: undefined, headers: null, headerPairs: null,
        headerWire: null, guard: "response", state: undefined, type: undefined,
        url: undefined, redirected: undefined, webSocket: null,
        requestMethod: undefined, // the method of the request fetch sent (w9y.contract's parse)
      };
      if (body === FROM_WIRE) { // arrived from the host: the fields are set by fromWire
        s.state = null;
        return;
      }
      if (init === undefined || init === null || typeof init !== "object") init = NO_INIT;
      const status = init.status === undefined ? 200 : Number(init.status);
      const webSocket = init.webSocket ?? null;
      if (webSocket !== null) {
        if (!internal.isWebSocket(webSocket)) throw new TypeError("Response: webSocket must be a WebSocket");
        if (status !== 101) throw new RangeError("Responses with a WebSocket must have status code 101.");
        s.webSocket = webSocket;
      }
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        if (!(status === 101 && (init[internalMarker] || webSocket !== null))) {
          throw new RangeError("Responses may only be constructed with status codes in the range 200 to 599, inclusive.");
        }
      }
      // workerd: without a statusText the status's standard reason phrase (the Fetch standard
      // says ""); docs/JS-GUESTS.md.
      let statusText;
      if (init.statusText === undefined) {
        statusText = reasonPhrase(status); // from the table: valid, nothing to test
      } else {
        statusText = String(init.statusText);
        if (statusText !== "" && !REASON_PHRASE.test(statusText)) throw new TypeError("Response: invalid statusText");
      }
      s.status = status;
      s.statusText = statusText;
      if (init.headers === undefined) {
        s.headerPairs = []; // the common case: no Headers object unless asked for
      } else {
        s.headers = new Headers(init.headers);
        internal.setHeadersGuard(s.headers, "response");
      }
      s.type = "default";
      s.url = "";
      s.redirected = false;
      let binary = null;
      let stream = null;
      if (body !== null && body !== undefined) {
        internal.checkNotGlobalScope(); // workerd: no response body outside a handler
        if (NULL_BODY_STATUSES.includes(status)) {
          throw new TypeError(`Response with null body status ${status} cannot have body`);
        }
        if (typeof body === "string" && s.headers === null) {
          // The common case, a string and no init headers: extractBody's answer and
          // #defaultContentType's without their calls and records (a call costs microseconds
          // in the interpreter).
          binary = utf8Binary(body);
          s.headerPairs.push(["content-type", "text/plain;charset=UTF-8"]);
        } else {
          const extracted = extractBody(body);
          binary = extracted.binary;
          stream = extracted.stream;
          if (extracted.type !== null) Response.#defaultContentType(this, extracted.type);
        }
      }
      s.state = new BodyState(binary, stream);
    }

    static json(data, init = {}) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Response.json: the value cannot be serialized to JSON");
      internal.checkNotGlobalScope(); // workerd: no response body outside a handler
      const response = new Response(null, init); // checks status and headers
      if (NULL_BODY_STATUSES.includes(response.#s.status)) {
        throw new TypeError(`Response with null body status ${response.#s.status} cannot have body`);
      }
      response.#s.state = new BodyState(utf8Binary(text));
      // The body's type only where init gave no Content-Type (Fetch "initialize a response").
      Response.#defaultContentType(response, "application/json");
      return response;
    }

    static redirect(url, status = 302) {
      const parsed = parseUrl(url, "Response.redirect");
      if (!REDIRECT_STATUSES.includes(Number(status))) {
        throw new RangeError(`Response.redirect: ${status} is not a redirect status`);
      }
      const response = new Response(null, { status: Number(status) });
      response.#s.headerPairs.push(["location", parsed.href]);
      response.#s.guard = "immutable";
      return response;
    }

    static error() {
      const response = new Response(null, { status: 200 });
      response.#s.status = 0;
      response.#s.type = "error";
      response.#s.guard = "immutable";
      return response;
    }

    get status() { return this.#s.status; }
    get statusText() { return this.#s.statusText; }
    get ok() { return this.#s.status >= 200 && this.#s.status <= 299; }
    get headers() {
      if (this.#s.headers === null) {
        this.#s.headers = internal.headersFromList(Response.#pairs(this), this.#s.guard);
        this.#s.headerPairs = null;
        this.#s.headerWire = null;
      }
      return this.#s.headers;
    }
    static #pairs(self) {
      return self.#s.headers !== null ? internal.headersToList(self.#s.headers)
        : self.#s.headerPairs !== null ? self.#s.headerPairs
        : pairsFromWire(self.#s.headerWire);
    }
    static #defaultContentType(self, type) {
      if (self.#s.headers !== null) {
        if (!self.#s.headers.has("content-type")) self.#s.headers.append("content-type", type);
      } else {
        const pairs = self.#s.headerPairs;
        for (let i = 0; i < pairs.length; i++) if (pairs[i][0].toLowerCase() === "content-type") return;
        pairs.push(["content-type", type]);
      }
    }
    get type() { return this.#s.type; }
    get url() { return this.#s.url; }
    get redirected() { return this.#s.redirected; }
    get webSocket() { return this.#s.webSocket; }
    get cf() { return undefined; }

    clone() {
      const body = cloneBody(this.#s.state, "Response.clone");
      const copy = new Response(null, { status: this.#s.status === 0 ? 200 : this.#s.status, statusText: this.#s.statusText,
        [internalMarker]: true });
      copy.#s.headerPairs = Response.#pairs(this).map((pair) => pair.slice());
      copy.#s.guard = this.#s.guard;
      copy.#s.status = this.#s.status;
      copy.#s.type = this.#s.type;
      copy.#s.url = this.#s.url;
      copy.#s.redirected = this.#s.redirected;
      copy.#s.requestMethod = this.#s.requestMethod;
      copy.#s.state = body;
      return copy;
    }

    static stateOf(response) { return response.#s.state; }
    static wire(response) {
      if (response.#s.type === "error") throw new TypeError("a Response.error() cannot be sent");
      if (bodyUsed(response.#s.state) || response.#s.state.stream !== null) {
        throw new TypeError("the Response's body has already been used");
      }
      response.#s.state.used = true;
      let headers = response.#s.headers === null && response.#s.headerPairs === null
        ? response.#s.headerWire : wireFromPairs(Response.#pairs(response));
      if (response.#s.webSocket !== null) {
        // The connection crosses the network named in a reserved header (sim-core WebSocketEnd).
        const id = internal.webSocketWireId(response.#s.webSocket);
        headers = (headers === "" ? "" : headers + "\n") + WEBSOCKET_HEADER + "\n" + id;
      } else if (headers.toLowerCase().includes(WEBSOCKET_HEADER)) {
        // A guest's own header of that name must not hand over a connection it does not hold.
        headers = wireFromPairs(pairsFromWire(headers).filter((pair) => pair[0].toLowerCase() !== WEBSOCKET_HEADER));
      }
      return [response.#s.status, headers, response.#s.state.binary];
    }
    static requestMethodOf(response) { return response.#s.requestMethod; }
    static fromWire(parts, url, redirected, requestMethod) {
      const response = new Response(FROM_WIRE);
      response.#s.status = parts[0];
      response.#s.statusText = reasonPhrase(parts[0]);
      response.#s.headerWire = parts[1];
      if (parts[0] === 101 && parts[1].includes(WEBSOCKET_HEADER)) {
        const pairs = pairsFromWire(parts[1]);
        const index = pairs.findIndex((pair) => pair[0].toLowerCase() === WEBSOCKET_HEADER);
        if (index >= 0) {
          response.#s.webSocket = internal.webSocketFromConnection(pairs[index][1]);
          pairs.splice(index, 1);
          response.#s.headerWire = null;
          response.#s.headerPairs = pairs;
        }
      }
      response.#s.guard = "immutable";
      response.#s.state = new BodyState(parts[2] ?? null);
      response.#s.type = "basic";
      response.#s.url = url;
      response.#s.redirected = redirected;
      response.#s.requestMethod = requestMethod;
      return response;
    }
  }
  const internalMarker = Symbol("w9y.internal");
  const WEBSOCKET_HEADER = "w9y-websocket";
  // The reason phrases workerd gives a response made without a statusText (RFC 9110 and the IANA
  // registry); an unregistered status gets "".
  const REASON_PHRASES = {
    101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted",
    203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
    206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    304: "Not Modified", 305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 418: "I'm a teapot", 421: "Misdirected Request",
    422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency", 425: "Too Early",
    426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
    510: "Not Extended", 511: "Network Authentication Required",
  };
  function reasonPhrase(status) { return REASON_PHRASES[status] ?? ""; }
  const responseState = Response.stateOf;
  defineBodyMethods(Response, responseState);
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: "Response", configurable: true });
  const responseWire = Response.wire;
  const responseFromWire = Response.fromWire;
  internal.responseRequestMethod = Response.requestMethodOf;
  delete Response.requestMethodOf;
  delete Response.wire;
  delete Response.fromWire;
  delete Response.stateOf;

  internal.requestToWire = requestWire;
  internal.requestFromWire = requestFromWire;
  internal.requestState = requestState;
  internal.responseToWire = responseWire;
  internal.responseFromWire = responseFromWire;
  internal.responseState = responseState;

  // ---------------------------------------------------------------- fetch (Fetch §5.1)

  // Sends a request through `send(wireParts, resolve, reject)` (the network, a service binding,
  // a durable-object stub), following redirects as fetch does, and honours the request's signal.
  // A rejection the host delivers: its error type and message, and for an error a Durable Object
  // threw (flags "remote", "remote reset") workerd's markers: remote, and durableObjectReset when
  // the object was reset.
  const HOST_ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
  internal.hostError = function hostError(name, message, flags) {
    const Type = Object.prototype.hasOwnProperty.call(HOST_ERRORS, name) ? HOST_ERRORS[name] : Error;
    const error = new Type(message);
    if (typeof flags === "string" && flags !== "") {
      if (flags.includes("remote")) error.remote = true;
      if (flags.includes("reset")) error.durableObjectReset = true;
    }
    return error;
  };

  internal.sendRequest = function sendRequest(request, send) {
    // workerd: I/O outside a handler rejects (it does not throw).
    if (internal.isGlobalScope()) return Promise.reject(internal.globalScopeError());
    return new Promise((resolve, reject) => {
      const signal = requestSignal(request);
      if (signal !== null && signal.aborted) {
        reject(signal.reason);
        return;
      }
      let settled = false;
      const onAbort = () => {
        if (!settled) {
          settled = true;
          reject(signal.reason);
        }
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      let current = request;
      let redirects = 0;
      const attempt = () => {
        const scheme = current.url.slice(0, current.url.indexOf(":"));
        if (scheme !== "http" && scheme !== "https") {
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          reject(new TypeError(`fetch: cannot load '${current.url}': the simulated network carries` +
            ` http and https only (not ${scheme}:)`));
          return;
        }
        const state = requestState(current);
        if (bodyUsed(state)) {
          settled = true;
          reject(new TypeError("fetch: the request's body has already been used"));
          return;
        }
        const draining = internal.drainBody(state);
        if (draining !== null) { // a stream body: read it whole, then send
          draining.then(attempt, (error) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          });
          return;
        }
        if (state.binary !== null) state.used = true;
        send(requestWire(current), (parts) => {
          if (settled) return;
          const status = parts[0];
          // Only a redirect's headers need reading here; the rest stay a string until asked for.
          const location = REDIRECT_STATUSES.includes(status) ? locationOf(parts[1]) : null;
          if (location !== null && current.redirect !== "manual") {
            if (current.redirect === "error") {
              settled = true;
              reject(new TypeError(`fetch: redirect to ${location} with redirect mode "error"`));
              return;
            }
            if (++redirects > 20) {
              settled = true;
              reject(new TypeError("fetch: too many redirects"));
              return;
            }
            let target;
            try {
              target = new URL(location, current.url).href;
            } catch (e) {
              settled = true;
              reject(new TypeError(`fetch: invalid redirect location '${location}'`));
              return;
            }
            const toGet = status === 303 ? current.method !== "HEAD"
              : (status === 301 || status === 302) && current.method === "POST";
            current = new Request(target, {
              method: toGet ? "GET" : current.method,
              headers: current.headers,
              redirect: current.redirect,
              signal: signal ?? undefined,
              body: toGet ? null : state.binary === null ? null : internal.binaryToBytes(state.binary),
            });
            attempt();
            return;
          }
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          resolve(responseFromWire(parts, current.url, redirects > 0, current.method));
        }, (name, message, flags) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          reject(internal.hostError(name, message, flags));
        });
      };
      attempt();
    });
  };

  function locationOf(text) {
    if (text === "") return null;
    const parts = text.split("\n");
    for (let i = 0; i < parts.length; i += 2) {
      if (parts[i].toLowerCase() === "location") return parts[i + 1];
    }
    return null;
  }

  function fetch(input, init = undefined) {
    try {
      const request = new Request(input, init);
      return internal.sendRequest(request, (parts, ok, fail) => host.fetch(parts, ok, fail));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  internal.defineGlobal("Request", Request);
  internal.defineGlobal("Response", Response);
  internal.defineGlobal("fetch", fetch);
});
