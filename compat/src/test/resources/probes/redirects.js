// Probe: redirect modes of incoming requests and of requests forwarded to a Durable Object.
export class Redirector {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/redirect") return Response.redirect("http://api/target", 302);
    if (url.pathname === "/target") return Response.json({ at: "target", redirect: request.redirect });
    return Response.json({ at: url.pathname, redirect: request.redirect });
  }
}

async function summary(response) {
  return { status: response.status, location: response.headers.get("location"), redirected: response.redirected, body: await response.text() };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const stub = env.REDIRECTOR.get(env.REDIRECTOR.idFromName("r"));
    const op = url.pathname.slice(1);
    if (op === "incoming") return Response.json({ redirect: request.redirect });
    if (op === "forwardIncoming") {
      return Response.json(await summary(await stub.fetch(new Request("http://do/redirect", request))));
    }
    if (op === "forwardSame") return Response.json(await summary(await stub.fetch(request)));
    if (op === "seenByObject") return Response.json(await summary(await stub.fetch(request)));
    if (op === "newRequestManual") {
      return Response.json(await summary(await stub.fetch("http://do/redirect", { redirect: "manual" })));
    }
    if (op === "clonedRequest") return Response.json({ redirect: request.clone().redirect, copy: new Request(request).redirect });
    if (op === "redirect") return Response.redirect("http://api/target", 301);
    return new Response("unknown", { status: 404 });
  },
};
