// The public storefront: a checkout reserves stock at the inventory service, retrying once when
// the inventory answers with a retryable error (the 503 its contract declares).
async function reserve(sku, quantity) {
  return fetch("http://inventory/reservations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sku, quantity }),
  });
}

export default {
  async fetch(request) {
    const { sku, quantity } = await request.json();
    let answer = await reserve(sku, quantity);
    if (answer.status === 503 && (await answer.json()).retryable) {
      answer = await reserve(sku, quantity);
    }
    return new Response(await answer.text(), { status: answer.status });
  },
};
