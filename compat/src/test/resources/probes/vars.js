// Variables (wrangler's vars): text and JSON bindings, as env and as process.env (nodejs_compat).
export default {
  async fetch(request, env) {
    const seen = {};
    for (const key of Object.keys(env)) seen[key] = { type: typeof env[key], value: env[key] };
    const nodeEnv = {};
    if (typeof process !== "undefined") {
      for (const key of Object.keys(process.env)) nodeEnv[key] = { type: typeof process.env[key], value: process.env[key] };
    }
    // env's JSON values are fresh objects: a Worker may change them.
    let mutable = "n/a";
    if (env.LIST) { env.LIST.push(4); mutable = env.LIST.length; }
    return Response.json({ keys: Object.keys(env), seen, nodeEnv, mutable, isArray: Array.isArray(env.LIST) });
  },
};
