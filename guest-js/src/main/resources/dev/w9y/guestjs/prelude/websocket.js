// WebSockets as workerd has them: WebSocketPair, accept(), send(), close(), the message, close and
// error events, MessageEvent and CloseEvent; a Response with { status: 101, webSocket } hands one
// end to the caller, and a fetch answered so has `response.webSocket`, which the caller accepts.
// The connection lives in the host (sim-core's WebSocketNetwork): each message is a network
// message of its own, with latency, faults and a trace record. A socket's host end is made when
// it first needs one: the server end when its pair's other end leaves in a 101 response, the
// client end when accepted; until then sends wait in the socket (workerd buffers them too).
// Where workerd departs from the WHATWG standard W9Y follows workerd: docs/JS-GUESTS.md.
// Needs: event.js, encoding.js, structured-clone.js, fetch.js (internal.webSocket* hooks).
(function (internal) {
  "use strict";
  const host = internal.host;
  const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
  const ABNORMAL = 1006, NO_STATUS = 1005;
  const CREATE = Symbol("created by the runtime");

  class MessageEvent extends Event {
    #data;
    constructor(type, init = undefined) {
      super(type, init);
      this.#data = init?.data ?? null;
    }
    get data() { return this.#data; }
  }

  class CloseEvent extends Event {
    #code; #reason; #wasClean;
    constructor(type, init = undefined) {
      super(type, init);
      this.#code = Number(init?.code ?? 0);
      this.#reason = String(init?.reason ?? "");
      this.#wasClean = Boolean(init?.wasClean);
    }
    get code() { return this.#code; }
    get reason() { return this.#reason; }
    get wasClean() { return this.#wasClean; }
  }

  class ErrorEvent extends Event {
    #error; #message;
    constructor(type, init = undefined) {
      super(type, init);
      this.#error = init?.error;
      this.#message = String(init?.message ?? "");
    }
    get error() { return this.#error; }
    get message() { return this.#message; }
    get filename() { return ""; }
    get lineno() { return 0; }
    get colno() { return 0; }
  }

  const dialFetch = globalThis.fetch; // taken now: a guest that replaces fetch cannot change dialling

  class WebSocket extends EventTarget {
    #s;

    constructor(url, protocols = undefined) {
      super();
      this.#s = {
        readyState: OPEN, // workerd: a pair's sockets (and a fetched one) are OPEN before accept()
        accepted: false,
        hibernatable: false, // accepted by ctx.acceptWebSocket: events go to the object's handlers
        handle: -1, // the host end, once there is one
        connectionId: null, // a fetched socket's connection, to claim on accept()
        peer: null, // the other socket of a WebSocketPair, while both are here
        usedInResponse: false,
        outbox: [], // [binary, isText] or ["close", code, reason], sent once there is a host end
        inbox: [], // host events that arrived before accept()
        closeSent: false,
        binaryType: "blob", // workerd since 2026-03-17 (websocket_standard_binary_type)
        attachment: null, // serializeAttachment's bytes (a hibernatable socket's are in the host)
        tags: null, // a hibernatable socket's tags, until its connection opens
        hibernationId: null, // a hibernatable socket's connection id, once open
        url: null, // a dialled socket's URL
        protocol: "", // the subprotocol the server chose for a dialled socket
      };
      if (url !== CREATE) WebSocket.#dial(this, url, protocols);
    }

    // new WebSocket(url, protocols): the WHATWG constructor's checks, then a fetch with
    // Upgrade: websocket to the URL's service on the simulated network (ws: as http:, wss: as
    // https:); the answer's socket becomes this one, "open" fires, or "error" and a 1006 "close".
    static #dial(socket, url, protocols) {
      const s = socket.#s;
      const syntax = (why) => new internal.DOMException(`Failed to construct 'WebSocket': ${why}`, "SyntaxError");
      let parsed;
      try {
        parsed = new URL(String(url));
      } catch {
        throw syntax(`The URL '${String(url)}' is invalid.`);
      }
      if (parsed.protocol === "http:") parsed.protocol = "ws:";
      else if (parsed.protocol === "https:") parsed.protocol = "wss:";
      if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
        throw syntax(`The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${parsed.protocol.slice(0, -1)}' is not allowed.`);
      }
      if (parsed.hash !== "") {
        throw syntax(`The URL contains a fragment identifier ('${parsed.hash}'). Fragment identifiers are not allowed in WebSocket URLs.`);
      }
      const list = protocols === undefined ? [] : typeof protocols === "string" ? [protocols] : Array.from(protocols, String);
      for (const protocol of list) {
        if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(protocol)) {
          throw syntax(`The subprotocol '${protocol}' is invalid.`);
        }
        if (list.indexOf(protocol) !== list.lastIndexOf(protocol)) {
          throw syntax(`The subprotocol '${protocol}' is duplicated.`);
        }
      }
      s.url = parsed.href;
      s.readyState = CONNECTING;
      s.accepted = true; // a dialled socket needs no accept()
      const headers = { Upgrade: "websocket" };
      if (list.length > 0) headers["Sec-WebSocket-Protocol"] = list.join(", ");
      const target = (parsed.protocol === "wss:" ? "https:" : "http:") + parsed.href.slice(parsed.protocol.length);
      const failed = () => {
        if (s.readyState === CLOSED) return;
        s.readyState = CLOSED;
        s.closeSent = true;
        socket.dispatchEvent(internal.trusted(new ErrorEvent("error",
          { message: "WebSocket connection failed.", error: new Error("WebSocket connection failed.") })));
        socket.dispatchEvent(internal.trusted(new CloseEvent("close", { code: ABNORMAL, reason: "", wasClean: false })));
      };
      dialFetch(target, { headers }).then((response) => {
        const fetched = response.webSocket;
        if (fetched === null || fetched === undefined) return failed();
        const f = fetched.#s;
        s.connectionId = f.connectionId;
        f.connectionId = null;
        f.usedInResponse = true; // the connection is this socket's now
        s.protocol = response.headers.get("Sec-WebSocket-Protocol") ?? "";
        if (s.readyState === CONNECTING) s.readyState = OPEN;
        WebSocket.#claim(socket, false);
        socket.dispatchEvent(internal.trusted(new Event("open")));
      }, failed);
    }

    static get CONNECTING() { return CONNECTING; }
    static get OPEN() { return OPEN; }
    static get CLOSING() { return CLOSING; }
    static get CLOSED() { return CLOSED; }
    get CONNECTING() { return CONNECTING; }
    get OPEN() { return OPEN; }
    get CLOSING() { return CLOSING; }
    get CLOSED() { return CLOSED; }

    get readyState() { return this.#s.readyState; }
    get url() { return this.#s.url; }
    get protocol() { return this.#s.protocol; }
    get extensions() { return ""; }
    get binaryType() { return this.#s.binaryType; }
    set binaryType(value) {
      if (value === "arraybuffer" || value === "blob") this.#s.binaryType = value;
    }

    accept(options = undefined) {
      const s = this.#s;
      if (s.usedInResponse) return; // workerd: no error; the socket belongs to the response's receiver
      if (s.hibernatable) throw new TypeError("Can't accept() WebSocket after enabling hibernation.");
      if (s.accepted) return;
      s.accepted = true;
      if (s.connectionId !== null) WebSocket.#claim(this, false);
      const waiting = s.inbox;
      s.inbox = [];
      for (const event of waiting) WebSocket.#deliver(this, event);
    }

    send(message) {
      const s = this.#s;
      if (!s.accepted && !s.hibernatable) {
        throw new TypeError("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
      }
      if (s.readyState === CONNECTING) {
        throw new internal.DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", "InvalidStateError");
      }
      if (s.closeSent || s.readyState === CLOSED) throw new TypeError("Can't call WebSocket send() after close().");
      let frame;
      const binary = internal.bufferSourceBinary(message);
      if (binary !== null) frame = [binary, false];
      else frame = [internal.utf8Binary(String(message)), true];
      if (s.handle < 0) s.outbox.push(frame);
      else host.wsSend(s.handle, frame[0], frame[1]);
    }

    close(code = undefined, reason = undefined) {
      const s = this.#s;
      if (!s.accepted && !s.hibernatable) {
        throw new TypeError("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
      }
      if (s.closeSent || s.readyState === CLOSED) return; // workerd: a second close() does nothing
      if (code !== undefined) {
        code = Number(code);
        if (!(code === 1000 || (code >= 3000 && code <= 4999))) {
          throw new internal.DOMException(`Invalid WebSocket close code: ${code}.`, "InvalidAccessError");
        }
      }
      const text = reason === undefined ? "" : String(reason);
      s.closeSent = true;
      s.readyState = CLOSING;
      const closeCode = code === undefined ? NO_STATUS : code;
      if (s.handle < 0) s.outbox.push(["close", closeCode, text]);
      else host.wsClose(s.handle, closeCode, text);
    }

    serializeAttachment(value) {
      const bytes = internal.serialize(value);
      if (this.#s.hibernationId !== null) host.wsSetAttachment(this.#s.hibernationId, bytes);
      else this.#s.attachment = bytes;
    }

    deserializeAttachment() {
      const s = this.#s;
      const bytes = s.hibernationId !== null ? host.wsGetAttachment(s.hibernationId) : s.attachment;
      return bytes === null || bytes === undefined ? null : internal.deserialize(bytes);
    }

    // ---------------------------------------------------------------- runtime side

    static pair() {
      const client = new WebSocket(CREATE);
      const server = new WebSocket(CREATE);
      client.#s.peer = server;
      server.#s.peer = client;
      return [client, server];
    }

    static fromConnection(connectionId) {
      const socket = new WebSocket(CREATE);
      socket.#s.connectionId = connectionId;
      return socket;
    }

    // The socket leaves in a 101 response: the connection id the response names. The first time
    // a pair's socket leaves, the host opens the connection with this context holding the peer.
    static wireId(socket) {
      const s = socket.#s;
      if (s.usedInResponse) throw new TypeError("Can't return a WebSocket in a Response more than once.");
      if (s.accepted || s.hibernatable) throw new TypeError("Can't return WebSocket in a Response after calling accept().");
      s.usedInResponse = true;
      if (s.connectionId !== null) return s.connectionId; // a fetched socket, passed on
      const peer = s.peer;
      if (peer === null) throw new TypeError("the WebSocket has no connection to hand over");
      s.peer = null;
      const p = peer.#s;
      p.peer = null;
      if (p.hibernatable) {
        // ctx.acceptWebSocket: the object's runtime holds the end; events go to its handlers.
        p.handle = host.wsAcceptHibernatable(p.tags);
        p.hibernationId = host.wsConnectionId(p.handle);
        HIBERNATED.set(p.hibernationId, peer);
        PENDING.delete(peer);
        if (p.attachment !== null) host.wsSetAttachment(p.hibernationId, p.attachment);
        p.attachment = null;
      } else {
        p.handle = host.wsOpen((kind, a, b, c) => WebSocket.#arrived(peer, kind, a, b, c));
      }
      s.connectionId = host.wsConnectionId(p.handle);
      WebSocket.#flush(peer);
      return s.connectionId;
    }

    // ctx.acceptWebSocket(ws, tags): the socket will be the object's, across hibernation.
    static acceptHibernatable(socket, tags) {
      const s = socket.#s;
      if (s.accepted) throw new TypeError("Can't call acceptWebSocket() on a WebSocket that has already been accepted with accept().");
      if (s.hibernatable) throw new TypeError("Can't call acceptWebSocket() on a WebSocket more than once.");
      if (s.peer === null || s.usedInResponse) {
        throw new TypeError("acceptWebSocket() needs the server end of a new WebSocketPair (W9Y hibernates those only).");
      }
      s.hibernatable = true;
      s.tags = tags;
      PENDING.add(socket);
    }

    // The socket object for a hibernatable connection: the same object for as long as this
    // memory lives, a new one after the object woke from hibernation.
    static #hibernated(id) {
      let socket = HIBERNATED.get(id);
      if (socket === undefined) {
        socket = new WebSocket(CREATE);
        const s = socket.#s;
        s.hibernatable = true;
        s.hibernationId = id;
        s.handle = host.wsHibernated(id);
        HIBERNATED.set(id, socket);
      }
      return socket;
    }

    static tagsOf(socket) {
      const s = socket.#s;
      if (!s.hibernatable) throw new TypeError("getTags() needs a WebSocket accepted with acceptWebSocket().");
      return s.hibernationId !== null ? host.wsTags(s.hibernationId) : s.tags.slice();
    }

    // getWebSockets(tag): the open ones the host holds, then those accepted but not yet open.
    static hibernatedList(tag) {
      // Newest first, as workerd lists them: those not open yet are the newest.
      const list = host.wsHibernatedList(tag === undefined ? null : String(tag));
      const sockets = [];
      for (const socket of [...PENDING].reverse()) {
        if (tag === undefined || socket.#s.tags.includes(String(tag))) sockets.push(socket);
      }
      for (let i = 0; i < list.length; i++) sockets.push(WebSocket.#hibernated(list[i]));
      return sockets.filter((socket) => socket.#s.readyState !== CLOSED);
    }

    static idOf(socket) { return socket.#s.hibernationId; }

    // A hibernatable socket's event, delivered to the object's handlers.
    static async objectEvent(object, id, kind, a, b, c) {
      const socket = WebSocket.#hibernated(id);
      const s = socket.#s;
      if (kind === 0) {
        if (typeof object.webSocketMessage === "function") {
          await object.webSocketMessage(socket, messageData(s, a, b));
        }
        return;
      }
      // workerd: CLOSING in the handler, which may answer with close() (else the runtime drops
      // the connection once the handler is done, and the peer sees 1006).
      s.readyState = a === ABNORMAL ? CLOSED : CLOSING;
      HIBERNATED.delete(id);
      if (a === ABNORMAL && typeof object.webSocketError === "function") {
        await object.webSocketError(socket, new Error("WebSocket disconnected without sending Close frame."));
      }
      if (typeof object.webSocketClose === "function") await object.webSocketClose(socket, a, b, c);
    }

    static #claim(socket, hibernatable) {
      const s = socket.#s;
      const id = s.connectionId;
      s.connectionId = null;
      s.handle = host.wsClaim(id, (kind, a, b, c) => WebSocket.#arrived(socket, kind, a, b, c));
      WebSocket.#flush(socket);
    }

    static #flush(socket) {
      const s = socket.#s;
      const waiting = s.outbox;
      s.outbox = [];
      for (const frame of waiting) {
        if (frame[0] === "close" && frame.length === 3) host.wsClose(s.handle, frame[1], frame[2]);
        else host.wsSend(s.handle, frame[0], frame[1]);
      }
    }

    // A host event: kind 0 a message (data: a string, or a binary string when not text), kind 1
    // the close (code, reason, wasClean).
    static #arrived(socket, kind, a, b, c) {
      const s = socket.#s;
      const event = [kind, a, b, c];
      if (!s.accepted) s.inbox.push(event);
      else WebSocket.#deliver(socket, event);
    }

    static #deliver(socket, [kind, a, b, c]) {
      const s = socket.#s;
      if (kind === 0) {
        socket.dispatchEvent(internal.trusted(new MessageEvent("message", { data: messageData(s, a, b) })));
        return;
      }
      // workerd (web_socket_auto_reply_to_close): CLOSED before the close event fires; but a
      // socket that sent its close and lost the connection before the answer stays CLOSING (as
      // workerd shows it, per the compat suite's chat room).
      s.readyState = a === ABNORMAL && s.closeSent ? CLOSING : CLOSED;
      s.closeSent = true;
      if (a === ABNORMAL) {
        socket.dispatchEvent(internal.trusted(new ErrorEvent("error",
          { message: "WebSocket disconnected without sending Close frame.",
            error: new Error("WebSocket disconnected without sending Close frame.") })));
      }
      socket.dispatchEvent(internal.trusted(new CloseEvent("close", { code: a, reason: b, wasClean: c })));
    }

    static stateOf(socket) { return socket.#s; }
  }

  const HIBERNATED = new Map(); // connection id -> WebSocket, for this memory's life
  const PENDING = new Set(); // accepted for hibernation, connection not open yet

  function messageData(s, data, isText) {
    if (isText) return data;
    const bytes = internal.binaryToBytes(data);
    return s.binaryType === "blob" ? internal.blobFromBinary(data, "") : bytes.buffer;
  }
  internal.messageData = messageData;

  const pair = WebSocket.pair;
  internal.webSocketWireId = WebSocket.wireId;
  internal.webSocketFromConnection = WebSocket.fromConnection;
  internal.webSocketState = WebSocket.stateOf;
  internal.isWebSocket = (value) => value instanceof WebSocket;
  internal.hibernation = Object.freeze({
    accept: WebSocket.acceptHibernatable, list: WebSocket.hibernatedList, tags: WebSocket.tagsOf,
    idOf: WebSocket.idOf, objectEvent: WebSocket.objectEvent,
  });
  internal.objectWebSocketEvent = WebSocket.objectEvent;
  delete WebSocket.acceptHibernatable;
  delete WebSocket.hibernatedList;
  delete WebSocket.tagsOf;
  delete WebSocket.idOf;
  delete WebSocket.objectEvent;
  delete WebSocket.pair;
  delete WebSocket.wireId;
  delete WebSocket.fromConnection;
  delete WebSocket.stateOf;
  Object.defineProperty(WebSocket.prototype, Symbol.toStringTag, { value: "WebSocket", configurable: true });

  // workerd: `new WebSocketPair()` is { 0: client, 1: server } (not an array: Object.values or
  // destructuring by index).
  class WebSocketPair {
    constructor() {
      const [client, server] = pair();
      Object.defineProperty(this, 0, { value: client, enumerable: true });
      Object.defineProperty(this, 1, { value: server, enumerable: true });
    }
  }

  // ctx.setWebSocketAutoResponse's argument: a request text and the response the runtime sends.
  class WebSocketRequestResponsePair {
    #request; #response;
    constructor(request, response) {
      if (arguments.length < 2) throw new TypeError("WebSocketRequestResponsePair needs a request and a response");
      this.#request = String(request);
      this.#response = String(response);
    }
    get request() { return this.#request; }
    get response() { return this.#response; }
  }

  internal.defineGlobal("WebSocketRequestResponsePair", WebSocketRequestResponsePair);
  internal.defineGlobal("WebSocket", WebSocket);
  internal.defineGlobal("WebSocketPair", WebSocketPair);
  internal.defineGlobal("MessageEvent", MessageEvent);
  internal.defineGlobal("CloseEvent", CloseEvent);
  internal.defineGlobal("ErrorEvent", ErrorEvent);
});
