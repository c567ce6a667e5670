// The Worker behind env.BACK in node-compat.js.
export default { fetch: () => new Response("back") };
