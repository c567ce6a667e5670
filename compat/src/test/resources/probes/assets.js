// A Worker behind static assets (probes/assets/site): says what reached it, and reads the assets
// through env.ASSETS for /via?p=<path> (redirects followed, as Fetcher.fetch does by default) and
// /manual?p=<path> (redirect: "manual").
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/via" || url.pathname === "/manual") {
      const target = new URL(url.searchParams.get("p"), request.url);
      const init = url.pathname === "/manual" ? { redirect: "manual" } : {};
      const headers = {};
      const method = url.searchParams.get("m");
      if (method) init.method = method;
      const inm = url.searchParams.get("inm");
      if (inm) headers["if-none-match"] = inm;
      init.headers = headers;
      const response = await env.ASSETS.fetch(target, init);
      const etag = response.headers.get("etag");
      return Response.json({
        status: response.status,
        type: response.headers.get("content-type"),
        location: response.headers.get("location"),
        cacheControl: response.headers.get("cache-control"),
        etag: etag === null ? null : etag.replace(/[0-9a-f]{32}/, "<32 hex>"),
        body: await response.text(),
      });
    }
    if (url.pathname === "/etag-roundtrip") {
      const first = await env.ASSETS.fetch(new URL("/style.css", request.url));
      const second = await env.ASSETS.fetch(new URL("/style.css", request.url), {
        headers: { "if-none-match": first.headers.get("etag") },
      });
      const weak = await env.ASSETS.fetch(new URL("/style.css", request.url), {
        headers: { "if-none-match": "W/" + first.headers.get("etag") },
      });
      return Response.json({ first: first.status, second: second.status, secondBody: await second.text(),
        secondEtagSame: second.headers.get("etag") === first.headers.get("etag"), weak: weak.status });
    }
    return new Response(`worker ${request.method} ${url.pathname}${url.search}`);
  },
};
