// The test harness of the box-office topology, itself a Worker: POST /run starts the buyers (each
// at a random moment within 200 ms, from the seeded Math.random), and GET /check is the verdict
// once the run is over: 200, or 409 naming a seat given twice (or past the capacity).
// Its state lives in the instance; the topology spares it from faults, so it is never lost.
const given = []; // the seats the box office gave, in the order it answered
let answered = 0;

async function buy(env, buyer) {
  try {
    const response = await env.BOX_OFFICE.fetch(
      `http://box-office/events/show-1/buy?buyer=b${buyer}`,
      { method: "POST" },
    );
    if (response.status === 200) {
      given.push((await response.json()).seat);
    }
  } catch (error) {
    console.log(`buyer b${buyer}: ${error}`); // a fault on the way: no seat, no verdict
  } finally {
    answered++;
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/run") {
      const buyers = Number(env.BUYERS);
      for (let buyer = 0; buyer < buyers; buyer++) {
        const delay = Math.floor(Math.random() * 200);
        ctx.waitUntil(
          new Promise((resolve) => setTimeout(() => buy(env, buyer).then(resolve), delay)),
        );
      }
      return new Response(`${buyers} buyers started`);
    }
    if (request.method === "GET" && url.pathname === "/check") {
      const capacity = Number(env.CAPACITY);
      const seen = new Set();
      for (const seat of given) {
        if (seen.has(seat)) {
          return new Response(`seat ${seat} was given twice (seats given: ${given.join(", ")})`, {
            status: 409,
          });
        }
        if (seat > capacity) {
          return new Response(`seat ${seat} is past the capacity of ${capacity}`, { status: 409 });
        }
        seen.add(seat);
      }
      return new Response(`${given.length} seats given to ${answered} buyers, none twice`);
    }
    return new Response("not found", { status: 404 });
  },
};
