// A payment provider with variable latency that declines one charge in ten.
export default {
  async fetch(request) {
    const { seat } = await request.json();
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 45)));
    if (Math.random() < 0.1) {
      return new Response("card declined", { status: 503 });
    }
    return Response.json({ charged: true, seat, receipt: crypto.randomUUID() });
  },
};
