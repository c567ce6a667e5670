// The loyalty service, fixed: crediting is idempotent. The Durable Object remembers which orders
// it has credited, in the same storage write as the balance (the input gate keeps the check and
// the write together), so a second delivery of a message changes nothing.
import { DurableObject } from "cloudflare:workers";

export class Balance extends DurableObject {
  async credit(orderId, points) {
    if (await this.ctx.storage.get(`credited:${orderId}`)) return;
    const balance = (await this.ctx.storage.get("balance")) ?? 0;
    await this.ctx.storage.put({ balance: balance + points, [`credited:${orderId}`]: true });
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
