// The admin Worker of a feature-flag rollout: POST /rollout turns the "checkout-v2" flag on in KV,
// then asks the storefront to announce the new checkout to its customers and answers with what
// the storefront announced. The storefront is told to announce right after the write.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/rollout") return new Response("not found", { status: 404 });
    await env.FLAGS.put("checkout-v2", "on", { metadata: { by: "admin" } });
    const announced = await env.STOREFRONT.fetch("http://storefront/announce", {
      method: "POST",
      headers: { "x-flag-checkout-v2": "on" },
    });
    return new Response(await announced.text(), { status: announced.status });
  },
};
