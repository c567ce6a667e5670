// A SQLite-backed durable object (new_sqlite_classes): ctx.storage.sql, transactionSync and the
// key-value API on the same database. Each GET /<op>?name=<object> runs one operation and
// answers what it saw, or the error's text.
export class Sql {
  constructor(ctx) { this.ctx = ctx; this.sql = ctx.storage.sql; }
  async fetch(request) {
    const op = new URL(request.url).pathname.slice(1);
    const sql = this.sql;
    const storage = this.ctx.storage;
    const ops = {
      create: () => sql.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)").toArray(),
      insert: () => {
        const c = sql.exec("INSERT INTO t (name, score) VALUES (?, ?), (?, ?)", "a", 1, "b", 2.5);
        return { rows: c.toArray(), written: c.rowsWritten, columns: c.columnNames };
      },
      insertBlob: () => sql.exec("INSERT INTO t (name, data) VALUES ('blob', ?)", new Uint8Array([1, 2, 3])).rowsWritten,
      selectAll: () => sql.exec("SELECT id, name, score FROM t ORDER BY id").toArray(),
      selectRaw: () => {
        const c = sql.exec("SELECT id, name FROM t ORDER BY id");
        return { columns: c.columnNames, raw: c.raw().toArray() };
      },
      selectBlob: () => {
        const row = sql.exec("SELECT data, typeof(data) AS type FROM t WHERE name = 'blob'").one();
        return { isArrayBuffer: row.data instanceof ArrayBuffer, bytes: [...new Uint8Array(row.data)], type: row.type };
      },
      iterate: () => {
        const names = [];
        for (const row of sql.exec("SELECT name FROM t ORDER BY name DESC")) names.push(row.name);
        const c = sql.exec("SELECT count(*) AS n FROM t");
        return { names, next: c.next(), done: c.next() };
      },
      types: () => sql.exec("SELECT 1 AS i, 1.5 AS r, 'x' AS s, NULL AS n, 9007199254740993 AS big, 1 + 1 AS sum").one(),
      oneRow: () => sql.exec("SELECT name FROM t WHERE name = ?", "a").one(),
      oneNone: () => sql.exec("SELECT name FROM t WHERE name = 'zzz'").one(),
      oneMany: () => sql.exec("SELECT name FROM t").one(),
      duplicate: () => sql.exec("INSERT INTO t (name) VALUES ('a')").toArray(),
      syntax: () => sql.exec("SELEC * FROM t").toArray(),
      noTable: () => sql.exec("SELECT * FROM missing").toArray(),
      wrongBindings: () => sql.exec("SELECT ?, ?", 1).toArray(),
      begin: () => sql.exec("BEGIN TRANSACTION").toArray(),
      multi: () => sql.exec("INSERT INTO t (name) VALUES ('m1'); INSERT INTO t (name) VALUES ('m2'); SELECT count(*) AS n FROM t").toArray(),
      txnRollback: () => {
        try {
          storage.transactionSync(() => {
            sql.exec("INSERT INTO t (name) VALUES ('rolled')");
            throw new Error("undo");
          });
        } catch (e) {
          return { error: String(e), count: sql.exec("SELECT count(*) AS n FROM t WHERE name = 'rolled'").one().n };
        }
        return "no error";
      },
      txnCommit: () => storage.transactionSync(() => {
        sql.exec("INSERT INTO t (name) VALUES ('kept')");
        return sql.exec("SELECT count(*) AS n FROM t WHERE name = 'kept'").one().n;
      }),
      kvAsync: async () => {
        await storage.put("k1", { v: 1 });
        await storage.put({ k2: [2], k3: "three" });
        return { k1: await storage.get("k1"), list: [...(await storage.list())], deleted: await storage.delete("k2") };
      },
      kvSync: () => {
        storage.kv.put("s1", 42);
        return { s1: storage.kv.get("s1"), k1: storage.kv.get("k1"), missing: storage.kv.get("none") ?? "undefined",
                 list: [...storage.kv.list({ prefix: "k" })], deleted: storage.kv.delete("s1") };
      },
      kvTable: () => sql.exec("SELECT * FROM _cf_KV").toArray(),
      bookmarks: async () => {
        const format = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
        const before = await storage.getCurrentBookmark();
        sql.exec("INSERT INTO t (name) VALUES ('bm')");
        const after = await storage.getCurrentBookmark();
        return { type: typeof before, format: format.test(before) && format.test(after), grows: before < after };
      },
      bookmarkBadArguments: async () => {
        const out = [];
        for (const f of [() => storage.getBookmarkForTime("x"), () => storage.onNextSessionRestoreBookmark()]) {
          try { await f(); out.push("ok"); } catch (e) { out.push(`${e.name}: ${e.message}`); }
        }
        return out;
      },
      sizeGrows: () => {
        const before = sql.databaseSize;
        sql.exec("CREATE TABLE IF NOT EXISTS big (v TEXT)");
        sql.exec("INSERT INTO big VALUES (?)", "x".repeat(20000));
        return { positive: before > 0, grew: sql.databaseSize > before, pageMultiple: sql.databaseSize % 4096 === 0 };
      },
    };
    try {
      const result = await ops[op]();
      return Response.json({ ok: result === undefined ? "undefined" : result });
    } catch (e) {
      return Response.json({ error: `${e.name}: ${e.message}` });
    }
  }
}

export default {
  fetch(request, env) {
    const name = new URL(request.url).searchParams.get("name") ?? "default";
    return env.SQL.get(env.SQL.idFromName(name)).fetch(request);
  },
};
