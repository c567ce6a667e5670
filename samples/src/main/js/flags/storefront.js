// The storefront: /checkout serves the checkout the "checkout-v2" flag selects; /announce (called
// by the admin right after it turned the flag on) e-mails customers about the checkout it serves.
//
// THE BUG: /announce reads the flag back from KV. KV is eventually consistent: the admin wrote it
// at another location, and this location may still serve the value it read (and cached for
// cacheTtl, 60 s by default) before the write, or the write may not have propagated here yet. So
// the announcement can go out for the old checkout. See storefront-fixed.js.
async function checkoutVersion(env) {
  return (await env.FLAGS.get("checkout-v2")) === "on" ? "v2" : "v1";
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/checkout") return new Response(`checkout ${await checkoutVersion(env)}`);
    if (url.pathname === "/announce") return new Response(`announced ${await checkoutVersion(env)}`);
    return new Response("not found", { status: 404 });
  },
};
