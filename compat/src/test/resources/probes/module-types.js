// Module types as wrangler ships them: CommonJS (an npm-style package and esbuild-style interop),
// Text, Data and JSON modules beside this entry (probes/modules/*, ModuleTypesCompatTest).
import isOdd from "./modules/is-odd.cjs";
import * as namedNs from "./modules/named.cjs";
import namedDefault from "./modules/named.cjs";
import flagged from "./modules/flagged.cjs";
import * as flaggedNs from "./modules/flagged.cjs";
import scope from "./modules/scope.cjs";
import cycle from "./modules/cycle-a.cjs";
import viaRequire from "./modules/requires-others.cjs";
import page from "./modules/page.html";
import notes from "./modules/notes.txt";
import query from "./modules/query.sql";
import blob from "./modules/blob.bin";
import data from "./modules/data.json";
import * as dataNs from "./modules/data.json";

const describe = (value) => {
  if (value instanceof ArrayBuffer) return { ArrayBuffer: Array.from(new Uint8Array(value)) };
  if (typeof value === "function") return `function ${value.name}`;
  return value;
};

const probes = {
  isOdd: () => [isOdd(1), isOdd(2), isOdd("3"), typeof isOdd, isOdd.name],
  isOddError: () => {
    try {
      return isOdd(1.5);
    } catch (e) {
      return [e.name, e.message];
    }
  },
  named: () => ({
    keys: Object.keys(namedNs).sort(),
    defaultKeys: Object.keys(namedDefault).sort(),
    sameObject: namedNs.default === namedDefault,
    greet: namedDefault.greet("w9y"),
    count: [namedDefault.next(), namedDefault.next()],
  }),
  flagged: () => ({
    defaultType: typeof flagged,
    defaultValue: typeof flagged === "object" ? Object.keys(flagged).sort() : flagged,
    keys: Object.keys(flaggedNs).sort(),
  }),
  scope: () => scope,
  cycle: () => cycle,
  viaRequire: () => describe(viaRequire),
  text: () => [page, notes, query, typeof page],
  data: () => [blob instanceof ArrayBuffer, blob.byteLength, Array.from(new Uint8Array(blob))],
  json: () => ({ data, keys: Object.keys(dataNs).sort() }),
};

export default {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    try {
      return Response.json(probes[name]());
    } catch (e) {
      return new Response(`${e.name}: ${e.message}`, { status: 500 });
    }
  },
};
