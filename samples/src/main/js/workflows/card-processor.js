// The card processor the shop charges: every charge is kept in a durable object (the ledger), so
// a crash loses none. POST /charge {order, amount, key?} charges once per idempotency key when one
// is given (and answers the first charge again for a repeated key); GET /check is the verdict:
// 200, or 409 naming an order charged more than once.
import { DurableObject } from "cloudflare:workers";

export class Ledger extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/charge") {
      const { order, amount, key } = await request.json();
      if (key !== undefined) {
        const earlier = await this.ctx.storage.get(`key:${key}`);
        if (earlier !== undefined) return Response.json(earlier);
      }
      const n = ((await this.ctx.storage.get("count")) ?? 0) + 1;
      const charge = { id: `ch_${n}`, order, amount };
      const entries = { count: n, [`charge:${String(n).padStart(6, "0")}`]: charge };
      if (key !== undefined) entries[`key:${key}`] = charge;
      await this.ctx.storage.put(entries);
      return Response.json(charge);
    }
    if (url.pathname === "/check") {
      const charges = await this.ctx.storage.list({ prefix: "charge:" });
      const byOrder = new Map();
      for (const charge of charges.values()) {
        byOrder.set(charge.order, (byOrder.get(charge.order) ?? []).concat(charge.id));
      }
      for (const [order, ids] of byOrder) {
        if (ids.length > 1) {
          return new Response(`${order} was charged ${ids.length} times (${ids.join(", ")})`, {
            status: 409,
          });
        }
      }
      return new Response(`${charges.size} charges, no order charged twice`);
    }
    return new Response("not found", { status: 404 });
  }
}

export default {
  fetch(request, env) {
    return env.LEDGER.get(env.LEDGER.idFromName("ledger")).fetch(request);
  },
};
