// The determinism self-check's JavaScript gateway: every source of nondeterminism a Worker can
// reach (Date, Intl, performance.now, Math.random, crypto and crypto.subtle, timers, fetch with
// timeouts, streamed bodies, durable objects with storage and alarms, waitUntil, buggify, JS RPC
// to a WorkerEntrypoint and to the durable object, a WebSocket to the durable object on the
// hibernation API) feeds what it answers and logs. Its cron also
// runs a CommonJS module and reads a Text module.
import { buggify, assertSometimes } from "w9y";
import { DurableObject } from "cloudflare:workers";
import tally from "./tally.cjs"; // CommonJS, as npm dependencies are
import banner from "./banner.txt"; // a Text module (wrangler's default rule for .txt)

// Extends DurableObject: workerd (and W9Y) take RPC calls only on such classes.
export class Session extends DurableObject {
  constructor(state, env) {
    super(state, env);
    this.state = state;
  }

  async fetch(request) {
    if (request.headers.get("Upgrade") === "websocket") {
      const [client, server] = Object.values(new WebSocketPair());
      this.state.acceptWebSocket(server, ["t" + Math.floor(Math.random() * 2)]);
      server.serializeAttachment({ at: new Date(), r: Math.random() });
      return new Response(null, { status: 101, webSocket: client });
    }
    const storage = this.state.storage;
    const n = ((await storage.get("n")) ?? 0) + 1;
    await storage.put({
      n,
      last: { at: new Date(), tags: new Set(["a", String(n % 3)]), bytes: crypto.getRandomValues(new Uint8Array(4)) },
    });
    if (Math.random() < 0.2) {
      await storage.setAlarm(Date.now() + Math.floor(Math.random() * 1000));
    }
    return Response.json({ n, id: crypto.randomUUID() });
  }

  // Called over RPC (env.SESSIONS.getByName(...).touch()), beside fetch on the same object.
  async touch(tag) {
    const touches = ((await this.state.storage.get("touches")) ?? 0) + 1;
    await this.state.storage.put("touches", touches);
    return { tag, touches, r: Math.random() };
  }

  webSocketMessage(ws, message) {
    const a = ws.deserializeAttachment();
    ws.send(JSON.stringify({ echo: typeof message === "string" ? message : "binary",
      open: this.state.getWebSockets().length, tags: this.state.getTags(ws), at: a.at, r: Math.random() }));
  }

  webSocketClose(ws, code, reason) {
    if (code !== 1006) ws.close(code, reason);
  }

  async alarm() {
    const last = await this.state.storage.get("last");
    console.log("alarm", new Date().toISOString(), last === undefined ? "none" : last.n);
  }
}

// A SQLite-backed object: SQL with SQLite's own clock and randomness (the simulation's), a
// transaction, the key-value API on the same database and a point-in-time bookmark.
export class Notes extends DurableObject {
  async fetch(request) {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, at TEXT, r INTEGER, body TEXT)");
    this.ctx.storage.transactionSync(() => {
      sql.exec("INSERT INTO notes (at, r, body) VALUES (datetime('now'), random(), ?)", crypto.randomUUID());
      this.ctx.storage.kv.put("count", (this.ctx.storage.kv.get("count") ?? 0) + 1);
    });
    const row = sql.exec("SELECT count(*) AS n, max(at) AS at, hex(randomblob(4)) AS h FROM notes").one();
    return Response.json({ ...row, bookmark: await this.ctx.storage.getCurrentBookmark() });
  }
}

// D1: a remote database the gateway and the ledger share; a batch, and sometimes a bad statement.
async function d1Exchange(env) {
  const db = env.DB;
  await db.exec("CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY, at INTEGER, r REAL)");
  const [, count] = await db.batch([
    db.prepare("INSERT INTO visits (at, r) VALUES (?, ?)").bind(Date.now(), Math.random()),
    db.prepare("SELECT count(*) AS n, unixepoch('now') AS now FROM visits"),
  ]);
  if (Math.random() < 0.3) await db.prepare("SELECT * FROM missing").all();
  return count.results[0];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A short WebSocket exchange with a session object; faults may break it (1006) or delay it.
async function webSocketExchange(stub) {
  try {
    const response = await stub.fetch("http://session/ws", { headers: { Upgrade: "websocket" } });
    const ws = response.webSocket;
    const got = [];
    const done = new Promise((resolve) => {
      ws.addEventListener("message", (event) => {
        got.push(event.data);
        if (got.length === 2) resolve("done");
      });
      ws.addEventListener("close", (event) => resolve("closed " + event.code));
    });
    ws.accept();
    ws.send("hi " + Math.random());
    ws.send(crypto.getRandomValues(new Uint8Array(3)));
    const how = await Promise.race([done, sleep(300).then(() => "timeout")]);
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, "bye");
    return how + " " + got.join("|");
  } catch (error) {
    return "failed " + error.name + ": " + error.message;
  }
}

