// Billing, written against version 1 of the accounts service's contract: a charge deposits its
// amount (in cents) into the customer's account and answers with the new balance.
export default {
  async fetch(request) {
    const { account, cents } = await request.json();
    const answer = await fetch(`http://accounts/accounts/${account}/deposits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: cents, currency: "EUR" }),
    });
    return new Response(await answer.text(), { status: answer.status });
  },
};
