export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/api/style") {
      const css = await env.ASSETS.fetch(new URL("/style.css", request.url));
      return new Response(`api read ${css.status} ${await css.text()}`);
    }
    if (url.pathname === "/api/app") {
      const app = await env.ASSETS.fetch(new URL("/app", request.url)); // 307 followed
      return new Response(`api read ${app.status} ${await app.text()}`);
    }
    return new Response(`worker ${url.pathname}`);
  },
};
