// Probe: Request, Response and Headers as a Worker sees them, and the module-level globals.
export class Echo {
  async fetch(request) {
    return Response.json({
      method: request.method,
      url: request.url,
      probe: request.headers.get("x-probe"),
      cfType: typeof request.cf,
      body: await request.text(),
    });
  }
}

function headersProbe() {
  const h = new Headers([["X-One", "a"], ["x-one", "b"], ["Content-Type", "text/plain"]]);
  h.append("Set-Cookie", "a=1");
  h.append("Set-Cookie", "b=2");
  h.set("X-Spaces", "  padded value \t");
  return {
    entries: [...h],
    one: h.get("X-ONE"),
    cookies: h.getSetCookie(),
    has: h.has("x-spaces"),
    invalidName: (() => { try { new Headers([["bad name", "x"]]); return "accepted"; } catch (e) { return e.name; } })(),
  };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const op = url.pathname.slice(1);
    if (op === "incoming") {
      return Response.json({
        method: request.method,
        url: request.url,
        probe: request.headers.get("x-probe"),
        probeCase: request.headers.get("X-PROBE"),
        multi: request.headers.get("x-multi"),
        bodyUsed: request.bodyUsed,
        body: await request.text(),
        integrity: request.integrity,
        keepalive: request.keepalive,
        signalAborted: request.signal.aborted,
      });
    }
    if (op === "headers") return Response.json(headersProbe());
    if (op === "cf") {
      const echo = env.ECHO.get(env.ECHO.idFromName("cf"));
      const seen = await (await echo.fetch("http://do/new-request")).text();
      return Response.json({ incoming: typeof request.cf, newRequestInObject: JSON.parse(seen).cfType });
    }
    if (op === "toObject") {
      const seen = await (await env.ECHO.get(env.ECHO.idFromName("e")).fetch(request)).json();
      return Response.json(seen);
    }
    if (op === "responses") {
      const made = new Response("x", { status: 201, statusText: "Made It" });
      const json = Response.json({ a: 1 }, { status: 202 });
      const redirect = Response.redirect("http://api/x", 307);
      const empty = new Response(null, { status: 204 });
      return Response.json({
        made: [made.status, made.statusText, made.ok, made.headers.get("content-type")],
        json: [json.status, json.statusText, json.headers.get("content-type")],
        redirect: [redirect.status, redirect.headers.get("location")],
        empty: [empty.status, empty.body === null],
        error: (() => { try { new Response("x", { status: 99 }); return "accepted"; } catch (e) { return e.name; } })(),
        noBodyWith204: (() => { try { new Response("x", { status: 204 }); return "accepted"; } catch (e) { return e.name; } })(),
        defaultStatusText: new Response("x").statusText,
        statusText404: new Response("x", { status: 404 }).statusText,
      });
    }
    if (op === "methods") {
      const names = ["get", "post", "patch", "delete", "Custom", "options", "head", "put"];
      return Response.json(names.map((m) => {
        try { return new Request("http://x/", { method: m }).method; } catch (e) { return `${e.name}: ${e.message}`; }
      }));
    }
    if (op === "status") return new Response("teapot", { status: 418, statusText: "I'm a teapot" });
    if (op === "globals") {
      return Response.json({
        userAgent: navigator.userAgent,
        types: ["fetch", "Request", "Response", "Headers", "URL", "URLSearchParams", "TextEncoder", "TextDecoder",
          "atob", "btoa", "AbortController", "AbortSignal", "structuredClone", "crypto", "setTimeout",
          "queueMicrotask", "console", "performance", "caches", "scheduler", "navigator", "self",
          "addEventListener", "Blob", "FormData", "ReadableStream", "WritableStream", "TransformStream",
          "EventTarget", "Event", "DOMException", "process", "Buffer", "global", "require",
          "setImmediate", "Packages", "java", "javax", "javafx", "com", "org", "edu"].map((n) => [n, typeof globalThis[n]]),
        // GraalJS would define a global `arguments`; workerd has none (a function's own is not it).
        globalArguments: Object.getOwnPropertyNames(globalThis).includes("arguments"),
        dateNowIsInteger: Number.isInteger(Date.now()),
        uuidShape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
        url: new URL("HTTP://Example.COM:80/a/../b?x=1#f").href,
      });
    }
    if (op === "missingGlobals") {
      // Documented differences (docs/JS-GUESTS.md): not in W9Y yet, or removed for determinism.
      return Response.json([
        "SharedArrayBuffer", "Atomics", "WeakRef", "FinalizationRegistry"]
        .map((n) => [n, typeof globalThis[n]]));
    }
    return new Response("unknown", { status: 404 });
  },
};
