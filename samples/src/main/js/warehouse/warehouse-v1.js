// The warehouse's first version: it trusts what it is sent. A quantity that is not a positive whole
// number makes reserve() throw, and the catch-all answers 500 where the contract declares 422.
const stock = new Map();
let next = 1;

function available(sku) {
  return stock.has(sku) ? stock.get(sku) : 8;
}

function reserve(sku, quantity) {
  if (!(quantity > 0) || quantity % 1 !== 0) throw new RangeError("cannot reserve " + quantity);
  const left = available(sku);
  if (quantity > left) return null;
  stock.set(sku, left - quantity);
  return { reservation: "r" + next++, sku, quantity };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      const item = url.pathname.match(/^\/stock\/([^/]+)$/);
      if (request.method === "GET" && item) {
        const sku = decodeURIComponent(item[1]);
        if (!/^[a-z]{3,8}$/.test(sku)) return Response.json({ error: "no such sku" }, { status: 404 });
        return Response.json({ sku, available: available(sku) });
      }
      const order = await request.json();
      const reserved = reserve(order.sku, order.quantity);
      if (!reserved) return Response.json({ error: "out of stock" }, { status: 409 });
      return Response.json(reserved, { status: 201 });
    } catch (e) {
      return Response.json({ error: "internal error" }, { status: 500 });
    }
  },
};
