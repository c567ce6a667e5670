// The determinism self-check's JavaScript store: in-memory state, intervals, random latency,
// a response streamed on timers. Written in service-worker syntax (the gateway is a module), so
// the check covers both ways a Worker is written.
const items = new Map();

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

const store = {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/slow") { // a streamed body whose chunks come on random timers
      let chunks = 0;
      return new Response(new ReadableStream({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
          controller.enqueue(new TextEncoder().encode(`slow${chunks}`));
          if (++chunks === 2) controller.close();
        },
      }));
    }
    items.set(url.pathname, (items.get(url.pathname) ?? 0) + 1);
    let ticks = 0;
    const interval = setInterval(() => ticks++, 7);
    setTimeout(() => clearInterval(interval), 15);
    return Response.json({ key: url.pathname, n: items.get(url.pathname), r: Math.random() });
  },
};

function handle(request) {
  return store.fetch(request);
}
