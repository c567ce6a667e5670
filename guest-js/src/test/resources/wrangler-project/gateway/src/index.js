export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/hello") {
      const user = await env.USERS.fetch("http://users/name?id=7");
      return new Response(`${env.GREETING}, ${await user.text()}`);
    }
    if (url.pathname === "/count") {
      return env.COUNTER.get(env.COUNTER.idFromName("cron")).fetch("http://counter/value");
    }
    return new Response("not found", { status: 404 });
  },
  async scheduled(event, env) {
    const stub = env.COUNTER.get(env.COUNTER.idFromName("cron"));
    await stub.fetch("http://counter/increment", { method: "POST" });
  },
};
