// Probe: WebSockets as workerd has them. Both ends live inside the runtime: the Worker opens
// sockets to durable objects with stub.fetch(Upgrade: websocket), accepts them, and answers with
// what it saw, so the oracle's plain HTTP steps compare whole WebSocket conversations.
import { DurableObject } from "cloudflare:workers";

// An echo server holding its end in memory (accept()).
export class Echo extends DurableObject {
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => {
      if (event.data === "close") server.close(4000, "asked");
      else server.send("echo:" + (typeof event.data === "string" ? event.data : Object.prototype.toString.call(event.data)));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}

// A chat room on the hibernation API.
export class Room extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/closed") return Response.json([...(await this.ctx.storage.list()).entries()]);
    const name = url.searchParams.get("who");
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [name, "all"]);
    server.serializeAttachment({ name });
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    const { name } = ws.deserializeAttachment();
    if (message === "who") ws.send(JSON.stringify(this.ctx.getWebSockets().map((s) => s.deserializeAttachment().name)));
    else if (message === "tags") ws.send(JSON.stringify(this.ctx.getTags(ws)));
    else if (message === "bobs") ws.send(String(this.ctx.getWebSockets("bob").length));
    else if (message === "pinged") ws.send(this.ctx.getWebSocketAutoResponseTimestamp(ws) === null ? "never" : "pinged");
    else if (message === "auto") {
      const pair = this.ctx.getWebSocketAutoResponse();
      ws.send(pair.request + "->" + pair.response);
    } else {
      for (const s of this.ctx.getWebSockets("all")) s.send(name + ": " + message);
    }
  }
  async webSocketClose(ws, code, reason, wasClean) {
    await this.ctx.storage.put("closed:" + ws.deserializeAttachment().name, [code, reason, wasClean, ws.readyState]);
  }
}

// A socket's messages as a queue: next() resolves with the next one to arrive.
function inbox(ws) {
  const arrived = [];
  const waiting = [];
  ws.addEventListener("message", (event) => {
    const data = typeof event.data === "string" ? event.data : Object.prototype.toString.call(event.data);
    if (waiting.length > 0) waiting.shift()(data);
    else arrived.push(data);
  });
  const closed = new Promise((resolve) => ws.addEventListener("close", (event) =>
    resolve([event.code, event.reason, event.wasClean, ws.readyState])));
  return { next: () => arrived.length > 0 ? Promise.resolve(arrived.shift()) : new Promise((r) => waiting.push(r)), closed };
}

async function open(stub, url) {
  const response = await stub.fetch(url, { headers: { Upgrade: "websocket" } });
  const ws = response.webSocket;
  const box = inbox(ws);
  ws.accept();
  return { status: response.status, ws, box };
}

function attempt(out, name, fn) {
  try {
    const value = fn();
    out[name] = value === undefined ? "undefined" : value;
  } catch (error) {
    out[name] = error.name + ": " + error.message;
  }
}

export default {
  async fetch(request, env) {
    const op = new URL(request.url).pathname.slice(1);
    if (op === "errors") {
      const out = {};
      const pair = new WebSocketPair();
      const [c, s] = Object.values(pair);
      out.keys = Object.keys(pair);
      out.isArray = Array.isArray(pair);
      out.ready = [c.readyState, s.readyState, WebSocket.OPEN, s.CLOSING];
      out.props = [s.url, s.protocol, s.extensions, s.binaryType];
      attempt(out, "sendBeforeAccept", () => s.send("x"));
      attempt(out, "closeBeforeAccept", () => s.close());
      attempt(out, "accept", () => s.accept());
      attempt(out, "acceptAgain", () => s.accept());
      attempt(out, "badCode", () => s.close(1006));
      attempt(out, "close", () => s.close(1000, "r"));
      out.afterClose = s.readyState;
      attempt(out, "sendAfterClose", () => s.send("y"));
      attempt(out, "closeAgain", () => s.close(1000));
      attempt(out, "status101WithoutWebSocket", () => new Response(null, { status: 101 }).status);
      attempt(out, "webSocketWith200", () => new Response(null, { status: 200, webSocket: c }).status);
      attempt(out, "messageEvent", () => { const e = new MessageEvent("message", { data: "d" }); return [e.type, e.data]; });
      attempt(out, "closeEvent", () => { const e = new CloseEvent("close", { code: 1000 }); return [e.code, e.reason, e.wasClean]; });
      attempt(out, "closeEventDefaults", () => { const e = new CloseEvent("close"); return [e.code, e.reason, e.wasClean]; });
      attempt(out, "pairType", () => [typeof WebSocketPair, typeof WebSocketRequestResponsePair]);
      attempt(out, "autoPair", () => { const p = new WebSocketRequestResponsePair("a", "b"); return [p.request, p.response]; });
      return Response.json(out);
    }
    if (op === "echo") {
      const { status, ws, box } = await open(env.ECHO.getByName("e"), "http://echo/");
      ws.send("a");
      ws.send(new Uint8Array([1, 2, 3]));
      ws.send("c");
      const got = [await box.next(), await box.next(), await box.next()];
      ws.send("close");
      const closed = await box.closed;
      return Response.json({ status, got, closed });
    }
    if (op === "room") {
      const room = env.ROOMS.getByName("lobby");
      const ann = await open(room, "http://room/join?who=ann");
      const bob = await open(room, "http://room/join?who=bob");
      const seen = { status: [ann.status, bob.status] };
      ann.ws.send("hello");
      seen.hello = [await ann.box.next(), await bob.box.next()];
      bob.ws.send("who");
      seen.who = await bob.box.next();
      bob.ws.send("tags");
      seen.tags = await bob.box.next();
      ann.ws.send("bobs");
      seen.bobs = await ann.box.next();
      ann.ws.send("pinged");
      seen.pingedBefore = await ann.box.next();
      ann.ws.send("ping");
      seen.ping = await ann.box.next();
      ann.ws.send("pinged");
      seen.pingedAfter = await ann.box.next();
      ann.ws.send("auto");
      seen.auto = await ann.box.next();
      bob.ws.close(1000, "done");
      seen.bobClosed = await bob.box.closed;
      seen.stored = await (await room.fetch("http://room/closed")).json();
      return Response.json(seen);
    }
    return new Response("no such op", { status: 404 });
  },
};
