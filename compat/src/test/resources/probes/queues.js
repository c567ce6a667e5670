// Differential probe: Cloudflare Queues. env.Q is a producer of every queue named in ?queue= (one
// binding per queue: Q_TYPES, Q_RETRY, ...); the Worker consumes them all. Its queue() handler logs
// each batch it gets (queue name, each message's body, attempts and the shape of its id and
// timestamp) into the Durable Object LOG named after the queue, then acks, retries or throws as
// that queue's scenario says. Delivery runs on wall time in workerd, so GET /log?queue=q&messages=n
// answers 202 until n deliveries are logged and the test polls it.
import { DurableObject } from "cloudflare:workers";

export class Log extends DurableObject {
  async append(entry) {
    const entries = (await this.ctx.storage.get("entries")) ?? [];
    entries.push(entry);
    await this.ctx.storage.put("entries", entries);
  }
  async entries() {
    return (await this.ctx.storage.get("entries")) ?? [];
  }
}

function describe(value) {
  if (value instanceof ArrayBuffer) return { arrayBuffer: Array.from(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { [value.constructor.name]: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [describe(k), describe(v)]) };
  if (value instanceof Set) return { set: [...value].map(describe) };
  if (value instanceof Date) return { date: value.toISOString() };
  if (value instanceof RegExp) return { regexp: String(value) };
  if (value instanceof Error) return { error: `${value.name}: ${value.message}` };
  if (typeof value === "bigint") return { bigint: String(value) };
  if (value === undefined) return { undefined: true };
  if (Array.isArray(value)) return value.map(describe);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = describe(value[key]);
    return out;
  }
  return value;
}

async function attempt(what) {
  try {
    const result = await what();
    if (result && result.metadata) return { ok: { metadata: metricsShape(result.metadata) } };
    return { ok: describe(result) };
  } catch (e) {
    return { error: `${e && e.name}: ${e && e.message}` };
  }
}

// A send's backlog metrics are Miniflare's zeros locally and W9Y's real backlog: their names and
// types are compared, not their values (a batch's are compared: both give what is left).
function metricsShape(metadata) {
  if (metadata === null || typeof metadata !== "object" || metadata.metrics === undefined) return describe(metadata);
  return { metrics: Object.keys(metadata.metrics), counts: [typeof metadata.metrics.backlogCount, typeof metadata.metrics.backlogBytes] };
}

const log = (env, queue) => env.LOG.get(env.LOG.idFromName(queue));

const SENDS = {
  // Each content type, the default (v8) with values JSON cannot carry, and a batch.
  async types(q) {
    const results = [];
    results.push(await attempt(() => q.send("plain text", { contentType: "text" })));
    results.push(await attempt(() => q.send({ a: [1, "two"], b: null }, { contentType: "json" })));
    results.push(await attempt(() => q.send(new Uint8Array([1, 2, 255]), { contentType: "bytes" })));
    results.push(await attempt(() => q.send(new Map([["k", new Set([1, 2])]]), { contentType: "v8" })));
    results.push(await attempt(() => q.send({ when: new Date(0), big: 12n, re: /x/g, buf: new Uint16Array([1, 2]) })));
    results.push(await attempt(() => q.send("default is v8")));
    results.push(await attempt(() => q.send(42, { contentType: "json" })));
    results.push(await attempt(() => q.sendBatch([{ body: "batched 1", contentType: "text" }, { body: { n: 2 } }])));
    return results;
  },

  // Arguments a producer refuses, and the size limits.
  async errors(q) {
    const text = (n) => "x".repeat(n);
    return [
      await attempt(() => q.send(undefined)),
      await attempt(() => q.send()),
      await attempt(() => q.send({ a: 1 }, { contentType: "text" })),
      await attempt(() => q.send(5, { contentType: "text" })),
      await attempt(() => q.send("s", { contentType: "bytes" })),
      await attempt(() => q.send(new ArrayBuffer(2), { contentType: "bytes" })),
      await attempt(() => q.send(undefined, { contentType: "json" })),
      await attempt(() => q.send("x", { contentType: "xml" })),
      await attempt(() => q.send(text(128000), { contentType: "text" })),
      await attempt(() => q.sendBatch([])),
      await attempt(() => q.sendBatch()),
      await attempt(() => q.sendBatch("not messages")),
      await attempt(() => q.sendBatch([{ body: undefined }])),
      await attempt(() => q.sendBatch([{}])),
      await attempt(() => q.sendBatch([null])),
      await attempt(() => q.sendBatch([{ body: "x", contentType: "yaml" }])),
    ];
  },

  // What Miniflare's local broker refuses as "Unknown Internal Error (15000)" (or, for a delay
  // over 12 hours, accepts) and W9Y refuses with Cloudflare's documented limits in its own words.
  async brokerErrors(q) {
    const text = (n) => "x".repeat(n);
    return [
      await attempt(() => q.send(() => 1, { contentType: "json" })),
      await attempt(() => q.send(() => 1)),
      await attempt(() => q.send(Symbol("s"))),
      await attempt(() => q.send(text(128001), { contentType: "text" })),
      await attempt(() => q.send(new Uint8Array(128001), { contentType: "bytes" })),
      await attempt(() => q.sendBatch(Array.from({ length: 101 }, (_, i) => ({ body: i, contentType: "json" })))),
      await attempt(() => q.sendBatch(Array.from({ length: 3 }, () => ({ body: text(100000), contentType: "text" })))),
      await attempt(() => q.sendBatch([{ body: text(128001), contentType: "text" }])),
      await attempt(() => q.send("bad", { contentType: "text", delaySeconds: -1 })),
      await attempt(() => q.sendBatch([{ body: "bad", contentType: "text" }], { delaySeconds: -1 })),
      await attempt(() => q.send("bad", { contentType: "text", delaySeconds: 43201 })),
    ];
  },

  async delays(q) {
    return [
      await attempt(() => q.send("later", { contentType: "text", delaySeconds: 3 })),
      await attempt(() => q.send("now", { contentType: "text" })),
    ];
  },

  // ack, retry (until the dead-letter queue), a retry then an ack.
  async retries(q) {
    return [await attempt(() => q.sendBatch([{ body: "ack" }, { body: "retry" }, { body: "retryOnce" }, { body: "ack:2" }]))];
  },

  // ackAll and retryAll, and an ack() that a later retryAll() does not undo.
  async batchWide(q) {
    return [await attempt(() => q.sendBatch([{ body: "a" }, { body: "b" }, { body: "c" }]))];
  },

  // A handler that throws after acking one message: what is delivered again.
  async throws(q) {
    return [await attempt(() => q.sendBatch([{ body: "a" }, { body: "b" }]))];
  },

  // Seven messages, batches of at most three.
  async batches(q) {
    return [await attempt(() => q.sendBatch(Array.from({ length: 7 }, (_, i) => ({ body: `m${i}`, contentType: "text" }))))];
  },
};

