// Probe: what module-level code (run when the Worker loads, outside any request) may do.
function attempt(fn) {
  try {
    const value = fn();
    if (value instanceof Promise) value.catch(() => {});
    return "ok";
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}

const atLoad = {
  dateNowIsNumber: typeof Date.now() === "number",
  mathRandom: attempt(() => Math.random()),
  getRandomValues: attempt(() => crypto.getRandomValues(new Uint8Array(4))),
  randomUUID: attempt(() => crypto.randomUUID()),
  setTimeout: attempt(() => setTimeout(() => {}, 1)),
  fetch: attempt(() => fetch("http://example.com/")),
  subtleDigest: attempt(() => crypto.subtle.digest("SHA-256", new Uint8Array(1))),
  structuredClone: attempt(() => structuredClone({ a: 1 })),
  textEncoder: attempt(() => new TextEncoder().encode("x")),
  urlParse: attempt(() => new URL("http://x/").href),
  newResponse: attempt(() => new Response("x")),
  queueMicrotask: attempt(() => queueMicrotask(() => {})),
  cachesDefault: typeof caches.default,
};

let counter = 0;

export default {
  async fetch() {
    counter++;
    return Response.json({ atLoad, counter });
  },
};
