// The warehouse, speaking warehouse.openapi.yaml: every request is checked before it is acted on,
// and a bad one is answered with the 4xx the contract declares for it.
const stock = new Map();
let next = 1;

const SKU = /^[a-z]{3,8}$/;
const PRIORITIES = ["normal", "express"];

function problem(status, error) {
  return Response.json({ error }, { status });
}

function available(sku) {
  return stock.has(sku) ? stock.get(sku) : 8;
}

// What is wrong with a reservation's body, or null.
function invalid(order, client) {
  if (!client || client.length < 2 || client.length > 16) return "x-client must be 2 to 16 characters";
  if (order === null || typeof order !== "object" || Array.isArray(order)) return "the body must be an object";
  if (typeof order.sku !== "string" || !SKU.test(order.sku)) return "sku must be 3 to 8 letters";
  if (!Number.isInteger(order.quantity) || order.quantity < 1 || order.quantity > 10) {
    return "quantity must be a whole number from 1 to 10";
  }
  if (order.priority !== undefined && !PRIORITIES.includes(order.priority)) return "unknown priority";
  return null;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const item = url.pathname.match(/^\/stock\/([^/]+)$/);
    if (request.method === "GET" && item) {
      const sku = decodeURIComponent(item[1]);
      if (!SKU.test(sku)) return problem(404, "no such sku");
      return Response.json({ sku, available: available(sku) });
    }
    if (request.method === "POST" && url.pathname === "/reservations") {
      let order;
      try {
        order = await request.json();
      } catch (e) {
        return problem(400, "the body is not JSON");
      }
      const why = invalid(order, request.headers.get("x-client"));
      if (why) return problem(422, why);
      const left = available(order.sku);
      if (order.quantity > left) return problem(409, "only " + left + " left");
      stock.set(order.sku, left - order.quantity);
      return Response.json(
        { reservation: "r" + next++, sku: order.sku, quantity: order.quantity },
        { status: 201 },
      );
    }
    return problem(404, "no such route");
  },
};
