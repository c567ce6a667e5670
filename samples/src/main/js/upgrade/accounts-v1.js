// The accounts service as version 1 of its contract (accounts-v1.openapi.yaml) describes it.
const balances = new Map();

export default {
  async fetch(request) {
    const id = new URL(request.url).pathname.split("/")[2];
    const { amount, currency } = await request.json();
    return deposit(id, amount, currency);
  },
};

export function deposit(id, cents, currency) {
  if (!Number.isInteger(cents) || cents < 1) {
    return Response.json({ error: "amount must be a positive number of cents" }, { status: 422 });
  }
  const balance = (balances.get(id) ?? 0) + cents;
  balances.set(id, balance);
  return Response.json({ account: id, balance, currency }, { status: 201 });
}
