// A shop whose orders are paid by a Workflow (Cloudflare Workflows: durable execution).
// POST /orders?count=N starts one ChargeCard instance per order.
//
// A change that breaks replay (compare checkout-idempotent.js): the charge step was renamed, so an
// instance recorded with the old code would, after a deploy, find no result for "charge the card"
// and charge again. w9y workflow replay finds this before the deploy (WorkflowReplayTest).
// (Workflows key a step by its name: renaming one is a new step.)
import { WorkflowEntrypoint } from "cloudflare:workers";

export class ChargeCard extends WorkflowEntrypoint {
  async run(event, step) {
    const { order, amount } = event.payload;
    await step.do("reserve stock", async () => ({ order, reserved: 1 }));
    const charge = await step.do(
      "charge the card",
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
