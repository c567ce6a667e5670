// The Worker behind env.BACK in bindings-front.js.
class MyError extends Error {
  constructor(message) { super(message); this.name = "MyError"; }
}

export default {
  async fetch(request) {
    const op = new URL(request.url).pathname.slice(1);
    if (op === "throw") throw new RangeError("back threw");
    if (op === "throwCustom") throw new MyError("custom");
    if (op === "rejectLater") { await null; throw new TypeError("later"); }
    if (op === "string") return "not a response";
    if (op === "redirect") return Response.redirect("http://back/target", 302);
    if (op === "statusText") return new Response("made", { status: 201, statusText: "Made" });
    return new Response(JSON.stringify({ op, redirect: request.redirect, cf: typeof request.cf, method: request.method }));
  },
};
