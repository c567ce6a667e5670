// A shop whose orders are paid by a Workflow (Cloudflare Workflows: durable execution).
// POST /orders?count=N starts one ChargeCard instance per order.
//
// THE FIX (compare checkout.js): "charge card" sends an idempotency key, the instance id, so a
// step that runs again (after a crash before its checkpoint, or a retry after a lost answer) gets
// the first charge back instead of charging the card a second time.
// The steps are otherwise the same, so a history recorded from either replays against the other.
import { WorkflowEntrypoint } from "cloudflare:workers";

export class ChargeCard extends WorkflowEntrypoint {
  async run(event, step) {
    const { order, amount } = event.payload;
    await step.do("reserve stock", async () => ({ order, reserved: 1 }));
    const charge = await step.do(
      "charge card",
      { retries: { limit: 3, delay: "1 second", backoff: "exponential" } },
      async () => {
        const response = await this.env.PROCESSOR.fetch("http://processor/charge", {
          method: "POST",
          body: JSON.stringify({ order, amount, key: event.instanceId }),
        });
        if (!response.ok) throw new Error(`the processor answered ${response.status}`);
        return await response.json();
      },
    );
    await step.sleep("wait for the courier", "2 seconds");
    await step.do("send receipt", async () => ({ order, receipt: charge.id }));
    return { order, charge: charge.id };
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/orders") {
      const count = Number(url.searchParams.get("count") ?? "10");
      const ids = [];
      for (let i = 0; i < count; i++) {
        const instance = await env.CHARGE.create({
          id: `order-${i}`,
          params: { order: `order-${i}`, amount: 100 + i },
        });
        ids.push(instance.id);
      }
      return Response.json(ids);
    }
    return new Response("not found", { status: 404 });
  },
};
