// The determinism self-check's JavaScript store: in-memory state, intervals, random latency.
const items = new Map();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/slow") {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 80)));
      return new Response("slow");
    }
    items.set(url.pathname, (items.get(url.pathname) ?? 0) + 1);
    let ticks = 0;
    const interval = setInterval(() => ticks++, 7);
    setTimeout(() => clearInterval(interval), 15);
    return Response.json({ key: url.pathname, n: items.get(url.pathname), r: Math.random() });
  },
};
