// The determinism self-check's RPC service: a WorkerEntrypoint whose methods the gateway calls
// over its service bindings (the default entrypoint and a named one), returning RpcTargets and
// throwing, each call a network message the swarm's faults act on. Each record also goes to a
// queue (sent with a random delay) whose consumer, this same Worker, reads and writes a KV
// namespace: the swarm's KV and queue faults act on both. Each record is also kept in an R2
// bucket (the swarm's R2 faults act on it) and signed with an ECDSA key the instance generates
// from its seeded stream, so key generation and signature nonces join the cross-JVM check.
import { WorkerEntrypoint, RpcTarget, WorkflowEntrypoint } from "cloudflare:workers";

const entries = [];
let signingKey; // generated on first use: a crash makes a new instance, and a new key

async function sign(text) {
  signingKey ??= await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, signingKey.privateKey,
    new TextEncoder().encode(text));
  return [...new Uint8Array(signature, 0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

class Receipt extends RpcTarget {
  constructor(index, at) {
    super();
    this.index = index;
    this.at = at;
  }
  describe(prefix) {
    return `${prefix}#${this.index}@${this.at}`;
  }
}

export default class Ledger extends WorkerEntrypoint {
  async record(entry) {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 10)));
    entries.push({ ...entry, at: Date.now() });
    const text = JSON.stringify(entries.at(-1));
    const stored = await this.env.ENTRIES.put(`entry/${entries.length}`, text,
      { customMetadata: { signature: await sign(text) } }).catch((e) => e.message);
    await this.env.EVENTS.send({ n: entries.length, r: Math.random() },
      { delaySeconds: Math.floor(Math.random() * 3) });
    return { count: entries.length, tags: new Set(entry.tags), token: crypto.randomUUID().slice(0, 8),
      etag: stored?.etag ?? stored };
  }

  receipt(label) {
    return new Receipt(entries.length, new Date().toISOString() + ":" + label);
  }

  async fetch() {
    // The D1 database the gateway writes, read from another service.
    const visits = await this.env.DB.prepare("SELECT count(*) AS n FROM visits").first("n").catch((e) => e.message);
    const listed = await this.env.ENTRIES.list({ prefix: "entry/", include: ["customMetadata"] })
      .then((page) => page.objects.map((o) => `${o.key}:${o.size}:${o.customMetadata.signature}`), (e) => e.message);
    return Response.json({ entries: entries.length, visits, last: await this.env.TALLY.get("last"), listed });
  }

  async queue(batch) {
    for (const message of batch.messages) {
      const seen = Number((await this.env.TALLY.get("seen", { cacheTtl: 30 })) ?? 0);
      await this.env.TALLY.put("seen", String(seen + 1), { metadata: { at: Date.now() } });
      await this.env.TALLY.put("last", String(message.body.n));
      if (message.attempts === 1 && message.body.r < 0.2) message.retry({ delaySeconds: 1 });
      else message.ack();
    }
  }
}

export class Audit extends WorkerEntrypoint {
  check(n) {
    if (Math.random() < 0.3) throw new RangeError(`audit rejected ${n}`);
    return n * 2;
  }
}

// A workflow the gateway starts on each cron firing: a flaky step retried with backoff, a sleep on
// virtual time, a second step; under the swarm's faults the engine crashes and replays it.
export class Settle extends WorkflowEntrypoint {
  async run(event, step) {
    const draw = await step.do("draw", { retries: { limit: 3, delay: 200, backoff: "linear" } }, async () => {
      if (Math.random() < 0.3) throw new Error("flaky draw");
      return { value: Math.random(), token: crypto.randomUUID().slice(0, 8) };
    });
    await step.sleep("settle", "5 seconds");
    return await step.do("book", async () => ({ booked: draw.token, at: Date.now() - event.payload.at }));
  }
}
