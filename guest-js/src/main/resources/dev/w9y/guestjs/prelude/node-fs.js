// node:fs and node:fs/promises (nodejs_compat) over workerd's virtual file system, written for W9Y
// to the behaviour compat's NodeFsCompatTest measures in workerd: "/" holds "bundle" (the
// Worker's own module files, read-only, the working directory), "tmp" (writable, empty at the
// start of every request: each request sees its own) and "dev" (null, zero, full, random). Nothing
// here touches the host's disk: /bundle's bytes are the service's files W9Y already holds.
// Timestamps are all 0 (the epoch), as workerd reports them; /dev/random draws from the seeded
// stream. The sync API is the implementation; callbacks and promises are built on it.
(function (internal) {
  "use strict";
  const factories = internal.nodeFactories;
  if (factories === undefined) return;
  const { nodeError, invalidArgType, Buffer, normalizeEncoding, path: posix } = internal.nodeShared;

  // Each request's /tmp: the request scope workers.js runs a handler in carries its own.
  const AsyncContextApi = internal.AsyncContext;
  const scopeVariable = AsyncContextApi ? new AsyncContextApi.Variable() : null;
  internal.requestScope = (fn) => (scopeVariable === null ? fn() : scopeVariable.run({ tmp: null }, fn));

  let fsModule = null;
  function build() {
    if (fsModule !== null) return fsModule;
    const S_IFREG = 0o100000, S_IFDIR = 0o040000, S_IFLNK = 0o120000, S_IFCHR = 0o020000;
    const constants = Object.freeze({
      F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128,
      O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_NOFOLLOW: 131072, O_SYNC: 1052672,
      O_DSYNC: 4096, O_NONBLOCK: 2048, S_IFMT: 0o170000, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK: 0o060000,
      S_IFIFO: 0o010000, S_IFLNK, S_IFSOCK: 0o140000, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
      COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
    });

    // ---------------------------------------------------------- the tree

    const dir = (writable) => ({ kind: "dir", entries: new Map(), writable });
    const file = (data, writable) => ({ kind: "file", data, writable });
    let bundle = null;
    function bundleDir() {
      if (bundle !== null) return bundle;
      bundle = dir(false);
      for (const name of Array.from(internal.modules.list())) {
        let at = bundle;
        const parts = String(name).split("/");
        for (const part of parts.slice(0, -1)) {
          if (!at.entries.has(part)) at.entries.set(part, dir(false));
          at = at.entries.get(part);
        }
        const lazy = { kind: "file", writable: false, source: String(name) };
        Object.defineProperty(lazy, "data", {
          get() { return (this._data ??= internal.binaryToBytes(internal.modules.binary(this.source))); },
        });
        at.entries.set(parts[parts.length - 1], lazy);
      }
      return bundle;
    }
    let outsideRequestTmp = null;
    function tmpDir() {
      const scope = scopeVariable === null ? undefined : scopeVariable.get();
      if (scope === undefined) return (outsideRequestTmp ??= dir(true));
      return (scope.tmp ??= dir(true));
    }
    const devices = {
      null: { kind: "dev", read: () => new Uint8Array(0), write: () => {} },
      zero: { kind: "dev", read: (n) => new Uint8Array(n), write: () => {} },
      full: { kind: "dev", read: (n) => new Uint8Array(n), write: () => { throw fsError("ENOSPC", "no space left on device", "write"); } },
      random: { kind: "dev", read: (n) => internal.randomBytes(n), write: () => {} },
    };
    const devDir = { kind: "dir", entries: new Map(Object.entries(devices)), writable: false };
    const root = {
      kind: "dir", writable: false,
      get entries() { return new Map([["bundle", bundleDir()], ["tmp", tmpDir()], ["dev", devDir]]); },
    };

    function fsError(code, message, syscall, path, errno) {
      const error = nodeError(Error, code, message);
      if (errno !== undefined) error.errno = errno;
      if (syscall !== undefined) error.syscall = syscall;
      if (path !== undefined) error.path = path;
      return error;
    }
    const enoent = (syscall, path, errno) =>
      fsError("ENOENT", `no such file or directory, ${syscall} '${path}'`, syscall, path, errno);
    const eperm = (syscall) => fsError("EPERM", "operation not permitted", syscall);

    // A path as workerd reads it: a string, Buffer or file: URL; relative to /bundle.
    function toPath(value, name = "path") {
      let text;
      if (typeof value === "string") text = value;
      else if (value instanceof Uint8Array) text = Buffer.from(value).toString("utf8");
      else if (value instanceof URL) {
        if (value.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
        text = decodeURIComponent(value.pathname);
      } else throw invalidArgType(name, "of type string or an instance of Buffer or URL", value);
      if (text.includes("\u0000")) {
        throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(text)}`);
      }
      return posix.resolve("/bundle", text);
    }
    function lookup(abs, follow = true, depth = 0) {
      let node = root;
      let parent = null;
      const parts = abs.split("/").filter((p) => p !== "");
      for (let i = 0; i < parts.length; i++) {
        if (node.kind !== "dir") return null;
        parent = node;
        node = node.entries.get(parts[i]);
        if (node === undefined) return null;
        if (node.kind === "link" && (follow || i < parts.length - 1)) {
          if (depth > 40) throw fsError("ELOOP", "too many symbolic links encountered", "stat", abs);
          const rest = parts.slice(i + 1).join("/");
          const target = posix.resolve(posix.dirname("/" + parts.slice(0, i + 1).join("/")), node.target);
          return lookup(rest === "" ? target : `${target}/${rest}`, follow, depth + 1);
        }
      }
      return { node, parent, name: parts[parts.length - 1] ?? "" };
    }
    function parentOf(abs, syscall) {
      const found = lookup(posix.dirname(abs));
      if (found === null || found.node.kind !== "dir") throw enoent(syscall, abs);
      return found.node;
    }

    // ---------------------------------------------------------- Stats, Dirent

    class Stats {
      constructor(node) {
        const mode = node.kind === "dir" ? S_IFDIR | (node.writable ? 0o666 : 0o444)
          : node.kind === "link" ? S_IFLNK | 0o666
          : node.kind === "dev" ? S_IFCHR | 0o666
          : S_IFREG | (node.writable ? 0o666 : 0o444);
        Object.assign(this, {
          dev: 0, ino: 0, mode, nlink: 1, uid: 0, gid: 0, rdev: 0,
          size: node.kind === "file" ? node.data.length : node.kind === "link" ? node.target.length : 0,
          blksize: 0, blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0,
          atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n, birthtimeNs: 0n,
          atime: new Date(0), mtime: new Date(0), ctime: new Date(0), birthtime: new Date(0),
        });
      }
      isFile() { return (this.mode & 0o170000) === S_IFREG; }
      isDirectory() { return (this.mode & 0o170000) === S_IFDIR; }
      isSymbolicLink() { return (this.mode & 0o170000) === S_IFLNK; }
      isCharacterDevice() { return (this.mode & 0o170000) === S_IFCHR; }
      isBlockDevice() { return false; }
      isFIFO() { return false; }
      isSocket() { return false; }
    }
    class Dirent {
      constructor(name, node, parentPath) {
        this.name = name;
        this.parentPath = parentPath;
        Object.defineProperty(this, "kind", { value: node.kind });
      }
      isFile() { return this.kind === "file"; }
      isDirectory() { return this.kind === "dir"; }
      isSymbolicLink() { return this.kind === "link"; }
      isCharacterDevice() { return this.kind === "dev"; }
      isBlockDevice() { return false; }
      isFIFO() { return false; }
      isSocket() { return false; }
    }

    // ---------------------------------------------------------- data

    function dataBytes(data, encoding) {
      if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
      if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
    }
    const optionsOf = (options) => (typeof options === "string" ? { encoding: options } : options ?? {});
    function decoded(bytes, encoding) {
      const buffer = Buffer.from(bytes);
      if (encoding === undefined || encoding === null || encoding === "buffer") return buffer;
      if (normalizeEncoding(encoding) === undefined) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'encoding' is invalid encoding. Received '${encoding}'`);
      return buffer.toString(encoding);
    }

    // ---------------------------------------------------------- sync API

    function statSync(p, options = {}) {
      const abs = toPath(p);
      const found = lookup(abs, true);
      if (found === null) {
        if (options.throwIfNoEntry === false) return undefined;
        throw enoent("stat", abs, -2);
      }
      return new Stats(found.node);
    }
    function lstatSync(p, options = {}) {
      const abs = toPath(p);
      const found = lookup(abs, false);
      if (found === null) {
        if (options.throwIfNoEntry === false) return undefined;
        throw enoent("lstat", abs, -2);
      }
      return new Stats(found.node);
    }
    function existsSync(p) {
      try { return lookup(toPath(p)) !== null; } catch (error) { return false; }
    }
    function accessSync(p, mode = constants.F_OK) {
      const abs = toPath(p);
      const found = lookup(abs);
      // workerd answers a write check on a read-only entry as if it were missing
      if (found === null || ((mode & constants.W_OK) && !found.node.writable && found.node.kind !== "dev")) {
        throw enoent("access", abs, -2);
      }
    }
    function readFileSync(p, options) {
      const { encoding, flag } = optionsOf(options);
      if (typeof p === "number") return decoded(readAllFd(p), encoding);
      void flag;
      const abs = toPath(p);
      const found = lookup(abs);
      if (found === null) throw enoent("readAll", abs);
      if (found.node.kind === "dir") throw fsError("EISDIR", "illegal operation on a directory", "readAll");
      if (found.node.kind === "dev") return decoded(found.node.read(0), encoding);
      return decoded(found.node.data, encoding);
    }
    function writeAll(p, data, options, append) {
      const { encoding, flag = append ? "a" : "w" } = optionsOf(options);
      const bytes = dataBytes(data, encoding);
      if (typeof p === "number") return writeSync(p, bytes);
      const abs = toPath(p, "file");
      const found = lookup(abs);
      if (found !== null) {
        if (found.node.kind === "dev") { found.node.write(bytes); return bytes.length; }
        if (found.node.kind === "dir") throw fsError("EISDIR", "illegal operation on a directory", "writeAll");
        if (String(flag).includes("x")) throw fsError("EEXIST", "file already exists", "writeAll");
        if (!found.node.writable) throw eperm("writeAll");
        found.node.data = String(flag).startsWith("a") ? Buffer.concat([found.node.data, bytes]) : Uint8Array.from(bytes);
        return bytes.length;
      }
      const parent = lookup(posix.dirname(abs));
      if (parent === null || parent.node.kind !== "dir") throw enoent("writeAll", abs);
      if (!parent.node.writable) throw eperm("writeAll");
      parent.node.entries.set(posix.basename(abs), file(Uint8Array.from(bytes), true));
      return bytes.length;
    }
    // workerd's writeFileSync answers the number of bytes written (Node's: undefined)
    function writeFileSync(p, data, options) { return writeAll(p, data, options, false); }
    function appendFileSync(p, data, options) { writeAll(p, data, options, true); }
    function mkdirSync(p, options) {
      const { recursive = false } = typeof options === "number" ? {} : options ?? {};
      const abs = toPath(p);
      const parts = abs.split("/").filter((x) => x !== "");
      let at = root;
      let first;
      for (let i = 0; i < parts.length; i++) {
        const next = at.entries.get(parts[i]);
        if (next !== undefined) {
          if (next.kind !== "dir") throw fsError("ENOTDIR", `not a directory, mkdir '${abs}'`, "mkdir", abs);
          at = next;
          continue;
        }
        if (!recursive && i < parts.length - 1) throw enoent("mkdir", parts[i + 1]);
        if (!at.writable) throw eperm("mkdir");
        const made = dir(true);
        at.entries.set(parts[i], made);
        first ??= "/" + parts.slice(0, i + 1).join("/");
        at = made;
      }
      // workerd: an existing directory is no error, even without recursive
      return recursive ? first : undefined;
    }
    // workerd numbers temporary directories with one counter per isolate (not random names)
    let nextTemp = 0;
    function mkdtempSync(prefix) {
      const base = toPath(prefix, "prefix");
      while (lookup(base + nextTemp) !== null) nextTemp++;
      const made = base + nextTemp++;
      mkdirSync(made);
      return made;
    }
    function readdirSync(p, options) {
      const { withFileTypes = false, recursive = false, encoding } = optionsOf(options);
      const abs = toPath(p);
      const found = lookup(abs);
      if (found === null) throw enoent("readdir", abs);
      if (found.node.kind !== "dir") throw fsError("ENOTDIR", `not a directory, readdir '${abs}'`, "readdir", abs);
      const out = [];
      const walk = (node, at) => {
        for (const [name, child] of node.entries) {
          if (withFileTypes) out.push(new Dirent(name, child, at));
          // workerd names recursive entries relative to "/" (tmp/a, tmp/d/e)
          else out.push(recursive ? posix.join(at, name).slice(1) : name);
          if (recursive && child.kind === "dir") walk(child, posix.join(at, name));
        }
      };
      walk(found.node, abs);
      return encoding === "buffer" && !withFileTypes ? out.map((name) => Buffer.from(name)) : out;
    }
    function unlinkSync(p) {
      const abs = toPath(p);
      const found = lookup(abs, false);
      if (found === null) throw fsError("ENOENT", "File not found", "unlink", posix.basename(abs));
      if (found.node.kind === "dir") throw fsError("EISDIR", "Cannot unlink a directory", "unlink");
      if (!found.parent.writable) throw eperm("unlink");
      found.parent.entries.delete(found.name);
    }
    function rmSync(p, options = {}) {
      const abs = toPath(p);
      const found = lookup(abs, false);
      if (found === null) return; // workerd: a missing path is no error, force or not
      if (!found.parent?.writable) throw eperm("rm");
      if (found.node.kind === "dir" && found.node.entries.size > 0 && !options.recursive) {
        throw fsError("ENOTEMPTY", `directory not empty, rm '${found.name}'`, "rm", found.name);
      }
      found.parent.entries.delete(found.name);
    }
    function rmdirSync(p, options = {}) {
      const abs = toPath(p);
      const found = lookup(abs, false);
      if (found === null) throw enoent("rm", posix.basename(abs)); // workerd's words: rm, the last name
      if (found.node.kind !== "dir") throw fsError("ENOTDIR", `not a directory, rmdir '${abs}'`, "rmdir", abs);
      rmSync(p, options);
    }
    function renameSync(from, to) {
      const source = toPath(from, "oldPath");
      const target = toPath(to, "newPath");
      const found = lookup(source, false);
      if (found === null) throw enoent("rename", source);
      const parent = parentOf(target, "rename");
      if (!found.parent.writable || !parent.writable) throw eperm("rename");
      found.parent.entries.delete(found.name);
      parent.entries.set(posix.basename(target), found.node);
    }
    function copyFileSync(from, to, mode = 0) {
      const target = toPath(to, "dest");
      if ((mode & constants.COPYFILE_EXCL) && lookup(target) !== null) {
        throw fsError("EEXIST", `file already exists, copyfile '${toPath(from, "src")}' -> '${target}'`, "copyfile");
      }
      const source = toPath(from, "src");
      const found = lookup(source);
      if (found === null) throw enoent("copy", source);
      writeAll(target, readFileSync(source), undefined, false);
    }
    function truncateSync(p, length = 0) {
      const found = lookup(toPath(p));
      if (found === null) throw enoent("truncate", toPath(p));
      if (!found.node.writable) throw eperm("truncate");
      const data = new Uint8Array(length);
      data.set(found.node.data.subarray(0, length));
      found.node.data = data;
    }
    function realpathSync(p) {
      const abs = toPath(p);
      if (lookup(abs) === null) throw enoent("realpath", abs);
      return abs;
    }
    function symlinkSync(target, p) {
      const abs = toPath(p);
      const parent = parentOf(abs, "symlink");
      if (!parent.writable) throw eperm("symlink");
      if (parent.entries.has(posix.basename(abs))) throw fsError("EEXIST", `file already exists, symlink '${target}' -> '${abs}'`, "symlink");
      parent.entries.set(posix.basename(abs), { kind: "link", target: String(target), writable: true });
    }
    function readlinkSync(p) {
      const found = lookup(toPath(p), false);
      if (found === null) throw enoent("readlink", toPath(p));
      if (found.node.kind !== "link") throw fsError("EINVAL", `invalid argument, readlink '${toPath(p)}'`, "readlink");
      return found.node.target;
    }

    // file descriptors: 0-2 are taken, as in workerd
    const descriptors = new Map();
    let nextFd = 3;
    function openSync(p, flags = "r") {
      const abs = toPath(p);
      const text = typeof flags === "number" ? (flags & constants.O_APPEND ? "a" : flags & 3 ? "w" : "r") : String(flags);
      if (text.startsWith("w") || text.startsWith("a")) {
        if (lookup(abs) === null || text.startsWith("w")) writeAll(abs, new Uint8Array(0), { flag: text }, false);
      }
      const found = lookup(abs);
      if (found === null) throw enoent("open", abs);
      const fd = nextFd++;
      descriptors.set(fd, { node: found.node, position: text.startsWith("a") ? Infinity : 0, path: abs });
      return fd;
    }
    function descriptor(fd) {
      const entry = descriptors.get(fd);
      if (entry === undefined) throw fsError("EBADF", "bad file descriptor", "fstat");
      return entry;
    }
    function readAllFd(fd) {
      const { node } = descriptor(fd);
      return node.kind === "dev" ? node.read(0) : node.data;
    }
    function readSync(fd, buffer, offsetOrOptions, length, position) {
      const entry = descriptor(fd);
      let offset = offsetOrOptions;
      if (typeof offsetOrOptions === "object" && offsetOrOptions !== null) ({ offset = 0, length, position } = offsetOrOptions);
      offset = offset ?? 0;
      length = length ?? buffer.byteLength - offset;
      const target = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      const data = entry.node.kind === "dev" ? entry.node.read(length) : entry.node.data;
      const from = position === null || position === undefined || position < 0 ? entry.position : position;
      const bytes = data.subarray(from, from + length);
      target.set(bytes, offset);
      if (position === null || position === undefined || position < 0) entry.position = from + bytes.length;
      return bytes.length;
    }
    function writeSync(fd, data, offsetOrEncoding, length, position) {
      const entry = descriptor(fd);
      let bytes = typeof data === "string" ? Buffer.from(data, typeof offsetOrEncoding === "string" ? offsetOrEncoding : "utf8") : dataBytes(data);
      if (typeof data !== "string" && typeof offsetOrEncoding === "number") bytes = bytes.subarray(offsetOrEncoding, offsetOrEncoding + (length ?? bytes.length));
      if (entry.node.kind === "dev") { entry.node.write(bytes); return bytes.length; }
      if (!entry.node.writable) throw eperm("write");
      const at = typeof position === "number" ? position : Math.min(entry.position, entry.node.data.length);
      const grown = new Uint8Array(Math.max(entry.node.data.length, at + bytes.length));
      grown.set(entry.node.data);
      grown.set(bytes, at);
      entry.node.data = grown;
      if (typeof position !== "number") entry.position = at + bytes.length;
      return bytes.length;
    }
    function closeSync(fd) { descriptor(fd); descriptors.delete(fd); }
    function fstatSync(fd) { return new Stats(descriptor(fd).node); }

    const sync = {
      accessSync, appendFileSync, closeSync, copyFileSync, existsSync, fstatSync, lstatSync, mkdirSync,
      mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, renameSync,
      rmSync, rmdirSync, statSync, symlinkSync, truncateSync, unlinkSync, writeFileSync, writeSync,
      fsyncSync: (fd) => { descriptor(fd); }, fdatasyncSync: (fd) => { descriptor(fd); },
      chmodSync: (p) => { statSync(p); }, chownSync: (p) => { statSync(p); }, utimesSync: (p) => { statSync(p); },
      cpSync: (from, to) => copyFileSync(from, to),
    };

    // ---------------------------------------------------------- callbacks and promises

    const fs = { constants, Stats, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, ...sync };
    for (const [name, fn] of Object.entries(sync)) {
      if (name === "existsSync") continue;
      fs[name.slice(0, -4)] = function (...args) {
        const callback = args.pop();
        if (typeof callback !== "function") throw invalidArgType("cb", "of type function", callback);
        let result, error = null;
        try { result = fn(...args); } catch (e) { error = e; }
        queueMicrotask(() => (error !== null ? callback(error) : callback(null, result)));
      };
    }
    fs.exists = (p, callback) => { const result = existsSync(p); queueMicrotask(() => callback(result)); };

    class FileHandle {
      constructor(fd) { this.fd = fd; }
      async readFile(options) { return readFileSync(this.fd, options); }
      async writeFile(data, options) { writeAll(this.fd, data, options, false); }
      async appendFile(data, options) { writeAll(this.fd, data, options, true); }
      async read(buffer, offset, length, position) {
        const target = buffer ?? Buffer.alloc(16384);
        return { bytesRead: readSync(this.fd, target, offset, length, position), buffer: target };
      }
      async write(data, ...rest) { return { bytesWritten: writeSync(this.fd, data, ...rest), buffer: data }; }
      async stat() { return fstatSync(this.fd); }
      async close() { closeSync(this.fd); }
      async sync() {}
    }
    const promises = { constants, FileHandle };
    for (const [name, fn] of Object.entries(sync)) {
      if (["existsSync", "closeSync", "readSync", "writeSync", "fstatSync", "fsyncSync", "fdatasyncSync"].includes(name)) continue;
      promises[name.slice(0, -4)] = async (...args) => fn(...args);
    }
    // only the sync form answers a byte count
    promises.writeFile = async (...args) => { writeFileSync(...args); };
    const writeFileCallback = fs.writeFile;
    fs.writeFile = (...args) => {
      const callback = args.pop();
      writeFileCallback(...args, (error) => callback(error ?? null));
    };
    promises.open = async (p, flags) => new FileHandle(openSync(p, flags));
    fs.promises = promises;

    // Streams over whole files (what fs.createReadStream users need most).
    fs.createReadStream = (p, options) => {
      const { Readable } = internal.nodeShared.require("stream");
      const { encoding, start = 0, end = Infinity, highWaterMark = 65536 } = optionsOf(options);
      let bytes = null;
      let at = start;
      const stream = new Readable({
        highWaterMark, encoding,
        read() {
          try {
            bytes ??= readFileSync(p);
          } catch (error) { this.destroy(error); return; }
          const stop = Math.min(bytes.length, end + 1);
          if (at >= stop) { this.push(null); return; }
          const chunk = bytes.subarray(at, Math.min(stop, at + highWaterMark));
          at += chunk.length;
          this.push(chunk);
        },
      });
      stream.path = typeof p === "string" ? p : toPath(p);
      return stream;
    };
    fs.createWriteStream = (p, options) => {
      const { Writable } = internal.nodeShared.require("stream");
      const { flags = "w" } = optionsOf(options);
      const fd = openSync(p, flags);
      const stream = new Writable({
        write(chunk, encoding, callback) {
          try { writeSync(fd, chunk); callback(); } catch (error) { callback(error); }
        },
        final(callback) { closeSync(fd); callback(); },
      });
      stream.path = typeof p === "string" ? p : toPath(p);
      return stream;
    };
    fsModule = { fs, promises };
    return fsModule;
  }

  factories.fs = () => build().fs;
  factories["fs/promises"] = () => build().promises;
});
