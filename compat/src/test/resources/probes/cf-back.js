// The Worker behind env.BACK in cf.js: answers the cf its request arrived with.
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/frozen") {
      return Response.json([Object.isFrozen(request.cf), Object.isFrozen(request.cf.nested)]);
    }
    return new Response(request.cf === undefined ? "undefined" : JSON.stringify(request.cf));
  },
};
