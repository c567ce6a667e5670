// Probe: the Durable Object storage API. Each request names an object (?name=) and an operation;
// the object answers with a JSON description of what it observed, errors included.
export class Store {
  constructor(state) { this.storage = state.storage; }

  async fetch(request) {
    const op = new URL(request.url).pathname.slice(1);
    try {
      return Response.json({ op, result: await this[op]() });
    } catch (error) {
      return Response.json({ op, threw: { name: error.name, message: error.message } });
    }
  }

  static describe(value) {
    if (value instanceof Map) return { map: [...value].map(([k, v]) => [k, Store.describe(v)]) };
    if (value instanceof Date) return { date: value.getTime() };
    if (value instanceof Uint8Array) return { bytes: [...value] };
    if (value === undefined) return { undefined: true };
    return value;
  }

  async fill() {
    await this.storage.put({ b: 2, a: 1, "a/1": "x", "a/2": "y", "a/10": "z", c: 3, "": "empty", "é": "e-acute", "Z": "upper", "aa": 11 });
    return Store.describe(await this.storage.list());
  }
  async listAll() { return Store.describe(await this.storage.list()); }
  async listPrefix() { return Store.describe(await this.storage.list({ prefix: "a/" })); }
  async listStart() { return Store.describe(await this.storage.list({ start: "a/1" })); }
  async listEnd() { return Store.describe(await this.storage.list({ end: "b" })); }
  async listStartEnd() { return Store.describe(await this.storage.list({ start: "a", end: "b" })); }
  async listStartAfter() { return Store.describe(await this.storage.list({ startAfter: "a/1" })); }
  async listStartAfterEnd() { return Store.describe(await this.storage.list({ startAfter: "a", end: "aa" })); }
  async listLimit() { return Store.describe(await this.storage.list({ limit: 3 })); }
  async listReverse() { return Store.describe(await this.storage.list({ reverse: true })); }
  async listReverseLimit() { return Store.describe(await this.storage.list({ reverse: true, limit: 2 })); }
  async listReversePrefixLimit() { return Store.describe(await this.storage.list({ reverse: true, prefix: "a", limit: 3 })); }
  async listPrefixStart() { return Store.describe(await this.storage.list({ prefix: "a/", start: "a/10" })); }
  async listEmptyRange() { return Store.describe(await this.storage.list({ start: "c", end: "a" })); }
  async listLimitZero() { return Store.describe(await this.storage.list({ limit: 0 })); }
  async listLimitNegative() { return Store.describe(await this.storage.list({ limit: -1 })); }
  async listStartAndStartAfter() { return Store.describe(await this.storage.list({ start: "a", startAfter: "b" })); }
  async getOne() { return Store.describe(await this.storage.get("a")); }
  async getMissing() { return Store.describe(await this.storage.get("nope")); }
  async getMany() { return Store.describe(await this.storage.get(["c", "a", "nope", "b"])); }
  async getEmptyArray() { return Store.describe(await this.storage.get([])); }
  async putNumberKey() { await this.storage.put(1, "one"); return Store.describe(await this.storage.get("1")); }
  async getNumberKey() { return Store.describe(await this.storage.get(1)); }
  async getManyNumberKeys() { return Store.describe(await this.storage.get([1, "a"])); }
  async deleteNumberKey() { return await this.storage.delete(1); }
  async putUndefinedKey() { await this.storage.put(undefined, "u"); return Store.describe(await this.storage.get("undefined")); }
  async putNullKey() { await this.storage.put(null, "n"); return Store.describe(await this.storage.get("null")); }
  async putBooleanKey() { await this.storage.put(true, "t"); return Store.describe(await this.storage.get("true")); }
  async putObjectKeyToString() { await this.storage.put({ toString() { return "k" } }, "v"); return Store.describe(await this.storage.list({ prefix: "k" })); }
  async putUndefinedValue() { await this.storage.put("u", undefined); return Store.describe(await this.storage.get("u")); }
  async putNoValue() { await this.storage.put("nv"); return Store.describe(await this.storage.get("nv")); }
  async putNullValue() { await this.storage.put("nullv", null); return Store.describe(await this.storage.get("nullv")); }
  async putFunctionValue() { await this.storage.put("f", () => 1); return "stored"; }
  async putSymbolValue() { await this.storage.put("s", Symbol("x")); return "stored"; }
  async putRichValues() {
    await this.storage.put({ date: new Date(86400000), bytes: new Uint8Array([1, 2, 3]), nested: { a: [1, { b: null }] }, map: new Map([["k", 1]]) });
    return Store.describe(await this.storage.get(["bytes", "date", "map", "nested"]));
  }
  async putEntriesNumbersAsKeys() { await this.storage.put({ 10: "ten", 9: "nine" }); return Store.describe(await this.storage.list({ start: "1", end: "99" })); }
  async putLongKey() { await this.storage.put("k".repeat(2049), 1); return "stored"; }
  async putMaxKey() { await this.storage.put("k".repeat(2048), 1); return "stored"; }
  async putBigValue() { await this.storage.put("big", "x".repeat(131072 + 100)); return "stored"; }
  async putTooManyKeys() { const e = {}; for (let i = 0; i < 129; i++) e["m" + i] = i; await this.storage.put(e); return "stored"; }
  async put128Keys() { const e = {}; for (let i = 0; i < 128; i++) e["m" + String(i).padStart(3, "0")] = i; await this.storage.put(e); return (await this.storage.list({ prefix: "m" })).size; }
  async getTooManyKeys() { const keys = []; for (let i = 0; i < 129; i++) keys.push("m" + i); return Store.describe(await this.storage.get(keys)); }
  async deleteOne() { return await this.storage.delete("a"); }
  async deleteMissing() { return await this.storage.delete("nope"); }
  async deleteMany() { return await this.storage.delete(["b", "c", "nope", "b"]); }
  async deleteAllThenList() { await this.storage.deleteAll(); return Store.describe(await this.storage.list()); }
  async putNonStringEntriesKeyTypes() { await this.storage.put([1, 2]); return Store.describe(await this.storage.list()); }
  async transactionCommit() {
    const seen = await this.storage.transaction(async (txn) => { await txn.put("t1", 1); return await txn.get("t1"); });
    return { seen, after: Store.describe(await this.storage.get("t1")) };
  }
  async transactionRollback() {
    const out = await this.storage.transaction(async (txn) => { await txn.put("t2", 2); txn.rollback(); return "rolled"; });
    return { out, after: Store.describe(await this.storage.get("t2")) };
  }
  async transactionThrows() {
    try { await this.storage.transaction(async (txn) => { await txn.put("t3", 3); throw new Error("nope"); }); }
    catch (e) { return { threw: e.message, after: Store.describe(await this.storage.get("t3")) }; }
    return "no throw";
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const name = url.searchParams.get("name") ?? "default";
    return env.STORE.get(env.STORE.idFromName(name)).fetch(request);
  },
};
