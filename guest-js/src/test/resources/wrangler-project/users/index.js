import names from "./lib/names.cjs";

export default {
  fetch(request, env) {
    const id = new URL(request.url).searchParams.get("id");
    return new Response(names.lookup(id) + env.SUFFIX);
  },
};
