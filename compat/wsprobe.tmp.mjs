import { Miniflare } from "miniflare";
const script = `
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const out = {};
    const t = (name, fn) => { try { out[name] = fn(); } catch (e) { out[name] = e.name + ": " + e.message; } };
    if (url.pathname === "/errors") {
      const pair = new WebSocketPair();
      const [c, s] = Object.values(pair);
      out.keys = Object.keys(pair);
      out.isArray = Array.isArray(pair);
      out.ready = [c.readyState, s.readyState];
      out.url = [s.url, s.protocol, s.extensions, s.binaryType];
      t("sendBeforeAccept", () => s.send("x"));
      t("closeBeforeAccept", () => s.close());
      t("accept1", () => s.accept());
      t("accept2", () => s.accept());
      t("badCode", () => s.close(1006));
      t("close", () => s.close(1000, "r"));
      out.afterClose = s.readyState;
      t("sendAfterClose", () => s.send("y"));
      t("close2", () => s.close(1000));
      t("status101NoWs", () => new Response(null, { status: 101 }).status);
      t("ws200", () => new Response(null, { status: 200, webSocket: c }).status);
      const [c2, s2] = Object.values(new WebSocketPair());
      t("newWebSocket", () => new WebSocket("ws://x"));
      t("ctor", () => new WebSocket());
      const r = new Response(null, { status: 101, webSocket: c2 });
      t("acceptAfterResponse", () => c2.accept());
      t("ctorEvent", () => { const e = new MessageEvent("message", { data: "d" }); return [e.type, e.data]; });
      t("closeEvent", () => { const e = new CloseEvent("close", { code: 1000 }); return [e.code, e.reason, e.wasClean]; });
      t("closeEventDefault", () => { const e = new CloseEvent("close"); return [e.code, e.reason, e.wasClean]; });
      t("respTwice", () => new Response(null, { status: 101, webSocket: c2 }).status);
      return Response.json(out);
    }
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (e) => {
      if (e.data === "close") server.close(4000, "asked");
      else server.send(JSON.stringify({ got: typeof e.data === "string" ? e.data : Object.prototype.toString.call(e.data), rs: server.readyState }));
    });
    server.addEventListener("close", (e) => { console.log("server close", e.code, e.reason, e.wasClean, server.readyState); });
    return new Response(null, { status: 101, webSocket: client });
  },
};`;
const mf = new Miniflare({ modules: true, script, compatibilityDate: "2026-04-26" });
const r = await mf.dispatchFetch("http://x/errors");
console.log(await r.text());
const res = await mf.dispatchFetch("http://x/", { headers: { Upgrade: "websocket" } });
const ws = res.webSocket;
console.log("status", res.status, [...res.headers]);
ws.accept();
const got = [];
ws.addEventListener("message", (e) => got.push(e.data));
const closed = new Promise((resolve) => ws.addEventListener("close", (e) => resolve([e.code, e.reason, e.wasClean, ws.readyState])));
ws.send("a"); ws.send(new Uint8Array([1,2]));
await new Promise((r) => setTimeout(r, 200));
ws.send("close");
console.log("client close", await closed, got);
await new Promise((r) => setTimeout(r, 200));
await mf.dispose();
