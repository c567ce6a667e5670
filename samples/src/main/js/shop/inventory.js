// Reserves stock. Speaks the contract in inventory.openapi.yaml.
let stock = 100;
let next = 1;

export default {
  async fetch(request) {
    const { sku, quantity } = await request.json();
    if (quantity > stock) {
      return Response.json({ error: "out of stock", retryable: false }, { status: 409 });
    }
    stock -= quantity;
    return Response.json({ reservation: "r" + next++, sku, quantity }, { status: 201 });
  },
};
