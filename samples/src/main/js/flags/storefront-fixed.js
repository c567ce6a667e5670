// The storefront, fixed: /announce does not read back a value another location just wrote. The
// admin sends the flag's new value with its request (the write and the request that depends on it
// travel together); KV stays the source for everything else, stale for up to a minute as
// Cloudflare documents.
async function checkoutVersion(env) {
  return (await env.FLAGS.get("checkout-v2")) === "on" ? "v2" : "v1";
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/checkout") return new Response(`checkout ${await checkoutVersion(env)}`);
    if (url.pathname === "/announce") {
      const told = request.headers.get("x-flag-checkout-v2");
      const version = told !== null ? (told === "on" ? "v2" : "v1") : await checkoutVersion(env);
      return new Response(`announced ${version}`);
    }
    return new Response("not found", { status: 404 });
  },
};
