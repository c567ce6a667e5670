// A Worker bound to a D1 database as env.DB. Each GET /<op>?t=<table> runs one operation against
// the table <table> (each test its own, since workerd keeps one database across probes of this
// Worker) and answers what it saw: results, the meta fields both runtimes compute alike, or the
// error's message and cause.
const pick = (meta) => ({ changes: meta.changes, changed_db: meta.changed_db, served_by: meta.served_by });
const result = (r) => ({ success: r.success, results: r.results, meta: pick(r.meta) });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const op = url.pathname.slice(1);
    const t = url.searchParams.get("t") ?? "t";
    const db = env.DB;
    const ops = {
      create: async () => db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)`).then((r) => r.count),
      insert: async () => {
        const r = await db.prepare(`INSERT INTO ${t} (name, score, data) VALUES (?, ?, ?)`).bind("a", 1.5, new Uint8Array([1, 2, 255])).run();
        return { ...result(r), last_row_id: r.meta.last_row_id };
      },
      insertMore: async () => {
        const r = await db.prepare(`INSERT INTO ${t} (name, score) VALUES (?, ?), (?, ?)`).bind("b", 2, "c", null).run();
        return { ...result(r), last_row_id: r.meta.last_row_id };
      },
      all: async () => {
        const r = await db.prepare(`SELECT id, name, score, data FROM ${t} ORDER BY id`).all();
        return { ...result(r), rows_read: r.meta.rows_read };
      },
      first: async () => db.prepare(`SELECT name, score FROM ${t} WHERE name = ?`).bind("b").first(),
      firstColumn: async () => db.prepare(`SELECT name, score FROM ${t} ORDER BY id`).first("name"),
      firstNone: async () => db.prepare(`SELECT name FROM ${t} WHERE name = 'zzz'`).first(),
      firstMissing: async () => db.prepare(`SELECT name FROM ${t}`).first("nope"),
      raw: async () => db.prepare(`SELECT id, name FROM ${t} ORDER BY id`).raw(),
      rawNames: async () => db.prepare(`SELECT id, name FROM ${t} ORDER BY id`).raw({ columnNames: true }),
      runSelect: async () => result(await db.prepare(`SELECT name FROM ${t} ORDER BY id`).run()),
      bindTypes: async () => result(await db.prepare("SELECT ? AS t, ? AS f, ? AS n, ? AS s, ? AS num, ?3 AS again").bind(true, false, null, "x", 2.5).all()),
      values: async () => (await db.prepare("SELECT 1e999 AS inf, 9007199254740993 AS big, x'00ff' AS blob, 'é' AS s, 1 AS a, 2 AS a").all()).results,
      batch: async () => (await db.batch([
        db.prepare(`INSERT INTO ${t} (name) VALUES (?)`).bind("d"),
        db.prepare(`SELECT count(*) AS n FROM ${t}`),
      ])).map(result),
      batchFails: async () => db.batch([
        db.prepare(`INSERT INTO ${t} (name) VALUES (?)`).bind("e"),
        db.prepare("SELECT * FROM missing"),
      ]),
      count: async () => db.prepare(`SELECT count(*) AS n FROM ${t}`).first("n"),
      exec: async () => db.exec(`INSERT INTO ${t} (name) VALUES ('f');\n\n  \nINSERT INTO ${t} (name) VALUES ('g'); INSERT INTO ${t} (name) VALUES ('h')`).then((r) => r.count),
      execFails: async () => db.exec(`INSERT INTO ${t} (name) VALUES ('i')\nSELECT * FROM missing`),
      noTable: async () => db.prepare("SELECT * FROM missing").all(),
      syntax: async () => db.prepare("SELEC 1").all(),
      duplicate: async () => db.prepare(`INSERT INTO ${t} (name) VALUES ('a')`).run(),
      wrongBindings: async () => db.prepare("SELECT ?, ?").bind(1).all(),
      undefinedBinding: async () => db.prepare("SELECT ?").bind(undefined),
      objectBinding: async () => db.prepare("SELECT ?").bind({}),
      begin: async () => db.exec("BEGIN TRANSACTION"),
      emptyExec: async () => db.exec(""),
      emptyBatch: async () => db.batch([]),
      tooLong: async () => db.prepare("SELECT '" + "x".repeat(100001) + "' AS v").all(),
      tooManyParameters: async () => db.prepare("SELECT " + Array(101).fill("?").join(",")).bind(...Array(101).fill(1)).all(),
      parameterNumber: async () => db.prepare("SELECT ?101 AS a").all(),
      tooManyColumns: async () => db.exec(`CREATE TABLE ${t}_wide (` + Array.from({ length: 101 }, (_, i) => "c" + i).join(",") + ")"),
      tooBig: async () => db.prepare("SELECT length(zeroblob(3000000)) AS v").first("v"),
      session: async () => {
        const s = db.withSession();
        const before = s.getBookmark();
        await s.prepare("SELECT 1").run();
        const after = s.getBookmark();
        return { before, format: /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/.test(after), primary: db.withSession("first-primary").getBookmark() };
      },
      // Sessions: each answers the bookmarks a session held along the way (getBookmark() before
      // and after each call, "fail" where a call was refused). Run against a database of their own,
      // so the bookmarks are the database's whole history.
      sessionReads: async () => {
        const s = db.withSession();
        const seen = [s.getBookmark()];
        await s.prepare("SELECT 1").first();
        seen.push(s.getBookmark());
        await s.prepare("SELECT 2").all();
        seen.push(s.getBookmark());
        await s.prepare("SELECT 3").raw();
        seen.push(s.getBookmark());
        return seen;
      },
      sessionWrites: async () => {
        const s = db.withSession("first-primary");
        const seen = [s.getBookmark()];
        await s.prepare(`CREATE TABLE IF NOT EXISTS ${t} (id INTEGER PRIMARY KEY, name TEXT UNIQUE)`).run();
        seen.push(s.getBookmark());
        await s.prepare(`INSERT INTO ${t} (name) VALUES (?)`).bind("a").run();
        seen.push(s.getBookmark());
        await s.batch([s.prepare(`INSERT INTO ${t} (name) VALUES (?)`).bind("b"), s.prepare(`SELECT count(*) AS n FROM ${t}`)]);
        seen.push(s.getBookmark());
        return seen;
      },
      sessionFails: async () => {
        const s = db.withSession("first-unconstrained");
        const seen = [s.getBookmark()];
        const attempt = async (call) => {
          try { await call(); } catch (e) { seen.push("fail: " + e.message); }
          seen.push(s.getBookmark());
        };
        await attempt(() => s.prepare(`INSERT INTO ${t} (name) VALUES (?)`).bind("a").run());
        await attempt(() => s.batch([s.prepare(`INSERT INTO ${t} (name) VALUES ('c')`), s.prepare(`INSERT INTO ${t} (name) VALUES ('a')`)]));
        await attempt(() => s.prepare("SELECT * FROM missing").all());
        await attempt(() => s.prepare(`SELECT count(*) AS n FROM ${t}`).first("n"));
        return seen;
      },
      // The database's own calls (db.prepare, db.batch, db.exec) carry no bookmark but still move
      // the database's; a later session sees it.
      primaryMoves: async () => {
        await db.prepare("SELECT 1").first();
        await db.batch([db.prepare("SELECT 1"), db.prepare("SELECT 2")]);
        await db.exec("SELECT 1\nSELECT 2");
        await db.exec("SELECT * FROM missing").catch(() => null);
        const s = db.withSession();
        await s.prepare("SELECT 1").first();
        return { db: db.withSession("first-primary").getBookmark(), session: s.getBookmark() };
      },
      sessionFrom: async () => {
        const first = db.withSession();
        await first.prepare("SELECT 1").first();
        const mark = first.getBookmark();
        const later = db.withSession("  " + mark + "  ");
        const seen = [later.getBookmark()];
        await later.prepare("SELECT 1").first();
        seen.push(later.getBookmark());
        const ahead = "ffffffff-ffffffff-00000000-00000000000000000000000000000000";
        const future = db.withSession(ahead);
        seen.push(future.getBookmark());
        await future.prepare("SELECT 1").first();
        seen.push(future.getBookmark());
        const made = db.withSession("not-a-bookmark");
        seen.push(made.getBookmark());
        await made.prepare("SELECT 1").first();
        seen.push(made.getBookmark());
        return { mark, seen };
      },
      dump: async () => db.dump(),
    };
    try {
      const value = await ops[op]();
      return new Response(JSON.stringify(value ?? null));
    } catch (e) {
      return new Response(JSON.stringify({ name: e.name, message: e.message, cause: e.cause?.message }), { status: 500 });
    }
  },
};
