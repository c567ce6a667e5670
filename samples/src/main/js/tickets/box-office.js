// A box office for events with a fixed number of seats, written as a Cloudflare Worker: the
// public service routes each purchase to the event's durable object, which takes the payment
// through the private payments service and hands out a seat number.
import { assertSometimes } from "w9y";

export class EventSeats {
  constructor(state, env) {
    this.storage = state.storage;
    this.env = env;
  }

  async fetch(request) {
    const capacity = Number(this.env.CAPACITY);
    // Reserve the seat before paying: the payment call lets other purchases in (the object's
    // input gate opens while a fetch is out), so a seat read before it may be gone after it.
    const sold = (await this.storage.get("sold")) ?? 0;
    if (sold >= capacity) {
      return Response.json({ error: "sold out" }, { status: 409 });
    }
    const seat = sold + 1;
    await this.storage.put("sold", seat);
    const payment = await this.env.PAYMENTS.fetch("http://payments/charge", {
      method: "POST",
      body: JSON.stringify({ seat, buyer: new URL(request.url).searchParams.get("buyer") }),
    });
    if (!payment.ok) {
      // Give the seat back. Seats are numbered by count, so only the last one can be returned;
      // an earlier one stays unsold (a real system would keep a free list).
      if ((await this.storage.get("sold")) === seat) {
        await this.storage.put("sold", seat - 1);
      }
      assertSometimes(true, "a payment failed");
      return Response.json({ error: "payment failed" }, { status: 402 });
    }
    return Response.json({ seat });
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const match = /^\/events\/([a-z0-9-]+)\/buy$/.exec(url.pathname);
    if (request.method !== "POST" || match === null) {
      return new Response("not found", { status: 404 });
    }
    const seats = env.EVENTS.get(env.EVENTS.idFromName(match[1]));
    return seats.fetch(request);
  },
};
