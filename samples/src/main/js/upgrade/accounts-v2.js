// The accounts service as version 2 of its contract (accounts-v2.openapi.yaml) describes it: the
// deposit's amount is now called amountCents.
import { deposit } from "./accounts-v1.js";

export default {
  async fetch(request) {
    const id = new URL(request.url).pathname.split("/")[2];
    const { amountCents, currency } = await request.json();
    return deposit(id, amountCents, currency);
  },
};
