// node:crypto's key derivation (nodejs_compat): scrypt/scryptSync and pbkdf2/pbkdf2Sync, added to
// the crypto module node.js builds. The work is done by the host (Scrypt.java, WebCrypto's
// PBKDF2): deterministic, and not counted against the guest's statement budget.
(function (internal) {
  "use strict";
  const factories = internal.nodeFactories;
  if (factories === undefined) return;
  const { nodeError, invalidArgType, Buffer } = internal.nodeShared;
  const host = internal.host;

  function binary(value, name) {
    if (typeof value === "string") return internal.utf8Binary(value);
    if (ArrayBuffer.isView(value)) return internal.bytesToBinary(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof ArrayBuffer) return internal.bytesToBinary(new Uint8Array(value));
    throw invalidArgType(name, "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView", value);
  }
  function checkLength(value, name) {
    if (!Number.isInteger(value)) throw invalidArgType(name, "of type number", value);
    if (value < 0 || value > 2 ** 31 - 1) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be >= 0 && <= 2147483647. Received ${value}`);
    }
  }
  function result(answer) {
    if (typeof answer === "object" && answer !== null && "error" in answer) {
      const code = String(answer.error).startsWith("ERR_") ? answer.error : "ERR_CRYPTO_OPERATION_FAILED";
      throw nodeError(code === "ERR_CRYPTO_INVALID_SCRYPT_PARAMS" ? RangeError : Error, code, answer.message);
    }
    const bytes = internal.binaryToBytes(answer);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  function scryptSync(password, salt, keylen, options = {}) {
    const pass = binary(password, "password");
    const saltBinary = binary(salt, "salt");
    checkLength(keylen, "keylen");
    const N = options.N ?? options.cost ?? 16384;
    const r = options.r ?? options.blockSize ?? 8;
    const p = options.p ?? options.parallelization ?? 1;
    const maxmem = options.maxmem ?? 32 * 1024 * 1024;
    return result(host.scrypt(pass, saltBinary, N, r, p, keylen, maxmem));
  }
  function scrypt(password, salt, keylen, options, callback) {
    if (typeof options === "function") { callback = options; options = {}; }
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = scryptSync(password, salt, keylen, options);
    queueMicrotask(() => callback(null, key));
  }
  const DIGESTS = { sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };
  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    const pass = binary(password, "password");
    const saltBinary = binary(salt, "salt");
    if (!Number.isInteger(iterations) || iterations < 1) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "iterations" is out of range. It must be >= 1 && <= 2147483647. Received ${iterations}`);
    }
    checkLength(keylen, "keylen");
    const hash = DIGESTS[String(digest).toLowerCase().replace(/-/g, "")];
    if (hash === undefined) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
    return result(host.pbkdf2(hash, pass, saltBinary, iterations, keylen * 8));
  }
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    queueMicrotask(() => callback(null, key));
  }

  const base = factories.crypto;
  factories.crypto = () => Object.assign(base(), { scrypt, scryptSync, pbkdf2, pbkdf2Sync });
});
