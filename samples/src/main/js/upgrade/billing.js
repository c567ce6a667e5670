// Billing, written against version 1 of the accounts service's contract: a charge deposits its
// amount (in cents) into the customer's account and answers with the new balance, which it reads
// through the accounts service's declared contract (w9y.contract: a TypeError if it breaks it).
import * as w9y from "w9y";

export default {
  async fetch(request) {
    const { account, cents } = await request.json();
    const answer = await fetch(`http://accounts/accounts/${account}/deposits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: cents, currency: "EUR" }),
    });
    const body = await w9y.contract("accounts").parse(answer);
    return Response.json(body, { status: answer.status });
  },
};
