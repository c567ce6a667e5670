// Web Cryptography API (W3C, Level 2): crypto.subtle and CryptoKey, for the algorithms Workers
// use most — SHA digests, HMAC, AES-GCM, AES-CBC, RSASSA-PKCS1-v1_5 (sign and verify), ECDSA
// (verify), PBKDF2 and HKDF — plus Workers' crypto.subtle.timingSafeEqual. The primitives run on the JDK's
// providers (WebCrypto.java); algorithm names, key formats, usages and errors follow the spec
// here. Generated keys draw from the instance's seeded stream. Operations that need randomness
// the JDK draws itself (ECDSA and RSA-PSS signing, RSA/EC key generation), key wrapping and the
// other algorithms reject with NotSupportedError naming what is missing.
// Needs: dom-exception.js, runtime.js (crypto, internal.randomBytes), encoding.js.
(function (internal) {
  "use strict";
  const host = internal.host;
  const DOMException = internal.DOMException;
  const toBinary = internal.bytesToBinary;
  const fromBinary = internal.binaryToBytes;
  const atob = globalThis.atob; // the prelude's, whatever the guest assigns later
  const btoa = globalThis.btoa;

  const fail = (name, message) => new DOMException(message, name);
  const HASHES = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
  const HASH_BLOCK_BITS = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const ALGORITHMS = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "HMAC", "AES-GCM", "AES-CBC",
    "RSASSA-PKCS1-v1_5", "ECDSA", "RSA-PSS", "RSA-OAEP", "ECDH", "AES-CTR", "AES-KW", "PBKDF2",
    "HKDF", "Ed25519", "X25519"];
  const SUPPORTED = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "HMAC", "AES-GCM", "AES-CBC",
    "RSASSA-PKCS1-v1_5", "ECDSA", "PBKDF2", "HKDF"];
  const HASH_BYTES = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };
  // workerd's limit too; the host does this work outside the statement budget.
  const MAX_PBKDF2_ITERATIONS = 100000;

  // ---------------------------------------------------------------- argument conversion

  // A BufferSource's bytes, copied now (WebIDL: later changes to the buffer are not seen).
  function bufferBinary(value, what) {
    const binary = internal.bufferSourceBinary(value);
    if (binary === null) throw new TypeError(`${what} must be an ArrayBuffer or a view of one`);
    return binary;
  }
  const arrayBufferOf = (binary) => fromBinary(binary).buffer;

  // "Normalize an algorithm" (§18.4): a name or a dictionary with one, matched case-insensitively.
  function normalize(algorithm, operation) {
    const dictionary = typeof algorithm === "string" ? { name: algorithm } : algorithm;
    if (dictionary === null || typeof dictionary !== "object" || dictionary.name === undefined) {
      throw new TypeError(`${operation}: the algorithm must be a name or an object with a name`);
    }
    const wanted = String(dictionary.name).toUpperCase();
    const name = ALGORITHMS.find((known) => known.toUpperCase() === wanted);
    if (name === undefined) throw fail("NotSupportedError", `${operation}: unrecognized algorithm '${dictionary.name}'`);
    if (!SUPPORTED.includes(name)) {
      throw fail("NotSupportedError", `${operation}: W9Y does not implement ${name} yet (it has ${SUPPORTED.join(", ")})`);
    }
    return { name, dictionary };
  }

  function hashOf(dictionary, operation) {
    if (dictionary.hash === undefined) throw new TypeError(`${operation}: the algorithm needs a hash`);
    const hash = normalize(dictionary.hash, operation).name;
    if (!HASHES.includes(hash)) throw fail("NotSupportedError", `${operation}: '${hash}' is not a hash`);
    return hash;
  }

  // A host result: a binary string, boolean or array of parts, or {error, message} for a failure.
  function unwrap(result) {
    if (typeof result === "string" || typeof result === "boolean") return result;
    if (typeof result.error === "string") throw fail(result.error, result.message);
    return Array.from(result);
  }

  function usagesOf(keyUsages, allowed, operation) {
    const list = Array.from(keyUsages, String);
    for (const usage of list) {
      if (!allowed.includes(usage)) throw fail("SyntaxError", `${operation}: '${usage}' is not a usage this key can have`);
    }
    return [...new Set(list)];
  }

  // ---------------------------------------------------------------- CryptoKey (§14)

  const KEYS = new WeakMap(); // CryptoKey -> { type, extractable, algorithm, usages, material }
  const CREATE = Symbol("create");

  class CryptoKey {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    get type() { return keyOf(this).type; }
    get extractable() { return keyOf(this).extractable; }
    get algorithm() { return keyOf(this).algorithmObject; }
    get usages() { return keyOf(this).usagesObject; }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", configurable: true });

  function keyOf(object) {
    const key = typeof object === "object" && object !== null ? KEYS.get(object) : undefined;
    if (key === undefined) throw new TypeError("not a CryptoKey");
    return key;
  }

  function newKey(type, extractable, algorithm, usages, material) {
    if ((type === "secret" || type === "private") && usages.length === 0) {
      throw fail("SyntaxError", `a ${type} key needs at least one usage`);
    }
    const object = new CryptoKey(CREATE);
    KEYS.set(object, {
      type, extractable: Boolean(extractable), algorithm, usages, material,
      algorithmObject: Object.freeze(structuredCloneAlgorithm(algorithm)),
      usagesObject: Object.freeze(usages.slice()),
    });
    return object;
  }

  function structuredCloneAlgorithm(algorithm) {
    const copy = {};
    for (const key of Object.keys(algorithm)) {
      const value = algorithm[key];
      copy[key] = value instanceof Uint8Array ? value.slice()
        : value !== null && typeof value === "object" ? Object.freeze({ ...value }) : value;
    }
    return copy;
  }

  function checkKey(key, name, usage, operation) {
    const record = keyOf(key);
    if (record.algorithm.name !== name) {
      throw fail("InvalidAccessError", `${operation}: the key is for ${record.algorithm.name}, not ${name}`);
    }
    if (!record.usages.includes(usage)) {
      throw fail("InvalidAccessError", `${operation}: the key's usages (${record.usages.join(", ") || "none"}) do not include '${usage}'`);
    }
    return record;
  }

  // ---------------------------------------------------------------- JWK helpers (RFC 7517/7518)

  const base64url = (binary) => btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  function fromBase64url(text, what) {
    if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) throw fail("DataError", `JWK: '${what}' is not base64url`);
    try {
      return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    } catch (e) {
      throw fail("DataError", `JWK: '${what}' is not base64url`);
    }
  }

  function checkJwk(jwk, kty, usages, extractable, expectedAlg) {
    if (jwk === null || typeof jwk !== "object" || ArrayBuffer.isView(jwk) || jwk instanceof ArrayBuffer) {
      throw new TypeError("importKey: a 'jwk' key must be a JsonWebKey object");
    }
    if (jwk.kty !== kty) throw fail("DataError", `JWK: kty must be '${kty}', not '${jwk.kty}'`);
    if (expectedAlg !== undefined && jwk.alg !== undefined && jwk.alg !== expectedAlg) {
      throw fail("DataError", `JWK: alg '${jwk.alg}' does not match the algorithm (${expectedAlg})`);
    }
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== (usages.some((u) => u === "encrypt" || u === "decrypt" || u === "wrapKey" || u === "unwrapKey") ? "enc" : "sig")) {
      throw fail("DataError", `JWK: use '${jwk.use}' does not allow these usages`);
    }
    if (jwk.key_ops !== undefined) {
      for (const usage of usages) {
        if (!Array.from(jwk.key_ops).includes(usage)) throw fail("DataError", `JWK: key_ops does not include '${usage}'`);
      }
    }
    if (jwk.ext === false && extractable) throw fail("DataError", "JWK: ext is false, the key cannot be extractable");
  }

  function jwkBase(kty, usages, extractable) {
    return { kty, key_ops: usages.slice(), ext: extractable };
  }

  // ---------------------------------------------------------------- the algorithms

  const SECRET_SIZES = [16, 24, 32];
  const AES_JWK = { "AES-GCM": "GCM", "AES-CBC": "CBC" };
  const HMAC_JWK = { "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };
  const RSA_JWK = { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" };
  const CURVES = { "P-256": 32, "P-384": 48, "P-521": 66 };
  const ECDSA_JWK = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

  function importSecret(format, keyData, name, dictionary, extractable, keyUsages) {
    const isHmac = name === "HMAC";
    const usages = usagesOf(keyUsages, isHmac ? ["sign", "verify"] : ["encrypt", "decrypt", "wrapKey", "unwrapKey"], "importKey");
    const hash = isHmac ? hashOf(dictionary, "importKey") : undefined;
    let binary;
    if (format === "raw") {
      binary = bufferBinary(keyData, "importKey: a 'raw' key");
    } else if (format === "jwk") {
      const expected = isHmac ? HMAC_JWK[hash] : `A${(fromBase64url(keyData?.k ?? "", "k").length) * 8}${AES_JWK[name]}`;
      checkJwk(keyData, "oct", usages, extractable, expected);
      if (keyData.k === undefined) throw fail("DataError", "JWK: an 'oct' key needs 'k'");
      binary = fromBase64url(keyData.k, "k");
    } else {
      throw fail("NotSupportedError", `importKey: ${name} keys come as 'raw' or 'jwk', not '${format}'`);
    }
    if (isHmac) {
      if (binary.length === 0) throw fail("DataError", "importKey: an HMAC key cannot be empty");
      let length = binary.length * 8;
      if (dictionary.length !== undefined) {
        length = Number(dictionary.length);
        if (!(length > binary.length * 8 - 8 && length <= binary.length * 8)) {
          throw fail("DataError", `importKey: length ${dictionary.length} does not fit a ${binary.length}-byte key`);
        }
      }
      return newKey("secret", extractable, { name, hash: { name: hash }, length }, usages, binary);
    }
    if (!SECRET_SIZES.includes(binary.length)) {
      throw fail("DataError", `importKey: an AES key is 16, 24 or 32 bytes, not ${binary.length}`);
    }
    return newKey("secret", extractable, { name, length: binary.length * 8 }, usages, binary);
  }

  function importAsymmetric(format, keyData, name, dictionary, extractable, keyUsages) {
    const isRsa = name === "RSASSA-PKCS1-v1_5";
    const kind = isRsa ? "RSA" : "EC";
    const hash = isRsa ? hashOf(dictionary, "importKey") : undefined;
    const curve = isRsa ? undefined : String(dictionary.namedCurve);
    if (!isRsa && !(curve in CURVES)) throw fail("NotSupportedError", `importKey: namedCurve '${dictionary.namedCurve}' (P-256, P-384 or P-521)`);
    let type;
    let parts;
    if (format === "spki") {
      type = "public";
      parts = unwrap(host.publicKeyParts(kind, bufferBinary(keyData, "importKey: an 'spki' key")));
      if (!isRsa && parts[0] !== curve) throw fail("DataError", `importKey: the key is on ${parts[0]}, not ${curve}`);
      if (!isRsa) parts = parts.slice(1);
    } else if (format === "pkcs8" && isRsa) {
      type = "private";
      parts = unwrap(host.rsaPrivateKeyParts(bufferBinary(keyData, "importKey: a 'pkcs8' key")));
    } else if (format === "raw" && !isRsa) {
      type = "public";
      const binary = bufferBinary(keyData, "importKey: a 'raw' key");
      const size = CURVES[curve];
      if (binary.length !== 1 + 2 * size || binary.charCodeAt(0) !== 4) {
        throw fail("DataError", `importKey: a raw ${curve} key is an uncompressed point of ${1 + 2 * size} bytes`);
      }
      parts = [binary.slice(1, 1 + size), binary.slice(1 + size)];
    } else if (format === "jwk") {
      if (keyData === null || typeof keyData !== "object") throw new TypeError("importKey: a 'jwk' key must be a JsonWebKey object");
      type = keyData.d === undefined ? "public" : "private";
      checkJwk(keyData, kind, usagesOf(keyUsages, type === "public" ? ["verify"] : ["sign"], "importKey"),
        extractable, isRsa ? RSA_JWK[hash] : ECDSA_JWK[curve]);
      if (isRsa) {
        const names = type === "public" ? ["n", "e"] : ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
        parts = names.map((field) => {
          if (keyData[field] === undefined) throw fail("DataError", `JWK: an RSA ${type} key needs '${field}'`);
          return fromBase64url(keyData[field], field);
        });
      } else {
        if (keyData.crv !== curve) throw fail("DataError", `JWK: crv '${keyData.crv}' is not ${curve}`);
        parts = ["x", "y"].map((field) => fromBase64url(keyData[field] ?? "", field));
        if (type === "private") parts.push(fromBase64url(keyData.d, "d"));
      }
    } else {
      throw fail("NotSupportedError", `importKey: ${name} keys come as ${isRsa ? "'spki', 'pkcs8' or 'jwk'" : "'spki', 'raw' or 'jwk'"}, not '${format}'`);
    }
    const usages = usagesOf(keyUsages, type === "public" ? ["verify"] : ["sign"], "importKey");
    const algorithm = isRsa
      ? { name, modulusLength: parts[0].length * 8, publicExponent: fromBinary(parts[1]), hash: { name: hash } }
      : { name, namedCurve: curve };
    return newKey(type, extractable, algorithm, usages, parts);
  }

  function exportKey(format, key) {
    const record = keyOf(key);
    if (!record.extractable) throw fail("InvalidAccessError", "exportKey: the key is not extractable");
    const name = record.algorithm.name;
    const material = record.material;
    if (record.type === "secret") {
      if (format === "raw") return arrayBufferOf(material);
      if (format === "jwk") {
        const jwk = jwkBase("oct", record.usages, record.extractable);
        jwk.k = base64url(material);
        jwk.alg = name === "HMAC" ? HMAC_JWK[record.algorithm.hash.name] : `A${material.length * 8}${AES_JWK[name]}`;
        return jwk;
      }
      throw fail("NotSupportedError", `exportKey: a ${name} key exports as 'raw' or 'jwk', not '${format}'`);
    }
    const isRsa = name === "RSASSA-PKCS1-v1_5";
    if (format === "jwk") {
      const jwk = jwkBase(isRsa ? "RSA" : "EC", record.usages, record.extractable);
      if (isRsa) {
        const fields = record.type === "public" ? ["n", "e"] : ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
        fields.forEach((field, i) => { jwk[field] = base64url(material[i]); });
        jwk.alg = RSA_JWK[record.algorithm.hash.name];
      } else {
        jwk.crv = record.algorithm.namedCurve;
        jwk.x = base64url(material[0]);
        jwk.y = base64url(material[1]);
        if (record.type === "private") jwk.d = base64url(material[2]);
      }
      return jwk;
    }
    if (record.type === "public" && format === "spki") {
      const parts = isRsa ? material : [record.algorithm.namedCurve, material[0], material[1]];
      return arrayBufferOf(unwrap(host.spki(isRsa ? "RSA" : "EC", parts)));
    }
    if (record.type === "public" && format === "raw" && !isRsa) {
      return arrayBufferOf("\x04" + material[0] + material[1]);
    }
    throw fail("NotSupportedError", `exportKey: W9Y exports this ${record.type} ${name} key as 'jwk'${record.type === "public" ? ", 'spki'" : ""}, not '${format}'`);
  }

  function generateKey(name, dictionary, extractable, keyUsages) {
    if (name === "HMAC") {
      const hash = hashOf(dictionary, "generateKey");
      const bits = dictionary.length === undefined ? HASH_BLOCK_BITS[hash] : Number(dictionary.length);
      if (!(bits > 0) || bits % 8 !== 0) throw fail("OperationError", `generateKey: HMAC length ${dictionary.length} (W9Y needs whole bytes)`);
      const usages = usagesOf(keyUsages, ["sign", "verify"], "generateKey");
      return newKey("secret", extractable, { name, hash: { name: hash }, length: bits }, usages, toBinary(internal.randomBytes(bits / 8)));
    }
    if (name === "AES-GCM" || name === "AES-CBC") {
      const bits = Number(dictionary.length);
      if (![128, 192, 256].includes(bits)) throw fail("OperationError", `generateKey: AES length must be 128, 192 or 256, not ${dictionary.length}`);
      const usages = usagesOf(keyUsages, ["encrypt", "decrypt", "wrapKey", "unwrapKey"], "generateKey");
      return newKey("secret", extractable, { name, length: bits }, usages, toBinary(internal.randomBytes(bits / 8)));
    }
    if (name === "RSASSA-PKCS1-v1_5" || name === "ECDSA") {
      throw fail("NotSupportedError", `generateKey: W9Y does not generate ${name} keys (the JDK would draw its own randomness); import a fixed test key instead`);
    }
    throw fail("NotSupportedError", `generateKey: ${name} is not a key algorithm`);
  }

  function sign(name, dictionary, key, data) {
    if (name === "HMAC") {
      const record = checkKey(key, name, "sign", "sign");
      return arrayBufferOf(unwrap(host.hmac(record.algorithm.hash.name, record.material, data)));
    }
    if (name === "RSASSA-PKCS1-v1_5") {
      const record = checkKey(key, name, "sign", "sign");
      return arrayBufferOf(unwrap(host.rsaSign(record.algorithm.hash.name, record.material, data)));
    }
    if (name === "ECDSA") {
      checkKey(key, name, "sign", "sign");
      throw fail("NotSupportedError", "sign: W9Y does not sign with ECDSA (the JDK draws the nonce from its own randomness); verify works");
    }
    throw fail("NotSupportedError", `sign: ${name} does not sign`);
  }

  function verify(name, dictionary, key, signature, data) {
    if (name === "HMAC") {
      const record = checkKey(key, name, "verify", "verify");
      const expected = unwrap(host.hmac(record.algorithm.hash.name, record.material, data));
      return timingSafeEqualBinary(expected, signature);
    }
    if (name === "RSASSA-PKCS1-v1_5" || name === "ECDSA") {
      const record = checkKey(key, name, "verify", "verify");
      const hash = name === "ECDSA" ? hashOf(dictionary, "verify") : record.algorithm.hash.name;
      const parts = name === "ECDSA" ? [record.algorithm.namedCurve, record.material[0], record.material[1]] : record.material;
      return unwrap(host.verify(name === "ECDSA" ? "EC" : "RSA", hash, parts, signature, data));
    }
    throw fail("NotSupportedError", `verify: ${name} does not verify`);
  }

  // PBKDF2 (RFC 8018) or HKDF (RFC 5869) bits from a base key, computed by the host.
  function derive(name, dictionary, baseKey, length, operation) {
    if (name !== "PBKDF2" && name !== "HKDF") throw fail("NotSupportedError", `${operation}: ${name} does not derive`);
    const record = checkKey(baseKey, name, operation, operation);
    const bits = length === null || length === undefined ? NaN : Number(length);
    if (!Number.isInteger(bits) || bits <= 0 || bits % 8 !== 0) {
      throw fail("OperationError", `${operation}: the length must be a positive multiple of 8, not ${length}`);
    }
    const hash = hashOf(dictionary, operation);
    const salt = bufferBinary(dictionary.salt, `${operation}: the algorithm's salt`);
    if (name === "PBKDF2") {
      const iterations = Number(dictionary.iterations);
      if (!Number.isInteger(iterations) || iterations <= 0) throw fail("OperationError", `${operation}: iterations must be a positive integer, not ${dictionary.iterations}`);
      if (iterations > MAX_PBKDF2_ITERATIONS) {
        throw fail("NotSupportedError", `${operation}: at most ${MAX_PBKDF2_ITERATIONS} PBKDF2 iterations (as in workerd), not ${iterations}`);
      }
      return unwrap(host.pbkdf2(hash, record.material, salt, iterations, bits));
    }
    if (bits > 255 * HASH_BYTES[hash] * 8) throw fail("OperationError", `${operation}: HKDF gives at most ${255 * HASH_BYTES[hash] * 8} bits with ${hash}`);
    const info = bufferBinary(dictionary.info, `${operation}: the algorithm's info`);
    return unwrap(host.hkdf(hash, record.material, salt, info, bits));
  }

  const GCM_TAG_LENGTHS = [32, 64, 96, 104, 112, 120, 128];

  function cipher(encrypt, name, dictionary, key, data) {
    const operation = encrypt ? "encrypt" : "decrypt";
    if (name !== "AES-GCM" && name !== "AES-CBC") throw fail("NotSupportedError", `${operation}: ${name} does not ${operation}`);
    const record = checkKey(key, name, operation, operation);
    const iv = bufferBinary(dictionary.iv, `${operation}: the algorithm's iv`);
    if (name === "AES-CBC") {
      if (iv.length !== 16) throw fail("OperationError", `${operation}: an AES-CBC iv is 16 bytes, not ${iv.length}`);
      return arrayBufferOf(unwrap(host.aesCbc(encrypt, record.material, iv, data)));
    }
    if (iv.length === 0) throw fail("OperationError", `${operation}: an AES-GCM iv cannot be empty`);
    const tagLength = dictionary.tagLength === undefined ? 128 : Number(dictionary.tagLength);
    if (!GCM_TAG_LENGTHS.includes(tagLength)) throw fail("OperationError", `${operation}: tagLength ${dictionary.tagLength} is not one of ${GCM_TAG_LENGTHS.join(", ")}`);
    if (!encrypt && data.length < tagLength / 8) throw fail("OperationError", "decrypt: the data is shorter than its tag");
    const additional = dictionary.additionalData === undefined ? null : bufferBinary(dictionary.additionalData, `${operation}: additionalData`);
    return arrayBufferOf(unwrap(host.aesGcm(encrypt, record.material, iv, additional, tagLength, data)));
  }

  // Compares every byte whatever the first difference (the time it takes says nothing).
  function timingSafeEqualBinary(a, b) {
    if (a.length !== b.length) return false;
    let difference = 0;
    for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return difference === 0;
  }

  // ---------------------------------------------------------------- SubtleCrypto (§20)

  // Every method settles through a promise: argument errors reject rather than throw (§20.1).
  const promised = (work) => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  class SubtleCrypto {
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor");
    }
    digest(algorithm, data) {
      return promised(() => {
        const { name } = normalize(algorithm, "digest");
        if (!HASHES.includes(name)) throw fail("NotSupportedError", `digest: '${name}' is not a hash`);
        return arrayBufferOf(unwrap(host.digest(name, bufferBinary(data, "digest: data"))));
      });
    }
    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "importKey");
        const kind = String(format);
        if (!["raw", "spki", "pkcs8", "jwk"].includes(kind)) throw new TypeError(`importKey: '${format}' is not a key format`);
        if (name === "HMAC" || name === "AES-GCM" || name === "AES-CBC") {
          return importSecret(kind, keyData, name, dictionary, extractable, keyUsages);
        }
        if (name === "RSASSA-PKCS1-v1_5" || name === "ECDSA") {
          return importAsymmetric(kind, keyData, name, dictionary, extractable, keyUsages);
        }
        if (name === "PBKDF2" || name === "HKDF") {
          if (kind !== "raw") throw fail("NotSupportedError", `importKey: ${name} keys come as 'raw', not '${format}'`);
          if (extractable) throw fail("SyntaxError", `importKey: a ${name} key cannot be extractable`);
          const usages = usagesOf(keyUsages, ["deriveKey", "deriveBits"], "importKey");
          return newKey("secret", false, { name }, usages, bufferBinary(keyData, "importKey: a 'raw' key"));
        }
        throw fail("NotSupportedError", `importKey: ${name} has no keys`);
      });
    }
    exportKey(format, key) {
      return promised(() => exportKey(String(format), key));
    }
    generateKey(algorithm, extractable, keyUsages) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "generateKey");
        return generateKey(name, dictionary, extractable, keyUsages);
      });
    }
    sign(algorithm, key, data) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "sign");
        return sign(name, dictionary, key, bufferBinary(data, "sign: data"));
      });
    }
    verify(algorithm, key, signature, data) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "verify");
        return verify(name, dictionary, key, bufferBinary(signature, "verify: signature"), bufferBinary(data, "verify: data"));
      });
    }
    encrypt(algorithm, key, data) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "encrypt");
        return cipher(true, name, dictionary, key, bufferBinary(data, "encrypt: data"));
      });
    }
    decrypt(algorithm, key, data) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "decrypt");
        return cipher(false, name, dictionary, key, bufferBinary(data, "decrypt: data"));
      });
    }
    deriveBits(algorithm, baseKey, length) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "deriveBits");
        return arrayBufferOf(derive(name, dictionary, baseKey, length, "deriveBits"));
      });
    }
    deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "deriveKey");
        const target = normalize(derivedKeyAlgorithm, "deriveKey");
        let bits;
        if (target.name === "HMAC") {
          const hash = hashOf(target.dictionary, "deriveKey");
          bits = target.dictionary.length === undefined ? HASH_BLOCK_BITS[hash] : Number(target.dictionary.length);
        } else if (target.name === "AES-GCM" || target.name === "AES-CBC") {
          bits = Number(target.dictionary.length);
          if (![128, 192, 256].includes(bits)) throw fail("OperationError", `deriveKey: AES length must be 128, 192 or 256, not ${target.dictionary.length}`);
        } else {
          throw fail("NotSupportedError", `deriveKey: W9Y derives HMAC and AES keys, not ${target.name}`);
        }
        const binary = derive(name, dictionary, baseKey, bits, "deriveKey");
        return importSecret("raw", fromBinary(binary), target.name, target.dictionary, extractable, keyUsages);
      });
    }
    wrapKey() { return Promise.reject(fail("NotSupportedError", "wrapKey: not implemented in W9Y yet")); }
    unwrapKey() { return Promise.reject(fail("NotSupportedError", "unwrapKey: not implemented in W9Y yet")); }
    // Cloudflare Workers' extension: equal-length buffers compared without an early exit.
    timingSafeEqual(a, b) {
      const left = bufferBinary(a, "timingSafeEqual: the first argument");
      const right = bufferBinary(b, "timingSafeEqual: the second argument");
      if (left.length !== right.length) throw new TypeError("timingSafeEqual: the buffers must have the same length");
      return timingSafeEqualBinary(left, right);
    }
  }
  Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: "SubtleCrypto", configurable: true });

  Object.defineProperty(globalThis.crypto, "subtle", {
    value: new SubtleCrypto(CREATE), enumerable: true, configurable: true, writable: false,
  });
  internal.defineGlobal("CryptoKey", CryptoKey);
  internal.defineGlobal("SubtleCrypto", SubtleCrypto);
});
