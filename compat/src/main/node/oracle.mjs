// The workerd side of W9Y's differential tests: runs Workers in workerd through Miniflare.
//
// Reads one JSON probe per line on stdin and writes one JSON line per probe on stdout:
//   in:  {"id": 1, "script": "<ES module source>", "durableObjects": {"BINDING": "ClassName"},
//         "sqliteClasses": ["ClassName"] (SQLite-backed classes, wrangler's new_sqlite_classes),
//         "services": [{"binding": "BACK", "name": "back", "script": "...", "entrypoint": "Admin"?}],
//         "modules": [{"path": "lib/x.cjs", "type": "CommonJS", "base64": "..."}] (more modules
//         beside the script, which is then the ES module "index.js"),
//         "d1Databases": {"DB": "<database id>"} (D1 databases, Miniflare's d1Databases),
//         "kvNamespaces": {"KV": "<namespace id>"}, "r2Buckets": {"R2": "<bucket>"},
//         "queueProducers": {"Q": "<queue>"},
//         "queueConsumers": {"<queue>": {maxBatchSize, maxBatchTimeout, maxRetries,
//         deadLetterQueue, retryDelay}}, "workflows": {"WF": {name, className}} (Miniflare's options),
//         "compatibilityDate": "2026-04-01", "steps": [{"method", "url", "headers", "body"} | {"sleepMs": 100}]}
//         (a step with "pollMs" and "tries" is sent again every pollMs while answered 202, at most
//         tries times: the probe's "not yet" for what happens on wall time, e.g. queue batches)
//   out: {"id": 1, "responses": [{"status", "statusText", "headers": {...}, "body"} | {"error": "..."}]}
//        or {"id": 1, "error": "<why the probe could not run>"}
// Steps run in order, one after another, each awaited before the next. One Miniflare (one workerd
// process) is kept per distinct Worker, so probes of one Worker share it: probes must not interfere
// (each test uses its own object names). A "ready" line is printed once the script has loaded.
import { Miniflare } from "miniflare";
import { createInterface } from "node:readline";

const instances = new Map(); // key: JSON of the worker's options -> Promise<Miniflare>

function durableObjectsOf(probe) {
  const sqlite = new Set(probe.sqliteClasses ?? []);
  const objects = {};
  for (const [binding, className] of Object.entries(probe.durableObjects ?? {})) {
    objects[binding] = sqlite.has(className) ? { className, useSQLite: true } : className;
  }
  return objects;
}

// The Worker's code: one ES module, or with "modules" the entry "index.js" and those modules,
// named by their paths (Miniflare's modules: [{type, path, contents}] under a modulesRoot).
function modulesOf(probe) {
  if ((probe.modules ?? []).length === 0) return { modules: true, script: probe.script };
  const root = "/probe";
  const modules = [{ type: "ESModule", path: `${root}/index.js`, contents: probe.script }];
  for (const m of probe.modules) {
    const bytes = Buffer.from(m.base64, "base64");
    if (m.type === "Json") {
      modules.push({ type: "ESModule", path: `${root}/${m.path}`, contents: jsonAsEsbuildBundlesIt(bytes.toString("utf8")) });
      continue;
    }
    const contents = m.type === "Data" || m.type === "CompiledWasm" ? new Uint8Array(bytes) : bytes.toString("utf8");
    modules.push({ type: m.type, path: `${root}/${m.path}`, contents });
  }
  return { modulesRoot: root, modules };
}

// workerd has a JSON module type but Miniflare cannot declare one: wrangler never ships JSON
// modules, its bundler (esbuild) inlines them as the parsed value, default export, with each
// top-level key that is an identifier as a named export too. This is that form.
function jsonAsEsbuildBundlesIt(text) {
  const value = JSON.parse(text);
  let out = `const json = ${JSON.stringify(value)};\nexport default json;\n`;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (/^[A-Za-z_$][\w$]*$/.test(key) && key !== "default") out += `export const ${key} = json[${JSON.stringify(key)}];\n`;
    }
  }
  return out;
}