// The service's HTTP cache in front of the store: hits and expiries depend on the seed's timing.
async function cachedItem(env, ctx, url) {
  const hit = await caches.default.match(url);
  if (hit) return hit;
  const fresh = await env.STORE.fetch(url);
  const response = new Response(fresh.body, fresh);
  response.headers.set("cache-control", "s-maxage=" + (1 + Math.floor(Math.random() * 20)));
  ctx.waitUntil(caches.default.put(url, response.clone()));
  return response;
}

export default {
  async fetch(request, env, ctx) {
    const started = performance.now();
    await sleep(Math.floor(Math.random() * 50));
    const session = env.SESSIONS.get(env.SESSIONS.idFromName("s" + Math.floor(Math.random() * 3)));
    const results = await Promise.allSettled([
      cachedItem(env, ctx, "http://store/item/" + crypto.randomUUID().slice(0, 1)),
      fetch("http://store/slow", { signal: AbortSignal.timeout(20 + Math.floor(Math.random() * 40)) }),
      session.fetch("http://session/"),
      env.NOTES.get(env.NOTES.idFromName("n" + Math.floor(Math.random() * 2))).fetch("http://notes/"),
    ]);
    const statuses = await Promise.all(results.map(async (r) =>
      r.status === "fulfilled" ? `${r.value.status}:${(await r.value.text()).length}` : r.reason.name));
    // JS RPC: a method with structured-clone arguments and result, a returned RpcTarget reached
    // through a pipelined call, a named entrypoint that sometimes throws, a durable object's method.
    const calls = await Promise.allSettled([
      env.LEDGER.record({ from: "gateway", tags: ["x", String(Math.floor(Math.random() * 3))] }),
      env.LEDGER.receipt(crypto.randomUUID().slice(0, 4)).describe("r"),
      env.AUDIT.check(Math.floor(Math.random() * 100)),
      env.SESSIONS.getByName("s" + Math.floor(Math.random() * 3)).touch("t"),
      d1Exchange(env),
    ]);
    console.log("rpc", calls.map((c) => c.status === "fulfilled"
      ? "ok:" + JSON.stringify(c.value, (k, v) => (v instanceof Set ? [...v] : v))
      : `${c.reason.name}:${c.reason.message}:${c.reason.remote === true}`).join(" "));
    console.log("ws", await webSocketExchange(session));
    ctx.waitUntil(sleep(5).then(() => console.log("after", Date.now())));
    assertSometimes(results[1].status === "rejected", "slow store timed out");
    if (buggify("gateway.extra-delay")) {
      await sleep(100);
    }
    // Keys generated from the seeded stream; AES-GCM with a random nonce.
    const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(statuses.join(" "))));
    const aes = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
    const sealed = new Uint8Array(await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: crypto.getRandomValues(new Uint8Array(12)) }, aes, mac));
    console.log(new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "long" }).format(),
      statuses.join(" "), performance.now() - started, btoa(String.fromCharCode(...sealed.slice(0, 8))));
    return new Response(statuses.join(" "));
  },

  async scheduled(event, env) {
    console.log("cron", event.cron, new Date(event.scheduledTime).toISOString(), Math.random());
    console.log("ledger", await (await env.LEDGER.fetch("http://ledger/")).text());
    console.log(banner.trim(), tally.next(Math.random()));
    // A workflow instance per firing (ledger.js's Settle): steps, retries, a sleep, replay.
    await env.SETTLE.create({ params: { at: event.scheduledTime } });
  },
};
