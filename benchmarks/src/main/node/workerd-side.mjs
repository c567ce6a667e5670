// The workerd side of WorkerdSideBySide (benchmarks/src/main/java/.../WorkerdSideBySide.java):
// runs the same Worker scripts in workerd through Miniflare (compat/node_modules, offline).
//
//   node workerd-side.mjs <compat-dir>          reads commands as JSON lines on stdin:
//     {"op": "inWorker", "calls": 10000}          one request whose Worker makes N DO calls
//     {"op": "external", "requests": 2000}        N requests from outside, each Worker -> DO
//     {"op": "worlds", "worlds": 5, "requests": 100}   fresh three-service Miniflare worlds
//   and answers one JSON line each ({"done": ..., "checksum": ...}) once the work is over, so the
//   caller can read the CPU time of this process and its workerd children around each command.
//   node workerd-side.mjs <compat-dir> cold    starts a counter world, answers one request,
//     prints {"first": "<body>"} and waits for stdin to close (cold start: process start to answer)
// Scripts come in as JSON on the first stdin line: {"counter": "...", "gateway": "...", ...}.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";
import path from "node:path";

const compat = path.resolve(process.argv[2]);
const require = createRequire(path.join(compat, "package.json"));
const { Miniflare } = await import(pathToFileURL(require.resolve("miniflare")).href);
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
const scripts = JSON.parse((await lines.next()).value);
const quiet = { durableObjectsPersist: false, cachePersist: false, verbose: false };

function counterWorld() {
  return new Miniflare({
    ...quiet,
    workers: [{ name: "api", modules: true, script: scripts.counter, compatibilityDate: "2026-04-01",
      durableObjects: { COUNTER: "Counter" } }],
  });
}

function threeServices() {
  const c = "2026-04-01";
  return new Miniflare({
    ...quiet,
    workers: [
      { name: "gateway", modules: true, script: scripts.gateway, compatibilityDate: c,
        serviceBindings: { USERS: "users", ORDERS: "orders" } },
      { name: "users", modules: true, script: scripts.users, compatibilityDate: c },
      { name: "orders", modules: true, script: scripts.orders, compatibilityDate: c },
    ],
  });
}

const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");

if (process.argv[3] === "cold") {
  const mf = counterWorld();
  const response = await mf.dispatchFetch("http://api/?c=a&n=1");
  say({ first: await response.text() });
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
  }
  await mf.dispose();
  process.exit(0);
}

let counter = counterWorld();
await counter.ready;
say({ ready: true });
let round = 0;
for (;;) {
  const next = await lines.next();
  if (next.done) break;
  const command = JSON.parse(next.value);
  round++;
  let checksum = 0;
  if (command.op === "inWorker") {
    const response = await counter.dispatchFetch(`http://api/?c=in${round}&n=${command.calls}`);
    checksum = Number(await response.text());
  } else if (command.op === "external") {
    for (let i = 0; i < command.requests; i++) {
      const response = await counter.dispatchFetch(`http://api/?c=x${round}-${i % 10}&n=1`);
      checksum += Number(await response.text());
    }
  } else if (command.op === "worlds") {
    for (let w = 0; w < command.worlds; w++) {
      const mf = threeServices();
      for (let i = 0; i < command.requests; i++) {
        const response = await mf.dispatchFetch("http://gateway/");
        checksum += (await response.json()).orders.length;
      }
      await mf.dispose();
    }
  }
  say({ done: command.op, checksum });
}
await counter.dispose();
