// Orders from the external orders API by URL; ?qty= is written into the body as given, so a
// quoted quantity ("2") breaks the external host's contract.
export default {
  async fetch(request) {
    const qty = new URL(request.url).searchParams.get("qty") ?? "2";
    const answer = await fetch("https://api.orders.example/orders", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "shop-1" },
      body: `{"item":"tea","qty":${qty}}`,
    });
    return new Response(`orders said ${answer.status}: ${await answer.text()}`);
  },
};
