// The shop: POST /order?id=..&points=.. confirms an order and queues the loyalty points it earns.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/order") return new Response("not found", { status: 404 });
    const order = { id: url.searchParams.get("id"), points: Number(url.searchParams.get("points")) };
    await env.POINTS.send(order);
    return new Response(`order ${order.id} confirmed`);
  },
};
