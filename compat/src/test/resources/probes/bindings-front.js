// Probe: what a Worker sees when it calls another over a service binding (env.BACK).
export default {
  async fetch(request, env) {
    const op = new URL(request.url).pathname.slice(1);
    if (op === "uncaught") return env.BACK.fetch("http://back/throw");
    try {
      const response = await env.BACK.fetch("http://back/" + op);
      return Response.json({
        resolved: true,
        status: response.status,
        statusText: response.statusText,
        location: response.headers.get("location"),
        redirected: response.redirected,
        body: await response.text(),
      });
    } catch (error) {
      return Response.json({ rejected: true, name: error.name, message: error.message, remote: error.remote ?? null });
    }
  },
};