function miniflareFor(probe) {
  const compatibilityDate = probe.compatibilityDate ?? "2026-04-01";
  const main = {
    name: "api",
    ...modulesOf(probe),
    compatibilityDate,
    compatibilityFlags: probe.compatibilityFlags ?? [],
    durableObjects: durableObjectsOf(probe),
    bindings: probe.vars ?? {},
    d1Databases: probe.d1Databases ?? {},
    kvNamespaces: probe.kvNamespaces ?? {},
    r2Buckets: probe.r2Buckets ?? {},
    queueProducers: probe.queueProducers ?? {},
    queueConsumers: probe.queueConsumers ?? {},
    workflows: probe.workflows ?? {},
    serviceBindings: {},
  };
  // Static assets in front of the Worker: {"directory", "binding", "notFoundHandling",
  // "htmlHandling", "runWorkerFirst": true | ["/api/*", "!/api/docs/*"], "assetsOnly"}, as wrangler
  // configures them.
  if (probe.assets) {
    const a = probe.assets;
    // "assetsOnly": an assets-only Worker (wrangler's assets without main): the router sends
    // every request to the assets and the script is never run.
    const routerConfig = { has_user_worker: !a.assetsOnly };
    if (a.runWorkerFirst === true) routerConfig.invoke_user_worker_ahead_of_assets = true;
    if (Array.isArray(a.runWorkerFirst)) {
      routerConfig.static_routing = {
        user_worker: a.runWorkerFirst.filter((r) => !r.startsWith("!")),
        asset_worker: a.runWorkerFirst.filter((r) => r.startsWith("!")).map((r) => r.slice(1)),
      };
    }
    const assetConfig = { compatibility_date: compatibilityDate };
    if (a.notFoundHandling) assetConfig.not_found_handling = a.notFoundHandling;
    if (a.htmlHandling) assetConfig.html_handling = a.htmlHandling;
    main.assets = { directory: a.directory, routerConfig, assetConfig };
    if (a.binding) main.assets.binding = a.binding;
  }
  // More Workers, each bound to the first under a name: {"binding", "name", "script",
  // "entrypoint" (optional: a named export the binding reaches)}; several bindings may name one.
  const others = [];
  for (const service of probe.services ?? []) {
    main.serviceBindings[service.binding] = service.entrypoint
      ? { name: service.name, entrypoint: service.entrypoint }
      : service.name;
    if (others.some((other) => other.name === service.name)) continue;
    others.push({ name: service.name, modules: true, script: service.script, compatibilityDate });
  }
  const options = {
    workers: [main, ...others],
    // Nothing persists between test runs, nothing is written to disk by the oracle.
    durableObjectsPersist: false,
    d1Persist: false,
    kvPersist: false,
    workflowsPersist: false,
    cachePersist: false,
    verbose: false,
  };
  const key = JSON.stringify(options);
  let instance = instances.get(key);
  if (instance === undefined) {
    const mf = new Miniflare(options);
    instance = mf.ready.then(() => mf);
    instances.set(key, instance);
  }
  return instance;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(probe) {
  const mf = await miniflareFor(probe);
  const responses = [];
  for (const step of probe.steps) {
    if (step.sleepMs !== undefined) {
      await sleep(step.sleepMs);
      continue;
    }
    try {
      // W9Y's workload header w9y-cf (fields of request.cf over the placeholders) is Miniflare's
      // dispatchFetch option cf.
      const sent = { ...(step.headers ?? {}) };
      const cf = sent["w9y-cf"] === undefined ? undefined : JSON.parse(sent["w9y-cf"]);
      delete sent["w9y-cf"];
      let response;
      for (let tries = step.tries ?? 1; ; tries--) {
        response = await mf.dispatchFetch(step.url, {
          method: step.method ?? "GET",
          headers: sent,
          body: step.body ?? undefined,
          redirect: "manual",
          cf,
        });
        if (response.status !== 202 || tries <= 1) break;
        await response.arrayBuffer();
        await sleep(step.pollMs);
      }
      const headers = {};
      for (const [name, value] of response.headers) headers[name] = value;
      responses.push({
        status: response.status,
        statusText: response.statusText,
        headers,
        body: await response.text(),
      });
    } catch (error) {
      responses.push({ error: String(error && error.message ? error.message : error) });
    }
  }
  return responses;
}

async function main() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  process.stdout.write(JSON.stringify({ ready: true, miniflare: "4.20260426.0" }) + "\n");
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let probe;
    try {
      probe = JSON.parse(line);
    } catch (error) {
      process.stdout.write(JSON.stringify({ id: null, error: `not JSON: ${error.message}` }) + "\n");
      continue;
    }
    let answer;
    try {
      answer = { id: probe.id, responses: await run(probe) };
    } catch (error) {
      answer = { id: probe.id, error: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
  for (const instance of instances.values()) {
    try {
      await (await instance).dispose();
    } catch {
      // a Worker that failed to start has nothing to dispose
    }
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
