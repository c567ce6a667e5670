// node:http, node:https and cloudflare:node (nodejs_compat), written for W9Y to the behaviour
// compat's NodeHttpCompatTest measures in workerd. A Worker serves through a Node-style server:
// createServer(listener) + server.listen(port) registers it, and httpServerHandler({ port }) from
// cloudflare:node is the Worker handler that turns each incoming Request into an IncomingMessage
// (a Readable of the body) and a ServerResponse (a Writable whose head and chunks become the
// Response, streamed). The client side, http.request/http.get, goes out through the simulated
// fetch. No sockets: nothing here listens on or connects to a real port.
(function (internal) {
  "use strict";
  const factories = internal.nodeFactories;
  if (factories === undefined) return;
  const { nodeError, invalidArgType, Buffer, EventEmitter } = internal.nodeShared;
  const requireNode = internal.nodeShared.require;

  let httpModule = null;
  function build() {
    if (httpModule !== null) return httpModule;
    const { Readable, Writable } = requireNode("stream");
    const STATUS_CODES = {
      100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints", 200: "OK", 201: "Created",
      202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
      206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used", 300: "Multiple Choices",
      301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy",
      307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
      402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
      407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
      411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long",
      415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a Teapot",
      421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
      425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
      431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
      501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
      505: "HTTP Version Not Supported", 506: "Variant Also Negotiates", 507: "Insufficient Storage",
      508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended", 511: "Network Authentication Required",
    };
    const METHODS = ["ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK",
      "M-SEARCH", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST",
      "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE",
      "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE"];
    const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
    function validateHeaderName(name) {
      if (typeof name !== "string" || !TOKEN.test(name)) {
        throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `Header name must be a valid HTTP token ["${name}"]`);
      }
    }
    function validateHeaderValue(name, value) {
      if (value === undefined) throw nodeError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
      if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) throw nodeError(TypeError, "ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`);
    }
    const headersSent = () => nodeError(Error, "ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");

    // A socket-shaped object: there is no connection in a Worker.
    function fakeSocket(encrypted) {
      const socket = new EventEmitter();
      Object.assign(socket, {
        encrypted, remoteAddress: undefined, remotePort: undefined, localAddress: undefined, localPort: undefined,
        readable: true, writable: true, setTimeout() { return socket; }, setNoDelay() { return socket; },
        setKeepAlive() { return socket; }, destroy() { return socket; }, end() { return socket; },
        ref() { return socket; }, unref() { return socket; },
      });
      return socket;
    }

    // ---------------------------------------------------------- IncomingMessage

    class IncomingMessage extends Readable {
      constructor(socket) {
        super();
        this.socket = socket ?? fakeSocket(false);
        this.httpVersion = "1.1";
        this.httpVersionMajor = 1;
        this.httpVersionMinor = 1;
        this.complete = false;
        this.headers = {};
        this.headersDistinct = {};
        this.rawHeaders = [];
        this.trailers = {};
        this.rawTrailers = [];
        this.method = null;
        this.url = "";
        this.statusCode = null;
        this.statusMessage = null;
        this.aborted = false;
        this._body = null;
      }
      get connection() { return this.socket; }
      setTimeout(ms, callback) { if (callback) this.once("timeout", callback); return this; }
      _setHeaders(headers) {
        for (const [name, value] of headers) {
          this.rawHeaders.push(name, value);
          (this.headersDistinct[name] ??= []).push(value);
          if (name === "set-cookie") (this.headers[name] ??= []).push(value);
          else this.headers[name] = name in this.headers ? `${this.headers[name]}, ${value}` : value;
        }
      }
      // Pulls the web body stream chunk by chunk as the reader asks for more.
      _read() {
        if (this._body === null) { this.complete = true; this.push(null); return; }
        this._reader ??= this._body.getReader();
        this._reader.read().then(({ value, done }) => {
          if (done) { this.complete = true; this.push(null); } else this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        }, (error) => this.destroy(error));
      }
    }

    // ---------------------------------------------------------- OutgoingMessage, ServerResponse

    class OutgoingMessage extends Writable {
      constructor() {
        super();
        this._headers = new Map(); // lower-case name -> [name, value]
        this.headersSent = false;
        this.sendDate = false;
        this.finished = false;
        this.chunkedEncoding = false;
        this.socket = null;
      }
      get connection() { return this.socket; }
      setHeader(name, value) {
        if (this.headersSent) throw headersSent();
        validateHeaderName(name);
        validateHeaderValue(name, value);
        this._headers.set(name.toLowerCase(), [name, value]);
        return this;
      }
      appendHeader(name, value) {
        const existing = this.getHeader(name);
        if (existing === undefined) return this.setHeader(name, value);
        return this.setHeader(name, [].concat(existing, value));
      }
      setHeaders(headers) {
        for (const [name, value] of headers) this.setHeader(name, value);
        return this;
      }
      getHeader(name) { return this._headers.get(String(name).toLowerCase())?.[1]; }
      getHeaders() {
        const out = Object.create(null);
        for (const [key, [, value]] of this._headers) out[key] = value;
        return out;
      }
      getHeaderNames() { return Array.from(this._headers.keys()); }
      getRawHeaderNames() { return Array.from(this._headers.values(), ([name]) => name); }
      hasHeader(name) { return this._headers.has(String(name).toLowerCase()); }
      removeHeader(name) {
        if (this.headersSent) throw headersSent();
        this._headers.delete(String(name).toLowerCase());
      }
      flushHeaders() { this._sendHead(); }
      setTimeout(ms, callback) { if (callback) this.once("timeout", callback); return this; }
      addTrailers() {}
    }

    class ServerResponse extends OutgoingMessage {
      constructor(request, onHead) {
        super();
        this.req = request;
        this.statusCode = 200;
        this.statusMessage = "unknown"; // what workerd's Response carries when none is set
        this._onHead = onHead;
        this._controller = null;
      }
      writeHead(statusCode, reason, headers) {
        if (this.headersSent) throw headersSent();
        if (typeof reason !== "string") { headers = reason; reason = undefined; }
        const code = Number(statusCode);
        if (!Number.isInteger(code) || code < 100 || code > 999) {
          throw nodeError(RangeError, "ERR_HTTP_INVALID_STATUS_CODE", `Invalid status code: ${statusCode}`);
        }
        this.statusCode = code;
        if (reason !== undefined) this.statusMessage = reason;
        if (Array.isArray(headers)) {
          for (let i = 0; i + 1 < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
        } else if (headers) {
          for (const name of Object.keys(headers)) this.setHeader(name, headers[name]);
        }
        this._sendHead();
        return this;
      }
      writeContinue() {}
      writeProcessing() {}
      writeEarlyHints() {}
      assignSocket(socket) { this.socket = socket; }
      detachSocket() { this.socket = null; }
      // The head goes out once: the Response is made with a body stream the writes feed.
      _sendHead() {
        if (this.headersSent) return;
        this.headersSent = true;
        const headers = new Headers();
        for (const [, [name, value]] of this._headers) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, String(v));
          else headers.append(name, String(value));
        }
        const nullBody = [101, 204, 205, 304].includes(this.statusCode) || this.req?.method === "HEAD";
        const body = nullBody ? null : new ReadableStream({
          start: (controller) => { this._controller = controller; },
        }, { highWaterMark: 0 });
        this._onHead(new Response(body, { status: this.statusCode, statusText: this.statusMessage, headers }));
      }
      _write(chunk, encoding, callback) {
        this._sendHead();
        if (this._controller !== null && chunk.length > 0) this._controller.enqueue(new Uint8Array(chunk));
        callback();
      }
      _final(callback) {
        this._sendHead();
        this.finished = true;
        this._controller?.close();
        callback();
      }
      end(chunk, encoding, callback) {
        if (this.writableEnded) {
          if (typeof chunk === "function") chunk(); else if (typeof encoding === "function") encoding(); else callback?.();
          return this; // a second end() is ignored, as in workerd
        }
        return super.end(chunk, encoding, callback);
      }
      write(chunk, encoding, callback) {
        // a write after end() is dropped silently in workerd (no 'error' reaches the Worker)
        if (this.writableEnded) return false;
        return super.write(chunk, encoding, callback);
      }
    }

    // ---------------------------------------------------------- Server

    const servers = new Map(); // port -> Server (per context, as in workerd's isolate)
    class Server extends EventEmitter {
      constructor(options, listener) {
        super();
        if (typeof options === "function") { listener = options; options = {}; }
        this.options = options ?? {};
        this.listening = false;
        this._port = null;
        this.timeout = 0;
        this.keepAliveTimeout = 5000;
        this.headersTimeout = 60000;
        this.requestTimeout = 300000;
        this.maxHeadersCount = null;
        if (typeof listener === "function") this.on("request", listener);
      }
      listen(...args) {
        const callback = typeof args[args.length - 1] === "function" ? args.pop() : null;
        const first = args[0];
        const port = typeof first === "object" && first !== null ? first.port : first;
        if (port === undefined || port === null || Number(port) === 0) {
          throw nodeError(Error, "ERR_INVALID_ARG_VALUE", "Port must be specified for server.listen()");
        }
        this._port = Number(port);
        servers.set(this._port, this);
        this.listening = true;
        if (callback !== null) this.once("listening", callback);
        queueMicrotask(() => this.emit("listening"));
        return this;
      }
      address() { return this.listening ? { port: this._port, family: "IPv4", address: "127.0.0.1" } : null; }
      close(callback) {
        if (this.listening) servers.delete(this._port);
        this.listening = false;
        queueMicrotask(() => { this.emit("close"); callback?.(); });
        return this;
      }
      closeAllConnections() {}
      closeIdleConnections() {}
      setTimeout(ms, callback) { if (callback) this.on("timeout", callback); return this; }
      ref() { return this; }
      unref() { return this; }
      [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(resolve)); }
    }
    function createServer(options, listener) { return new Server(options, listener); }

    // A Request to the server listening on `port`, answered by its listener.
    function serve(port, request) {
      const server = servers.get(port);
      if (server === undefined) {
        throw nodeError(Error, "ERR_INVALID_ARG_VALUE", `Http server with port ${port} not found. This is likely a bug with your code. You should check if server.listen() was called with the same port (${port})`);
      }
      return new Promise((resolve, reject) => {
        const url = new URL(request.url);
        const incoming = new IncomingMessage(fakeSocket(url.protocol === "https:"));
        incoming.method = request.method;
        incoming.url = url.pathname + url.search;
        incoming._setHeaders(request.headers);
        incoming._body = request.body;
        const response = new ServerResponse(incoming, resolve);
        response.socket = incoming.socket;
        try {
          server.emit("request", incoming, response);
        } catch (error) {
          reject(error);
        }
      });
    }
    function httpServerHandler(options) {
      const port = typeof options === "object" && options !== null ? options.port : options;
      if (typeof port !== "number") throw invalidArgType("options.port", "of type number", port);
      return { fetch: (request) => serve(port, request) };
    }

    // ---------------------------------------------------------- client: request, get

    class Agent extends EventEmitter {
      constructor(options = {}) { super(); this.options = options; this.keepAlive = !!options.keepAlive; this.maxSockets = Infinity; }
      destroy() {}
    }
    function clientModule(defaultProtocol) {
      const globalAgent = new Agent();
      class ClientRequest extends OutgoingMessage {
        constructor(input, options, callback) {
          super();
          if (typeof options === "function") { callback = options; options = {}; }
          let target;
          if (typeof input === "string" || input instanceof URL) {
            const url = new URL(String(input));
            target = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search, auth: url.username ? `${url.username}:${url.password}` : undefined, ...options };
          } else {
            target = { ...input, ...options };
          }
          const protocol = target.protocol ?? defaultProtocol;
          if (protocol !== defaultProtocol) {
            throw nodeError(TypeError, "ERR_INVALID_PROTOCOL", `Protocol "${protocol}" not supported. Expected "${defaultProtocol}"`);
          }
          const host = target.hostname ?? target.host ?? "localhost";
          this.method = String(target.method ?? "GET").toUpperCase();
          this.path = target.path ?? "/";
          this.host = host;
          this.protocol = protocol;
          this._url = `${protocol}//${host}${target.port ? `:${target.port}` : ""}${this.path}`;
          for (const [name, value] of Object.entries(target.headers ?? {})) this.setHeader(name, value);
          if (target.auth && !this.hasHeader("authorization")) this.setHeader("Authorization", `Basic ${btoa(target.auth)}`);
          this._chunks = [];
          this._signal = target.signal;
          this.aborted = false;
          if (typeof callback === "function") this.once("response", callback);
        }
        _write(chunk, encoding, callback) { this.headersSent = true; this._chunks.push(chunk); callback(); }
        _final(callback) {
          this.headersSent = true;
          const headers = new Headers();
          for (const [, [name, value]] of this._headers) {
            for (const v of [].concat(value)) headers.append(name, String(v));
          }
          const body = this._chunks.length > 0 && this.method !== "GET" && this.method !== "HEAD" ? Buffer.concat(this._chunks) : undefined;
          fetch(this._url, { method: this.method, headers, body, redirect: "manual", signal: this._signal }).then((answer) => {
            const incoming = new IncomingMessage(fakeSocket(this.protocol === "https:"));
            incoming.statusCode = answer.status;
            incoming.statusMessage = answer.statusText;
            incoming._setHeaders(answer.headers);
            incoming._body = answer.body;
            incoming.req = this;
            this.res = incoming;
            if (this.listenerCount("response") === 0) incoming.resume(); // as Node: an unread answer is drained
            else this.emit("response", incoming);
          }, (error) => this.destroy(error));
          callback();
        }
        abort() { this.aborted = true; this.destroy(); }
        setNoDelay() {}
        setSocketKeepAlive() {}
      }
      const request = (input, options, callback) => new ClientRequest(input, options, callback);
      const get = (input, options, callback) => {
        const req = request(input, options, callback);
        req.end();
        return req;
      };
      return { ClientRequest, request, get, globalAgent };
    }

    const httpClient = clientModule("http:");
    const http = {
      Agent, ClientRequest: httpClient.ClientRequest, IncomingMessage, METHODS, OutgoingMessage, STATUS_CODES,
      Server, ServerResponse, createServer, get: httpClient.get, request: httpClient.request,
      globalAgent: httpClient.globalAgent, maxHeaderSize: 16384, validateHeaderName, validateHeaderValue,
      setMaxIdleHTTPParsers: () => {}, WebSocket: globalThis.WebSocket, CloseEvent: globalThis.CloseEvent,
      MessageEvent: globalThis.MessageEvent,
    };
    const httpsClient = clientModule("https:");
    const https = {
      Agent, Server, createServer, get: httpsClient.get, request: httpsClient.request, globalAgent: httpsClient.globalAgent,
    };
    httpModule = { http, https, cloudflareNode: { httpServerHandler } };
    return httpModule;
  }

  factories.http = () => build().http;
  factories.https = () => build().https;
  factories["cloudflare:node"] = () => build().cloudflareNode;
});
