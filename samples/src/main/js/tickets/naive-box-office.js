// The same box office with the bug W9Y is here to find: it reads the seat count, pays, then
// writes the count back. While the payment is out, the durable object lets the next purchase in;
// it reads the same count, and two buyers get the same seat. Only some interleavings show it.
export class EventSeats {
  constructor(state, env) {
    this.storage = state.storage;
    this.env = env;
  }

  async fetch(request) {
    const capacity = Number(this.env.CAPACITY);
    const sold = (await this.storage.get("sold")) ?? 0;
    if (sold >= capacity) {
      return Response.json({ error: "sold out" }, { status: 409 });
    }
    const payment = await this.env.PAYMENTS.fetch("http://payments/charge", {
      method: "POST",
      body: JSON.stringify({ seat: sold + 1, buyer: new URL(request.url).searchParams.get("buyer") }),
    });
    if (!payment.ok) {
      return Response.json({ error: "payment failed" }, { status: 402 });
    }
    await this.storage.put("sold", sold + 1);
    return Response.json({ seat: sold + 1 });
  }
}

export { default } from "./box-office.js";
