// ctx.storage.sql, transactionSync and ctx.storage.kv of a SQLite-backed durable object, as
// workerd has them (src/workerd/api/sql.c++). The host runs each statement to the end and returns
// every row at once (dev.w9y.guestjs.internal.SqlBridge); the cursor here walks those rows with
// workerd's interface: iteration, next(), toArray(), one(), raw(), columnNames, rowsRead/Written.
// Needs: encoding.js, structured-clone.js.
(function (internal) {
  "use strict";
  const host = internal.host;

  const SQL_DISABLED = "SQL is not enabled for this Durable Object class. To enable it, change" +
    " `new_classes` to `new_sqlite_classes` within the 'migrations' field in your wrangler.jsonc" +
    " or wrangler.toml file. If using workerd directly,set `enableSql = true` in your workerd" +
    " config for the class. Note that this change cannot be made after the class is already" +
    " deployed to production.";

  // workerd binds numbers (as doubles), strings, ArrayBuffers and views (as blobs), and null.
  function encodeBindings(bindings) {
    let kinds = "";
    const values = [];
    bindings.forEach((value, i) => {
      if (value === null || value === undefined) { kinds += "0"; values.push(null); }
      else if (typeof value === "number") { kinds += "n"; values.push(value); }
      else if (typeof value === "string") { kinds += "s"; values.push(value); }
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        kinds += "b"; values.push(internal.bufferSourceBinary(value));
      } else {
        throw new TypeError(`SQL binding ${i + 1} is a ${typeof value}; bind a number, string,` +
          " ArrayBuffer, ArrayBufferView or null");
      }
    });
    return [kinds, values];
  }

  function decodeRows(names, kinds, cells) {
    const width = names.length;
    const rows = [];
    for (let at = 0; at < kinds.length; at += width) {
      const row = new Array(width);
      for (let c = 0; c < width; c++) {
        const kind = kinds.charCodeAt(at + c);
        const cell = cells[at + c];
        // 98 = "b": a blob arrives as a binary string and leaves as an ArrayBuffer.
        row[c] = kind === 98 ? internal.binaryToBytes(cell).buffer : cell;
      }
      rows.push(row);
    }
    return rows;
  }

  function toObject(names, row) {
    const object = {};
    for (let c = 0; c < names.length; c++) object[names[c]] = row[c];
    return object;
  }

  class SqlStorageCursor {
    #names; #rows; #at = 0; #rowsRead; #rowsWritten;
    constructor(names, rows, rowsRead, rowsWritten) {
      this.#names = names; this.#rows = rows;
      this.#rowsRead = rowsRead; this.#rowsWritten = rowsWritten;
    }
    get columnNames() { return this.#names.slice(); }
    get rowsRead() { return this.#rowsRead; }
    get rowsWritten() { return this.#rowsWritten; }
    #take() { return this.#at < this.#rows.length ? this.#rows[this.#at++] : null; }
    next() {
      const row = this.#take();
      return row === null ? { done: true, value: undefined } : { done: false, value: toObject(this.#names, row) };
    }
    toArray() {
      const result = [];
      for (let row = this.#take(); row !== null; row = this.#take()) result.push(toObject(this.#names, row));
      return result;
    }
    one() {
      const row = this.#take();
      if (row === null) throw new Error("Expected exactly one result from SQL query, but got no results.");
      if (this.#at < this.#rows.length) {
        this.#at = this.#rows.length;
        throw new Error("Expected exactly one result from SQL query, but got multiple results.");
      }
      return toObject(this.#names, row);
    }
    raw() {
      const cursor = this;
      const take = () => cursor.#take();
      return {
        next() {
          const row = take();
          return row === null ? { done: true, value: undefined } : { done: false, value: row.slice() };
        },
        toArray() {
          const result = [];
          for (let row = take(); row !== null; row = take()) result.push(row.slice());
          return result;
        },
        [Symbol.iterator]() { return this; },
      };
    }
    [Symbol.iterator]() { return this; }
    get [Symbol.toStringTag]() { return "SqlStorageCursor"; }
  }

  class SqlStorage {
    exec(query, ...bindings) {
      if (typeof query !== "string") query = String(query);
      const [kinds, values] = encodeBindings(bindings);
      const answer = host.sqlExec(query, kinds, values);
      if (answer[0] !== null) throw new Error(answer[0]);
      const names = Array.from(answer[1]);
      const rows = decodeRows(names, answer[2], answer[3]);
      return new SqlStorageCursor(names, rows, answer[4], answer[5]);
    }
    get databaseSize() { return host.sqlDatabaseSize(); }
    get [Symbol.toStringTag]() { return "SqlStorage"; }
  }

  function listOptions(options) {
    const o = options ?? {};
    const limit = o.limit === undefined ? 0 : Number(o.limit);
    if (o.limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new TypeError("List limit must be positive.");
    }
    const startAfter = o.startAfter === undefined ? null : String(o.startAfter) + "\u0000";
    const start = o.start === undefined ? startAfter : String(o.start);
    return [o.prefix === undefined ? null : String(o.prefix), start,
      o.end === undefined ? null : String(o.end), Boolean(o.reverse), limit];
  }

  // ctx.storage.kv: the key-value API, synchronous, on the same _cf_KV table as the async one.
  class SyncKvStorage {
    get(key) {
      const binary = host.kvGet(String(key));
      return binary === null || binary === undefined ? undefined : internal.deserialize(binary);
    }
    put(key, value) {
      if (value === undefined) throw new TypeError("put() called with undefined value.");
      host.kvPut(String(key), internal.serialize(value));
    }
    delete(key) { return host.kvDelete(String(key)); }
    list(options = undefined) {
      const flat = host.kvList(...listOptions(options));
      const entries = [];
      for (let i = 0; i < flat.length; i += 2) entries.push([flat[i], internal.deserialize(flat[i + 1])]);
      return entries[Symbol.iterator]();
    }
  }

  // What a durable object's storage adds when its class is SQLite-backed (null otherwise).
  internal.sqliteStorage = function sqliteStorage() {
    if (typeof host.sqlExec !== "function") return null;
    return {
      sql: new SqlStorage(),
      kv: new SyncKvStorage(),
      transactionSync(closure) {
        if (typeof closure !== "function") throw new TypeError("transactionSync() needs a function");
        return host.transactionSync(() => closure());
      },
    };
  };
  internal.SQL_DISABLED = SQL_DISABLED;
});