const BINDINGS = {
  "q-types": "Q_TYPES",
  "q-errors": "Q_ERRORS",
  "q-delays": "Q_DELAYS",
  "q-retries": "Q_RETRIES",
  "q-batch-wide": "Q_BATCH_WIDE",
  "q-throws": "Q_THROWS",
  "q-batches": "Q_BATCHES",
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const queue = url.searchParams.get("queue");
    if (url.pathname === "/send") {
      return Response.json(await SENDS[url.searchParams.get("op")](env[BINDINGS[queue]]));
    }
    if (url.pathname === "/shape") {
      const q = env[BINDINGS[queue]];
      return Response.json({
        tag: Object.prototype.toString.call(q),
        methods: ["send", "sendBatch"].map((m) => typeof q[m]),
      });
    }
    if (url.pathname === "/log") {
      const entries = await log(env, queue).entries();
      const delivered = entries.reduce((n, batch) => n + batch.messages.length, 0);
      const wanted = Number(url.searchParams.get("messages"));
      return Response.json(entries, { status: delivered < wanted ? 202 : 200 });
    }
    return new Response("no such path", { status: 404 });
  },

  async queue(batch, env, ctx) {
    const ids = new Set(batch.messages.map((m) => m.id));
    await log(env, batch.queue).append({
      queue: batch.queue,
      messages: batch.messages.map((m) => ({
        body: describe(m.body),
        attempts: m.attempts,
        id: typeof m.id === "string" && m.id.length > 0 ? "string" : typeof m.id,
        timestamp: m.timestamp instanceof Date && !Number.isNaN(m.timestamp.valueOf()) ? "Date" : typeof m.timestamp,
      })),
      distinctIds: ids.size === batch.messages.length,
      // What is left once the batch was taken (the oldest one's time: whether there is one).
      backlog: [batch.metadata.metrics.backlogCount, batch.metadata.metrics.backlogBytes, batch.metadata.metrics.oldestMessageTimestamp instanceof Date],
      batchShape: Object.keys(batch).sort(),
      messageShape: Object.keys(batch.messages[0] ?? {}).sort(),
      methods: ["ackAll", "retryAll"].map((m) => typeof batch[m]).concat(["ack", "retry"].map((m) => typeof batch.messages[0]?.[m])),
    });
    switch (batch.queue) {
      case "q-retries":
        for (const message of batch.messages) {
          const action = message.body.split(":")[0];
          if (action === "retry" || (action === "retryOnce" && message.attempts === 1)) message.retry();
          else message.ack();
        }
        return;
      case "q-batch-wide":
        if (batch.messages[0].attempts === 1) {
          batch.messages[0].ack();
          batch.retryAll();
        } else batch.ackAll();
        return;
      case "q-throws":
        if (batch.messages[0].attempts === 1) {
          batch.messages[0].ack();
          throw new Error("consumer failed");
        }
        return;
      default:
        // Neither ack nor retry: a handler that returns acks every message.
        return;
    }
  },
};
