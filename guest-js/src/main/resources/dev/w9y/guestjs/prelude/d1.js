// D1 bindings (env.DB): D1Database, D1PreparedStatement and D1DatabaseSession with the interface
// and the error texts of workerd's D1 client (cloudflare-internal:d1-api) talking to local D1
// (Miniflare's D1 database object): prepare/bind/first/all/run/raw, batch, exec, withSession, dump.
// The host (dev.w9y.guestjs.internal.D1Bridge over dev.w9y.core.d1.D1Client) runs each request as
// one transaction at the database, a simulated remote operation; results come back as workerd's
// come back through JSON (blobs as arrays of byte values, non-finite numbers as null).
// Needs: encoding.js, workers.js (internal.platformBindings).
(function (internal) {
  "use strict";

  // What local D1 (Miniflare) reports as the database that served a query.
  const SERVED_BY = "miniflare.db";
  const FIRST_PRIMARY = "first-primary";
  const FIRST_UNCONSTRAINED = "first-unconstrained";

  function d1Error(prefix, message) {
    return new Error(`${prefix}: ${message}`, { cause: new Error(message) });
  }

  // D1's bind conversions: numbers and strings as they are, booleans as 1/0, null, arrays of byte
  // values, ArrayBuffers and views (as their elements); anything else is a D1_TYPE_ERROR.
  function convertBinding(value) {
    const type = typeof value;
    if (type === "number" || type === "string") return value;
    if (type === "boolean") return value ? 1 : 0;
    if (type === "object") {
      if (value === null) return null;
      if (Array.isArray(value) && value.every((b) => typeof b === "number" && b >= 0 && b < 256)) return value;
      if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return Array.from(value);
    }
    const text = `Type '${type}' not supported for value '${value}'`;
    throw new Error(`D1_TYPE_ERROR: ${text}`, { cause: new Error(text) });
  }

  // [sql, kinds, values] for the host: one kind per value (n number, s string, b blob, 0 null).
  function encodeQuery(sql, params) {
    let kinds = "";
    const values = [];
    for (const value of params) {
      if (value === null) { kinds += "0"; values.push(null); }
      else if (typeof value === "number") { kinds += "n"; values.push(value); }
      else if (typeof value === "string") { kinds += "s"; values.push(value); }
      else {
        let binary = "";
        for (let i = 0; i < value.length; i++) binary += String.fromCharCode(value[i] & 0xff);
        kinds += "b"; values.push(binary);
      }
    }
    return [sql, kinds, values];
  }

  // A cell as it arrives through D1's JSON: non-finite numbers become null, -0 becomes 0, a blob an
  // array of byte values.
  function decodeCell(kind, cell) {
    if (kind === 98) { // "b"
      const bytes = internal.binaryToBytes(cell);
      return Array.from(bytes);
    }
    if (kind === 110) return Number.isFinite(cell) ? (cell === 0 ? 0 : cell) : null; // "n"
    return cell;
  }

  function decodeResult(part) {
    const columns = Array.from(part[0]);
    const kinds = part[1];
    const cells = part[2];
    const width = columns.length;
    const rows = [];
    for (let at = 0; at < kinds.length; at += width) {
      const row = new Array(width);
      for (let c = 0; c < width; c++) row[c] = decodeCell(kinds.charCodeAt(at + c), cells[at + c]);
      rows.push(row);
    }
    const meta = {
      served_by: SERVED_BY,
      duration: part[3],
      changes: part[4],
      last_row_id: part[5],
      changed_db: part[6],
      size_after: part[7],
      rows_read: part[8],
      rows_written: part[9],
    };
    return { columns, rows, meta };
  }

  function toObjects(columns, rows) {
    return rows.map((row) => {
      const object = {};
      for (let c = 0; c < columns.length; c++) object[columns[c]] = row[c];
      return object;
    });
  }

  function answerOf(decoded) {
    return { success: true, meta: decoded.meta, results: toObjects(decoded.columns, decoded.rows) };
  }

  // One request to the database: resolves with the decoded results, or rejects with D1's error.
  function request(fns, session, op, queries) {
    return new Promise((resolve, reject) => {
      fns.send(op, queries, (answer) => {
        if (answer[0] !== null && answer[0] !== undefined) {
          reject({ message: answer[0], transport: answer[1] });
          return;
        }
        if (answer[2] !== null && answer[2] !== undefined) session._updateBookmark(answer[2]);
        const results = [];
        for (let i = 3; i < answer.length; i++) results.push(decodeResult(answer[i]));
        resolve(results);
      }, (name, message) => reject({ message, transport: true }));
    });
  }

  async function send(fns, session, op, queries) {
    try {
      return await request(fns, session, op, queries);
    } catch (failure) {
      throw d1Error("D1_ERROR", failure.message);
    }
  }

  class D1PreparedStatement {
    #session;
    constructor(session, statement, params) {
      this.#session = session;
      this.statement = statement;
      this.params = params || [];
    }
    bind(...values) {
      return new D1PreparedStatement(this.#session, this.statement, values.map(convertBinding));
    }
    get _query() {
      // Local D1 refuses a statement that is not a string while parsing the request.
      if (typeof this.statement !== "string") throw d1Error("D1_ERROR", "Failed to parse body as JSON, got: ZodError");
      return encodeQuery(this.statement, this.params);
    }
    async first(column) {
      const query = this._query;
      const [result] = await this.#session._send("first", [query]);
      if (result.rows.length === 0) return null;
      const row = toObjects(result.columns, result.rows.slice(0, 1))[0];
      if (column === undefined) return row;
      if (row[column] === undefined) {
        throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`, { cause: new Error("Column not found") });
      }
      return row[column];
    }
    async run() {
      const query = this._query;
      const [result] = await this.#session._send("run", [query]);
      return answerOf(result);
    }
    async all() {
      const query = this._query;
      const [result] = await this.#session._send("all", [query]);
      return answerOf(result);
    }
    async raw(options) {
      const query = this._query;
      const [result] = await this.#session._send("raw", [query]);
      return options?.columnNames ? [result.columns, ...result.rows] : result.rows;
    }
  }

  class D1DatabaseSession {
    #fns; #bookmarkOrConstraint;
    constructor(fns, bookmarkOrConstraint) {
      this.#fns = fns;
      this.#bookmarkOrConstraint = bookmarkOrConstraint;
      if (!bookmarkOrConstraint) throw new Error("D1_SESSION_ERROR: invalid bookmark or constraint");
    }
    _updateBookmark(bookmark) {
      bookmark = bookmark.trim();
      const current = this.getBookmark();
      if (bookmark && (current === null || current.localeCompare(bookmark) < 0)) {
        this.#bookmarkOrConstraint = bookmark;
      }
      return this.getBookmark();
    }
    _send(op, queries) { return send(this.#fns, this, op, queries); }
    prepare(sql) { return new D1PreparedStatement(this, sql); }
    async batch(statements) {
      const queries = Array.from(statements, (s) => {
        if (!(s instanceof D1PreparedStatement)) throw d1Error("D1_ERROR", "Failed to parse body as JSON, got: ZodError");
        return s._query;
      });
      const results = await this._send("batch", queries);
      return results.map(answerOf);
    }
    getBookmark() {
      const value = this.#bookmarkOrConstraint;
      return value === FIRST_PRIMARY || value === FIRST_UNCONSTRAINED ? null : value;
    }
  }

  // The session db.prepare/batch/exec use: always the primary, no bookmark.
  class D1PrimarySession extends D1DatabaseSession {
    #fns;
    constructor(fns) { super(fns, FIRST_PRIMARY); this.#fns = fns; }
    _updateBookmark() { return null; }
    getBookmark() { return null; }
    async exec(query) {
      const lines = String(query).trim().split("\n");
      let results;
      try {
        results = await request(this.#fns, this, "exec", lines.map((line) => encodeQuery(line, [])));
      } catch (failure) {
        if (failure.transport) throw d1Error("D1_ERROR", failure.message);
        // Local D1 answers a failed exec with one error, which workerd's client reports as line 1.
        const text = `Error in line 1: ${lines[0]}: ${failure.message}`;
        throw new Error(`D1_EXEC_ERROR: ${text}`, { cause: new Error(text) });
      }
      let duration = 0;
      for (const result of results) duration += result.meta.duration;
      return { count: results.length, duration };
    }
  }

  class D1Database {
    #fns; #primary;
    constructor(fns) {
      this.#fns = fns;
      this.#primary = new D1PrimarySession(fns);
    }
    prepare(query) { return new D1PreparedStatement(this.#primary, query); }
    async batch(statements) { return this.#primary.batch(statements); }
    async exec(query) { return this.#primary.exec(query); }
    withSession(constraintOrBookmark) {
      let value = constraintOrBookmark?.trim();
      if (value === undefined || value === null || value === "") value = FIRST_UNCONSTRAINED;
      return new D1DatabaseSession(this.#fns, value);
    }
    // Deprecated in workerd; local D1 answers it with a 404.
    async dump() {
      throw new Error("D1_DUMP_ERROR: Status + 404", { cause: new Error("Status 404") });
    }
  }

  internal.platformBindings.d1 = (name, fns) => new D1Database(fns);
});
