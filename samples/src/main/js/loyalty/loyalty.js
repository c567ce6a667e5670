// The loyalty service: consumes the "points" queue and credits each order's points to the
// customer's balance, kept in a Durable Object; GET /balance reads it.
//
// THE BUG: the consumer is not idempotent. Queues deliver at least once: a message can arrive
// twice (a duplicate delivery), and a batch whose consumer crashed after crediting is delivered
// again. Each delivery adds the points again. See loyalty-fixed.js.
import { DurableObject } from "cloudflare:workers";

export class Balance extends DurableObject {
  async credit(orderId, points) {
    const balance = (await this.ctx.storage.get("balance")) ?? 0;
    await this.ctx.storage.put("balance", balance + points);
  }
  async balance() {
    return (await this.ctx.storage.get("balance")) ?? 0;
  }
}

export default {
  async fetch(request, env) {
    const balance = await env.BALANCES.getByName("customer").balance();
    return new Response(String(balance));
  },
  async queue(batch, env) {
    const account = env.BALANCES.getByName("customer");
    for (const message of batch.messages) {
      await account.credit(message.body.id, message.body.points);
      message.ack();
    }
  },
};
