export default {
  async fetch(request, env) {
    const answer = await env.GATEWAY.fetch("http://gateway/hello");
    return new Response("probe saw: " + (await answer.text()));
  },
};
