// Prices n items through the external rates host. Seeded draws (Math.random is the simulation's)
// make it sometimes send an ill-typed precision to the host or answer an ill-typed total.
export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n"));
    const precision = Math.random() < 0.25 ? "high" : "2";
    let rate;
    try {
      const answer = await fetch(`https://rates.example/v1/rates/EUR?precision=${precision}`);
      rate = await answer.json();
    } catch (error) {
      return Response.json({ error: String(error) }, { status: 502 });
    }
    const total = n * (rate.value ?? 1);
    const body = Math.random() < 0.2 ? { total: String(total) } : { total, currency: "EUR" };
    return Response.json(body);
  },
};
