// The public storefront: a checkout reserves stock at the inventory service, retrying once when
// the inventory answers with a retryable error (the 503 its contract declares).
// PLANTED MISMATCH: the retry was written against version 1 of the inventory API, whose field
// was "qty"; version 2 renamed it "quantity". It only runs when a 503 comes back.
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
      answer = await fetch("http://inventory/reservations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sku, qty: quantity }),
      });
    }
    return new Response(await answer.text(), { status: answer.status });
  },
};
