// Web Cryptography API (W3C, with the Secure Curves draft): crypto.subtle and CryptoKey for every
// algorithm workerd has — SHA digests, HMAC, AES-GCM/CBC/CTR/KW, RSASSA-PKCS1-v1_5, RSA-PSS,
// RSA-OAEP, ECDSA, ECDH, Ed25519, X25519, PBKDF2 and HKDF, wrapKey/unwrapKey — plus Workers'
// crypto.subtle.timingSafeEqual. The primitives run on the JDK's providers (WebCrypto.java and
// its neighbours); algorithm names, key formats, usages and errors follow the spec here. Every
// random draw (generated keys, signature nonces, PSS salts, OAEP seeds) comes from the
// instance's seeded stream: the host gets a seed drawn here and expands it deterministically.
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
    if (name === undefined) {
      throw fail("NotSupportedError", operation === "generateKey"
        ? `Unrecognized key generation algorithm "${dictionary.name}" requested.`
        : `${operation}: unrecognized algorithm '${dictionary.name}'`);
    }
    return { name, dictionary };
  }

  function hashOf(dictionary, operation) {
    if (dictionary.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
    const wanted = String(typeof dictionary.hash === "string" ? dictionary.hash : dictionary.hash?.name).toUpperCase();
    const hash = HASHES.find((known) => known === wanted);
    if (hash === undefined) throw fail("NotSupportedError", "Unrecognized or unimplemented digest algorithm requested.");
    return hash;
  }

  // A host result: a binary string, boolean or array of parts, or {error, message} for a failure.
  function unwrap(result) {
    if (typeof result === "string" || typeof result === "boolean") return result;
    if (typeof result.error === "string") throw fail(result.error, result.message);
    return Array.from(result);
  }

  // KeyUsage's order (§13), in which workerd lists a key's usages whatever order they came in.
  const KEY_USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  // The usages asked for, each one allowed; context says what for ("generate HMAC",
  // "import public ECDSA") in workerd's message.
  function usagesOf(keyUsages, allowed, context) {
    const list = Array.from(keyUsages, String);
    for (const usage of list) {
      if (!allowed.includes(usage)) throw fail("SyntaxError", `Attempt to ${context} key with invalid usage "${usage}".`);
    }
    return KEY_USAGES.filter((usage) => list.includes(usage));
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
    // A new copy on every read, as workerd gives them (not the spec's one cached object).
    get algorithm() { return copyAlgorithm(keyOf(this).algorithm); }
    get usages() { return keyOf(this).usages.slice(); }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", configurable: true });

  function keyOf(object) {
    const key = typeof object === "object" && object !== null ? KEYS.get(object) : undefined;
    if (key === undefined) throw new TypeError("not a CryptoKey");
    return key;
  }

  function newKey(type, extractable, algorithm, usages, material) {
    if ((type === "secret" || type === "private") && usages.length === 0) {
      throw fail("SyntaxError", "Secret/private CryptoKeys must have at least one usage.");
    }
    const object = new CryptoKey(CREATE);
    KEYS.set(object, {
      type, extractable: Boolean(extractable), algorithm, usages, material,
    });
    return object;
  }

  function copyAlgorithm(algorithm) {
    const copy = {};
    for (const key of Object.keys(algorithm)) {
      const value = algorithm[key];
      copy[key] = value instanceof Uint8Array ? value.slice()
        : value !== null && typeof value === "object" ? { ...value } : value;
    }
    return copy;
  }

  function checkKey(key, name, usage, operation) {
    const record = keyOf(key);
    if (record.algorithm.name !== name) {
      throw fail("InvalidAccessError", `Requested algorithm "${name}" does not match this CryptoKey's algorithm "${record.algorithm.name}".`);
    }
    if (!record.usages.includes(usage)) {
      throw fail("InvalidAccessError", `Requested key usage "${usage}" does not match any usage listed in this CryptoKey.`);
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

  // expectedAlg's mismatch says what it was checked against: 'requested curve' for EC keys.
  function checkJwk(jwk, kty, usages, extractable, expectedAlg, name) {
    if (jwk === null || typeof jwk !== "object" || ArrayBuffer.isView(jwk) || jwk instanceof ArrayBuffer) {
      throw new TypeError("importKey: a 'jwk' key must be a JsonWebKey object");
    }
    if (jwk.kty !== kty) {
      throw fail("DataError", `${name} "jwk" key imports requires a JSON Web Key with Key Type parameter "kty" ("${jwk.kty}") equal to "${kty}".`);
    }
    if (expectedAlg !== undefined && jwk.alg !== undefined && jwk.alg !== expectedAlg) {
      // workerd names the JWK's alg twice.
      const against = kty === "EC" ? "curve" : `hash algorithm "${jwk.alg}"`;
      throw fail("DataError", `JSON Web Key Algorithm parameter "alg" ("${jwk.alg}") does not match requested ${against}.`);
    }
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== (usages.some((u) => u === "sign" || u === "verify") ? "sig" : "enc")) {
      throw fail("DataError", `JWK: use '${jwk.use}' does not allow these usages`);
    }
    if (jwk.key_ops !== undefined) {
      for (const usage of usages) {
        if (!Array.from(jwk.key_ops).includes(usage)) throw fail("DataError", `JWK: key_ops does not include '${usage}'`);
      }
    }
    if (jwk.ext === false && extractable) throw fail("DataError", "JWK: ext is false, the key cannot be extractable");
  }

  // An exported JWK as workerd gives it: every JsonWebKey member, in this order, those the key
  // does not have present but undefined (JSON.stringify leaves them out).
  const JWK_MEMBERS = ["kty", "use", "key_ops", "alg", "ext", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "oth", "k"];
  function jwkOf(kty, record, alg, members) {
    const jwk = {};
    for (const member of JWK_MEMBERS) jwk[member] = members[member];
    Object.assign(jwk, { kty, key_ops: record.usages.slice(), alg, ext: record.extractable });
    return jwk;
  }

  // ---------------------------------------------------------------- the algorithms

  const SECRET_SIZES = [16, 24, 32];
  const AES = ["AES-GCM", "AES-CBC", "AES-CTR", "AES-KW"];
  const AES_JWK = { "AES-GCM": "GCM", "AES-CBC": "CBC", "AES-CTR": "CTR", "AES-KW": "KW" };
  const AES_USAGES = { "AES-KW": ["wrapKey", "unwrapKey"] };
  const HASH_SUFFIX = { "SHA-1": "1", "SHA-256": "256", "SHA-384": "384", "SHA-512": "512" };
  const HMAC_JWK = (hash) => `HS${HASH_SUFFIX[hash]}`;
  const CURVES = { "P-256": 32, "P-384": 48, "P-521": 66 };
  const ECDSA_JWK = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };
  // Which family each asymmetric algorithm's keys belong to, and what its keys are for.
  const FAMILY = {
    "RSASSA-PKCS1-v1_5": "RSA", "RSA-PSS": "RSA", "RSA-OAEP": "RSA",
    ECDSA: "EC", ECDH: "EC", Ed25519: "OKP", X25519: "OKP",
  };
  const PURPOSE = {
    "RSASSA-PKCS1-v1_5": "sign", "RSA-PSS": "sign", ECDSA: "sign", Ed25519: "sign",
    "RSA-OAEP": "encrypt", ECDH: "agree", X25519: "agree",
  };
  const USAGES = {
    sign: { public: ["verify"], private: ["sign"] },
    encrypt: { public: ["encrypt", "wrapKey"], private: ["decrypt", "unwrapKey"] },
    agree: { public: [], private: ["deriveKey", "deriveBits"] },
  };
  // RFC 7518 §6.3's names, as workerd's errors give them.
  const RSA_FIELD_NAMES = {
    n: "Modulus", e: "Exponent", d: "Private Exponent", p: "First Prime Factor", q: "Second Prime Factor",
    dp: "First Factor CRT Exponent", dq: "Second Factor CRT Exponent", qi: "First CRT Coefficient",
  };
  const RSA_FIELDS = { public: ["n", "e"], private: ["n", "e", "d", "p", "q", "dp", "dq", "qi"] };
  // RFC 8410 DER around a raw 32-byte key.
  const OKP_SPKI = { Ed25519: "\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00", X25519: "\x30\x2a\x30\x05\x06\x03\x2b\x65\x6e\x03\x21\x00" };
  const OKP_PKCS8 = { Ed25519: "\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x70\x04\x22\x04\x20", X25519: "\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x6e\x04\x22\x04\x20" };
  const RSA_EXPONENTS = ["\x03", "\x01\x00\x01"];
  const isAsymmetric = (name) => FAMILY[name] !== undefined;

  // A seed for the host's deterministic random source, drawn from the instance's seeded stream.
  const seed = () => toBinary(internal.randomBytes(32));

  function asymmetricJwkAlg(algorithm) {
    const hash = algorithm.hash?.name;
    switch (algorithm.name) {
      case "RSASSA-PKCS1-v1_5": return `RS${HASH_SUFFIX[hash]}`;
      case "RSA-PSS": return `PS${HASH_SUFFIX[hash]}`;
      case "RSA-OAEP": return hash === "SHA-1" ? "RSA-OAEP" : `RSA-OAEP-${HASH_SUFFIX[hash]}`;
      case "Ed25519": return "EdDSA";
      default: return undefined;
    }
  }

  function importSecret(format, keyData, name, dictionary, extractable, keyUsages) {
    const isHmac = name === "HMAC";
    const usages = usagesOf(keyUsages, isHmac ? ["sign", "verify"] : AES_USAGES[name] ?? ["encrypt", "decrypt", "wrapKey", "unwrapKey"], `import secret ${name}`);
    const hash = isHmac ? hashOf(dictionary, "importKey") : undefined;
    let binary;
    if (format === "raw") {
      binary = bufferBinary(keyData, "importKey: a 'raw' key");
    } else if (format === "jwk") {
      const expected = isHmac ? HMAC_JWK(hash) : `A${(fromBase64url(keyData?.k ?? "", "k").length) * 8}${AES_JWK[name]}`;
      checkJwk(keyData, "oct", usages, extractable, expected, name);
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
      throw fail("DataError", `Imported AES key length must be 128, 192, or 256 bits but provided ${binary.length * 8}.`);
    }
    return newKey("secret", extractable, { name, length: binary.length * 8 }, usages, binary);
  }

  // The algorithm object of an asymmetric key (§ "RsaHashedKeyAlgorithm", "EcKeyAlgorithm", ...).
  function asymmetricAlgorithm(name, dictionary, parts, operation) {
    const family = FAMILY[name];
    if (family === "RSA") {
      return { name, modulusLength: parts[0].length * 8, publicExponent: fromBinary(parts[1]), hash: { name: hashOf(dictionary, operation) } };
    }
    if (family === "EC") return { name, namedCurve: String(dictionary.namedCurve) };
    return { name };
  }

  function namedCurveOf(dictionary, operation) {
    if (dictionary.namedCurve === undefined) throw new TypeError('Missing field "namedCurve" in "algorithm".');
    const curve = String(dictionary.namedCurve);
    if (!(curve in CURVES)) throw fail("NotSupportedError", `Unrecognized or unimplemented EC curve "${curve}" requested.`);
    return curve;
  }

  // A key's parts: RSA public [n, e], private [n, e, d, p, q, dp, dq, qi]; EC public [x, y],
  // private [x, y, d]; Ed25519/X25519 public [key], private [public key, private key].
  function importAsymmetric(format, keyData, name, dictionary, extractable, keyUsages) {
    const family = FAMILY[name];
    const curve = family === "EC" ? namedCurveOf(dictionary, "importKey") : undefined;
    if (family === "RSA") hashOf(dictionary, "importKey");
    let type;
    let parts;
    if (format === "spki") {
      type = "public";
      const binary = bufferBinary(keyData, "importKey: an 'spki' key");
      if (family === "OKP") {
        if (binary.length !== 44 || !binary.startsWith(OKP_SPKI[name])) throw fail("DataError", "Invalid SPKI input.");
        parts = [binary.slice(12)];
      } else {
        parts = unwrap(host.publicKeyParts(family, binary));
        if (family === "EC") {
          if (parts[0] !== curve) throw fail("DataError", `"algorithm.namedCurve" "${curve}" does not match the curve specified by the input key data.`);
          parts = parts.slice(1);
        }
      }
    } else if (format === "pkcs8") {
      type = "private";
      const binary = bufferBinary(keyData, "importKey: a 'pkcs8' key");
      if (family === "RSA") {
        parts = unwrap(host.rsaPrivateKeyParts(binary));
      } else if (family === "EC") {
        parts = unwrap(host.ecPrivateParts(binary));
        if (parts[0] !== curve) throw fail("DataError", `"algorithm.namedCurve" "${curve}" does not match the curve specified by the input key data.`);
        parts = parts.slice(1);
      } else {
        // workerd takes either curve's PKCS #8 for both (an Ed25519 key imports as X25519).
        if (binary.length !== 48 || !Object.values(OKP_PKCS8).some((prefix) => binary.startsWith(prefix))) throw fail("DataError", "Invalid PKCS8 input.");
        const privateKey = binary.slice(16);
        parts = [unwrap(host.okpPublicOf(name, privateKey)), privateKey];
      }
    } else if (format === "raw" && family !== "RSA") {
      type = "public";
      const binary = bufferBinary(keyData, "importKey: a 'raw' key");
      if (family === "EC") {
        const size = CURVES[curve];
        if (binary.length !== 1 + 2 * size || binary.charCodeAt(0) !== 4) {
          throw fail("DataError", `importKey: a raw ${curve} key is an uncompressed point of ${1 + 2 * size} bytes`);
        }
        parts = [binary.slice(1, 1 + size), binary.slice(1 + size)];
      } else {
        if (binary.length !== 32) throw fail("DataError", `${name} raw keys must be exactly 32-bytes (provided ${binary.length}).`);
        parts = [binary];
      }
    } else if (format === "jwk") {
      ({ type, parts } = asymmetricFromJwk(keyData, name, curve, keyUsages, extractable, dictionary));
    } else {
      throw fail("NotSupportedError", `Unrecognized key import format "${format}".`);
    }
    const usages = usagesOf(keyUsages, USAGES[PURPOSE[name]][type], `import ${type} ${name}`);
    return newKey(type, extractable, asymmetricAlgorithm(name, dictionary, parts, "importKey"), usages, parts);
  }

  function asymmetricFromJwk(jwk, name, curve, keyUsages, extractable, dictionary) {
    if (jwk === null || typeof jwk !== "object") throw new TypeError("importKey: a 'jwk' key must be a JsonWebKey object");
    const family = FAMILY[name];
    const type = jwk.d === undefined ? "public" : "private";
    const usages = usagesOf(keyUsages, USAGES[PURPOSE[name]][type], `import ${type} ${name}`);
    const expectedAlg = family === "RSA" ? asymmetricJwkAlg({ name, hash: { name: hashOf(dictionary, "importKey") } })
      : name === "ECDSA" ? ECDSA_JWK[curve] : undefined;
    if (family === "OKP" && jwk.kty === "OKP" && jwk.crv !== name) {
      throw fail("NotSupportedError", `Only ${name} is supported but "${jwk.crv}" was requested.`);
    }
    checkJwk(jwk, family, usages, extractable, expectedAlg, name);
    const field = (key) => {
      if (jwk[key] === undefined) {
        const what = family === "RSA" ? `RSA key in JSON Web Key; missing or invalid ${RSA_FIELD_NAMES[key]} parameter ("${key}")` : `${family} key in JSON Web Key`;
        throw fail("DataError", `Invalid ${what}.`);
      }
      return fromBase64url(jwk[key], key);
    };
    if (family === "RSA") return { type, parts: RSA_FIELDS[type].map(field) };
    const wantedCurve = family === "EC" ? curve : name;
    if (jwk.crv !== wantedCurve) throw fail("DataError", `JWK: crv '${jwk.crv}' is not ${wantedCurve}`);
    if (family === "EC") {
      const parts = ["x", "y"].map(field);
      if (parts.some((part) => part.length !== CURVES[curve])) throw fail("DataError", `JWK: x and y of a ${curve} key are ${CURVES[curve]} bytes`);
      if (type === "private") {
        const d = field("d");
        const derived = unwrap(host.ecPublicOf(curve, d));
        if (derived[0] !== parts[0] || derived[1] !== parts[1]) throw fail("DataError", "Invalid EC key in JSON Web Key.");
        parts.push(d);
      }
      return { type, parts };
    }
    const x = field("x");
    if (x.length !== 32) throw fail("DataError", `JWK: x of a ${name} key is 32 bytes`);
    if (type === "public") return { type, parts: [x] };
    const d = field("d");
    if (d.length !== 32 || unwrap(host.okpPublicOf(name, d)) !== x) throw fail("DataError", "JWK: d does not belong to x");
    return { type, parts: [x, d] };
  }

  function exportKey(format, key) {
    const record = keyOf(key);
    const algorithm = record.algorithm;
    const name = algorithm.name;
    if (!record.extractable) throw fail("InvalidAccessError", `Attempt to export non-extractable ${name} key.`);
    const material = record.material;
    if (record.type === "secret") {
      if (name === "PBKDF2" || name === "HKDF") throw fail("NotSupportedError", `exportKey: ${name} keys cannot be exported`);
      if (format === "raw") return arrayBufferOf(material);
      if (format === "jwk") {
        const alg = name === "HMAC" ? HMAC_JWK(algorithm.hash.name) : `A${material.length * 8}${AES_JWK[name]}`;
        return jwkOf("oct", record, alg, { k: base64url(material) });
      }
      throw fail("NotSupportedError", `Cannot export "${name}" in "${format}" format.`);
    }
    const family = FAMILY[name];
    const isPublic = record.type === "public";
    if (format === "jwk") {
      const members = {};
      if (family === "RSA") {
        RSA_FIELDS[record.type].forEach((field, index) => { members[field] = base64url(material[index]); });
      } else {
        members.crv = family === "EC" ? algorithm.namedCurve : name;
        members.x = base64url(material[0]);
        if (family === "EC") members.y = base64url(material[1]);
        if (!isPublic) members.d = base64url(material[family === "EC" ? 2 : 1]);
      }
      return jwkOf(family, record, asymmetricJwkAlg(algorithm), members);
    }
    if (isPublic && format === "spki") {
      if (family === "OKP") return arrayBufferOf(OKP_SPKI[name] + material[0]);
      const parts = family === "RSA" ? material : [algorithm.namedCurve, material[0], material[1]];
      return arrayBufferOf(unwrap(host.spki(family, parts)));
    }
    if (!isPublic && format === "pkcs8") {
      if (family === "OKP") return arrayBufferOf(OKP_PKCS8[name] + material[1]);
      return arrayBufferOf(unwrap(family === "RSA" ? host.rsaPkcs8(material) : host.ecPkcs8(algorithm.namedCurve, material)));
    }
    if (isPublic && format === "raw" && family !== "RSA") {
      return arrayBufferOf(family === "EC" ? "\x04" + material[0] + material[1] : material[0]);
    }
    if (family !== "RSA" || format !== "raw") {
      const needed = format === "pkcs8" ? "private" : "public";
      throw fail("InvalidAccessError", `Asymmetric ${format} export requires ${needed} key (not "${record.type}").`);
    }
    throw fail("InvalidAccessError", `Cannot export "${name}" in "${format}" format.`);
  }

  function generateKey(name, dictionary, extractable, keyUsages) {
    if (name === "HMAC") {
      const hash = hashOf(dictionary, "generateKey");
      const bits = dictionary.length === undefined ? HASH_BLOCK_BITS[hash] : Number(dictionary.length);
      if (!(bits > 0) || bits % 8 !== 0) throw fail("OperationError", `generateKey: HMAC length ${dictionary.length} (W9Y needs whole bytes)`);
      const usages = usagesOf(keyUsages, ["sign", "verify"], `generate ${name}`);
      return newKey("secret", extractable, { name, hash: { name: hash }, length: bits }, usages, toBinary(internal.randomBytes(bits / 8)));
    }
    if (AES.includes(name)) {
      const bits = Number(dictionary.length);
      if (![128, 192, 256].includes(bits)) throw fail("OperationError", `Generated AES key length must be 128, 192, or 256 bits but requested ${dictionary.length}.`);
      const usages = usagesOf(keyUsages, AES_USAGES[name] ?? ["encrypt", "decrypt", "wrapKey", "unwrapKey"], `generate ${name}`);
      return newKey("secret", extractable, { name, length: bits }, usages, toBinary(internal.randomBytes(bits / 8)));
    }
    if (!isAsymmetric(name)) throw fail("NotSupportedError", `generateKey: ${name} is not a key algorithm`);
    const allowed = USAGES[PURPOSE[name]];
    const requested = usagesOf(keyUsages, [...allowed.private, ...allowed.public], `generate ${name}`);
    const family = FAMILY[name];
    let privateParts;
    let publicParts;
    let algorithm;
    if (family === "RSA") {
      const hash = hashOf(dictionary, "generateKey");
      const bits = Number(dictionary.modulusLength);
      const exponent = bufferBinary(dictionary.publicExponent, "generateKey: publicExponent").replace(/^\x00+/, "");
      if (!Number.isInteger(bits) || bits < 256 || bits > 16384 || bits % 8 !== 0) {
        throw fail("OperationError", `The modulus length must be a multiple of 8 and between 256 and 16k, but ${dictionary.modulusLength} was requested.`);
      }
      if (!RSA_EXPONENTS.includes(exponent)) {
        const value = Array.from(exponent, (c) => c.charCodeAt(0)).reduce((total, byte) => total * 256 + byte, 0);
        throw fail("OperationError", `The "publicExponent" must be either 3 or 65537, but got ${value}.`);
      }
      privateParts = unwrap(host.rsaGenerate(bits, exponent, seed()));
      publicParts = privateParts.slice(0, 2);
      algorithm = { name, modulusLength: bits, publicExponent: fromBinary(exponent), hash: { name: hash } };
    } else if (family === "EC") {
      const curve = namedCurveOf(dictionary, "generateKey");
      privateParts = unwrap(host.ecGenerate(curve, seed()));
      publicParts = privateParts.slice(0, 2);
      algorithm = { name, namedCurve: curve };
    } else {
      const privateKey = toBinary(internal.randomBytes(32));
      publicParts = [unwrap(host.okpPublicOf(name, privateKey))];
      privateParts = [publicParts[0], privateKey];
      algorithm = { name };
    }
    const privateUsages = requested.filter((usage) => allowed.private.includes(usage));
    if (privateUsages.length === 0) throw fail("SyntaxError", "Attempt to generate asymmetric keys with no valid private key usages.");
    return {
      publicKey: newKey("public", true, algorithm, requested.filter((usage) => allowed.public.includes(usage)), publicParts),
      privateKey: newKey("private", extractable, algorithm, privateUsages, privateParts),
    };
  }

  function sign(name, dictionary, key, data) {
    const record = checkKey(key, name, "sign", "sign");
    const material = record.material;
    switch (name) {
      case "HMAC": return unwrap(host.hmac(record.algorithm.hash.name, material, data));
      case "RSASSA-PKCS1-v1_5": return unwrap(host.rsaSign(record.algorithm.hash.name, material, data));
      case "RSA-PSS": return unwrap(host.pssSign(record.algorithm.hash.name, saltLengthOf(dictionary), material, data, seed()));
      case "ECDSA": return unwrap(host.ecdsaSign(record.algorithm.namedCurve, ecdsaHashOf(dictionary), material[2], data, seed()));
      case "Ed25519": return unwrap(host.ed25519Sign(material[1], data));
      default: throw fail("InvalidAccessError", `sign: ${name} does not sign`);
    }
  }

  function saltLengthOf(dictionary) {
    if (dictionary.saltLength === undefined) throw fail("DataError", "Failed to provide salt for RSA-PSS key operation which requires a salt");
    const length = Number(dictionary.saltLength);
    if (!Number.isInteger(length) || length < 0) throw new TypeError(`RSA-PSS: saltLength ${dictionary.saltLength} is not a non-negative integer`);
    return length;
  }

  function ecdsaHashOf(dictionary) {
    if (dictionary.hash === undefined) {
      throw new TypeError('Missing "hash" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at call time rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)');
    }
    return hashOf(dictionary, "ECDSA");
  }

  function verify(name, dictionary, key, signature, data) {
    const record = checkKey(key, name, "verify", "verify");
    const material = record.material;
    switch (name) {
      case "HMAC": return timingSafeEqualBinary(unwrap(host.hmac(record.algorithm.hash.name, material, data)), signature);
      case "RSASSA-PKCS1-v1_5": return unwrap(host.verify("RSA", record.algorithm.hash.name, material, signature, data));
      case "RSA-PSS": return unwrap(host.pssVerify(record.algorithm.hash.name, saltLengthOf(dictionary), material, signature, data));
      case "ECDSA": {
        // A signature of the wrong length is false (the JDK would reject it as malformed anyway).
        if (signature.length !== 2 * CURVES[record.algorithm.namedCurve]) return false;
        return unwrap(host.verify("EC", ecdsaHashOf(dictionary), [record.algorithm.namedCurve, material[0], material[1]], signature, data));
      }
      case "Ed25519":
        if (signature.length !== 64) throw fail("OperationError", `Invalid Ed25519 signature length ${signature.length}`);
        return unwrap(host.ed25519Verify(material[0], signature, data));
      default: throw fail("InvalidAccessError", `verify: ${name} does not verify`);
    }
  }

  // Bits from a base key: PBKDF2 (RFC 8018) or HKDF (RFC 5869) with a length, or the shared
  // secret of ECDH or X25519, whole or cut to length bits.
  function derive(name, dictionary, baseKey, length, operation) {
    const record = checkKey(baseKey, name, operation, operation);
    if (name === "ECDH" || name === "X25519") return agree(name, dictionary, record, length, operation);
    if (name !== "PBKDF2" && name !== "HKDF") throw fail("InvalidAccessError", `${operation}: ${name} does not derive`);
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

  function agree(name, dictionary, record, length, operation) {
    const peer = dictionary.public;
    const peerRecord = KEYS.get(peer);
    if (peerRecord === undefined) {
      throw new TypeError("Incorrect type for the 'public' field on 'DeriveKeyAlgorithm': the provided value is not of type 'CryptoKey'.");
    }
    if (peerRecord.type !== "public") throw fail("InvalidAccessError", `The provided key has type "${peerRecord.type}", not "public"`);
    if (peerRecord.algorithm.name !== name) {
      throw fail("InvalidAccessError", `Base ${name} private key cannot be used to derive a key from a peer ${peerRecord.algorithm.name} public key`);
    }
    if (name === "ECDH" && peerRecord.algorithm.namedCurve !== record.algorithm.namedCurve) {
      throw fail("InvalidAccessError", `Private key for derivation is using curve "${record.algorithm.namedCurve}" while public key is using "${peerRecord.algorithm.namedCurve}".`);
    }
    const secret = name === "ECDH"
      ? unwrap(host.ecdh(record.algorithm.namedCurve, record.material[2], peerRecord.material))
      : unwrap(host.x25519(record.material[1], peerRecord.material[0]));
    if (length === null || length === undefined) return secret;
    const bits = Number(length);
    if (bits > secret.length * 8) throw fail("OperationError", `Derived key length (${bits} bits) is too long (should be at most ${secret.length * 8} bits).`);
    const cut = secret.slice(0, Math.ceil(bits / 8));
    if (bits % 8 === 0) return cut;
    const mask = (0xff << (8 - (bits % 8))) & 0xff;
    return cut.slice(0, -1) + String.fromCharCode(cut.charCodeAt(cut.length - 1) & mask);
  }

  const GCM_TAG_LENGTHS = [32, 64, 96, 104, 112, 120, 128];

  // encrypt/decrypt, and wrapKey/unwrapKey's step (usage says which: a wrapping key needs wrapKey).
  function cipher(encrypt, name, dictionary, key, data, usage) {
    const operation = encrypt ? "encrypt" : "decrypt";
    const record = checkKey(key, name, usage, usage);
    const material = record.material;
    if (name === "AES-KW") {
      if (usage === operation) throw fail("NotSupportedError", `${operation}: AES-KW only wraps and unwraps keys`);
      return unwrap(host.aesKw(encrypt, material, data));
    }
    if (name === "RSA-OAEP") {
      const label = dictionary.label === undefined ? "" : bufferBinary(dictionary.label, `${operation}: the algorithm's label`);
      return unwrap(host.oaep(record.algorithm.hash.name, material, label, data, encrypt ? seed() : null));
    }
    if (name === "AES-CTR") {
      const counter = bufferBinary(dictionary.counter, `${operation}: the algorithm's counter`);
      if (counter.length !== 16) throw fail("OperationError", `Counter must have length of 16 bytes (provided ${counter.length}).`);
      const length = Number(dictionary.length);
      if (!Number.isInteger(length) || length <= 0 || length > 128) throw fail("OperationError", `Invalid counter of ${dictionary.length} bits length provided.`);
      return unwrap(host.aesCtr(material, counter, length, data));
    }
    if (name !== "AES-GCM" && name !== "AES-CBC") throw fail("InvalidAccessError", `${operation}: ${name} does not ${operation}`);
    const iv = bufferBinary(dictionary.iv, `${operation}: the algorithm's iv`);
    if (name === "AES-CBC") {
      if (iv.length !== 16) throw fail("OperationError", `${operation}: an AES-CBC iv is 16 bytes, not ${iv.length}`);
      return unwrap(host.aesCbc(encrypt, material, iv, data));
    }
    if (iv.length === 0) throw fail("OperationError", `${operation}: an AES-GCM iv cannot be empty`);
    const tagLength = dictionary.tagLength === undefined ? 128 : Number(dictionary.tagLength);
    if (!GCM_TAG_LENGTHS.includes(tagLength)) throw fail("OperationError", `${operation}: tagLength ${dictionary.tagLength} is not one of ${GCM_TAG_LENGTHS.join(", ")}`);
    if (!encrypt && data.length < tagLength / 8) throw fail("OperationError", "decrypt: the data is shorter than its tag");
    const additional = dictionary.additionalData === undefined ? null : bufferBinary(dictionary.additionalData, `${operation}: additionalData`);
    return unwrap(host.aesGcm(encrypt, material, iv, additional, tagLength, data));
  }

  function importKey(format, keyData, name, dictionary, extractable, keyUsages) {
    if (!["raw", "spki", "pkcs8", "jwk"].includes(format)) throw fail("NotSupportedError", `Unrecognized key import format "${format}".`);
    if (name === "HMAC" || AES.includes(name)) return importSecret(format, keyData, name, dictionary, extractable, keyUsages);
    if (isAsymmetric(name)) return importAsymmetric(format, keyData, name, dictionary, extractable, keyUsages);
    if (name === "PBKDF2" || name === "HKDF") {
      if (format !== "raw") throw fail("NotSupportedError", `importKey: ${name} keys come as 'raw', not '${format}'`);
      if (extractable) throw fail("SyntaxError", `${name} key cannot be extractable.`);
      const usages = usagesOf(keyUsages, ["deriveKey", "deriveBits"], `import secret ${name}`);
      return newKey("secret", false, { name }, usages, bufferBinary(keyData, "importKey: a 'raw' key"));
    }
    throw fail("NotSupportedError", `importKey: ${name} has no keys`);
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
        return importKey(String(format), keyData, name, dictionary, extractable, keyUsages);
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
        return arrayBufferOf(sign(name, dictionary, key, bufferBinary(data, "sign: data")));
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
        return arrayBufferOf(cipher(true, name, dictionary, key, bufferBinary(data, "encrypt: data"), "encrypt"));
      });
    }
    decrypt(algorithm, key, data) {
      return promised(() => {
        const { name, dictionary } = normalize(algorithm, "decrypt");
        return arrayBufferOf(cipher(false, name, dictionary, key, bufferBinary(data, "decrypt: data"), "decrypt"));
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
        } else if (AES.includes(target.name)) {
          bits = Number(target.dictionary.length);
          if (![128, 192, 256].includes(bits)) throw fail("OperationError", `deriveKey: AES length must be 128, 192 or 256, not ${target.dictionary.length}`);
        } else {
          throw fail("NotSupportedError", `deriveKey: W9Y derives HMAC and AES keys, not ${target.name}`);
        }
        const binary = derive(name, dictionary, baseKey, bits, "deriveKey");
        return importSecret("raw", fromBinary(binary), target.name, target.dictionary, extractable, keyUsages);
      });
    }
    // Export, then encrypt with a key that has the wrapKey usage (§20.16); jwk goes as JSON text.
    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return promised(() => {
        const { name, dictionary } = normalize(wrapAlgorithm, "wrapKey");
        const kind = String(format);
        const exported = exportKey(kind, key);
        const binary = kind === "jwk" ? internal.utf8Binary(JSON.stringify(exported)) : bufferBinary(exported, "wrapKey");
        return arrayBufferOf(cipher(true, name, dictionary, wrappingKey, binary, "wrapKey"));
      });
    }
    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return promised(() => {
        const { name, dictionary } = normalize(unwrapAlgorithm, "unwrapKey");
        const target = normalize(unwrappedKeyAlgorithm, "unwrapKey");
        const kind = String(format);
        const binary = cipher(false, name, dictionary, unwrappingKey, bufferBinary(wrappedKey, "unwrapKey: wrappedKey"), "unwrapKey");
        let keyData;
        if (kind === "jwk") {
          keyData = JSON.parse(internal.utf8Text(binary)); // a SyntaxError as in workerd
        } else {
          keyData = fromBinary(binary);
        }
        return importKey(kind, keyData, target.name, target.dictionary, extractable, keyUsages);
      });
    }
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
