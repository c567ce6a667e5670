// crypto.subtle beyond the symmetric basics: RSA-OAEP, RSA-PSS, ECDSA, ECDH, Ed25519, X25519,
// AES-CTR, AES-KW, wrapKey/unwrapKey. /fixed works on fixed keys (made once with Node's Web
// Crypto) and gives deterministic bytes; /random generates keys and returns only shapes and
// cross-checks (both runtimes draw different randomness); /errors gives error names and messages.
const FIXTURES = {
  "rsa2048": "MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDD9WCviqT4xRJH6FQQpwSgG0MSz3vF5FcYlAi1c1bZzqd49zux0YYoJ0SYOBqIneMXuUF7h1A7lpZ93/a0BLIBH6LrW+oXW5kNcgUye2KJJblAdOzoxnKS66pnE/Nr27l0SqZyqtmF2MDXDFNhoZ/pgDV1wzFUDNt/R4P3+LWfEY4C3ZV+IRG4gXG/0KCbnKqWke8/Sf0YGuLZ0An88KEGyV55pfGp4+pDOdbFn47TVI3RwifW12+iApPQp9OsOEMIxF7TyRrvIKyMGMlEWuPixOTGaAZcJvv4fqXX8i4NIWAE9nYKQhOeISmbN9Gvhec3c0gBSavAU3tDCW7JM/SHAgMBAAECggEAL3Zj5DC3E4AcFOmbTus9LhBcVxaFGqHbTJsyXsygaSHqI1zyive+QER+k0Xne1aOlgTrbOGR19T5/2P7K5AFk0sX2VzKXrzzXbPTuW30KFbIP2nypdDHGHnXLJ9C8sll6lpYZWanSAl/b7bPDVMp2dMRX8QW0w5ILdRjDPEjAHNB9hu29UCDOjOmFbmBOqsBi9+ATIzNSlBv8oWXoCQpd9A27L3tsSedNhMVMUS7uYPeLcEF+BTJgxlKwivSST4j5xZG8B1vUEEgP9ShcLJMDK0LcqJrTcvzqQTq/r1tEkRLWq+ezhhgQQU+QowVGG8IQoBGRJC1ZXN5X2szxUVjcQKBgQDpEJfGI7RZqOZ2DsOUDnvNto0LR2sb2GpMFSw161b3fTWg5inxmYq0N16FI8wBWdTSJEKAZSVCzb3CMo3CEZ1E2NxKwTGvWYvsBVYqDI+n4oLcrbiwV4/DYhQcPhOYq/INy03JwM267pROSLNL1/UmC9KD2aVzxiPPlhP66LoWdwKBgQDXPf8fPcpvr3Bm5KhVX0xa8AyQfc7V6MZlrTjgXso4bXKijh/VJbA0frpsKg5/sIx4gTOBI71TZmMf7OAXT+E74ycg5U639gx5fEVvlH/A8MQU9ImIvEdmDS2I9BJnfFZxz694i+F5w9KSSMNYYNtbeEX/DAolJ2bajUyeZ9DGcQKBgQCVMrwWaZDwvMEb3oOxajwzCqPsDoIwxy/1GLC+q7N2p78HC5DaSzKR/8gQb0QPsVQeWnv/+cAKre7GPNqm2+PTyQftCxQlbqu2Igxwyq3ECatAXi2XJdawez7ofYzJ9Xj0/6sCdty8yDJEkyHEcbFL89GF+nSCUttl7mtH+mf2LQKBgQCBrurNqe8UR4HTnKUHevmIOOV5ETPTkgInNKz2EmaIhPjyk+r+A00c89XiYZyGtpqL6FxdzGi/nQrQK2oA4bH04TGsEjzRfb+aWpODXNd0KhwZ/BP5fGcQR5RN1bBZBYMX42f3m1/oe2GdnZWE5CaF//s8ZcafCBRiTYwCTM5vIQKBgQDYo0djpBSxioYmrIwlc3vkdi1FuFzMepf1VpUx1MsJ7LB//cKQRUdF8G2Ef4bEaXyHBfiMMvfUmPtPy7i2SRROTX2VEQ1i/xvqPSo556vnSJHY3zdxk69zYNuQU66vwxQHaEgxyholQgxRZq/EOflQfffAgAZ9H2TzFs54lVKshg==",
  "oaepCiphertext": "LaKDWmN3zHWk5emdHc/ii02Qne/VYatkZOm6fEMfs7IPXN3o04mTvnAa/lmrIji686ERkd2s8YgCGFSxKL/B2WhdFITpgj4Ndxp2SyDwvXOSP0MC0lmo8ZD0od0Lobp/mZ2sfjYZfVgJ4RFMy0wot2afFbippzzRjA9uQOu3lIgNsp6jHJY8tIqCrUlzae7dI3fc8+LhSTfRnJP+YXfNjcK1Mv+6XK78wBrOe1IAVKuMt4Gv6jEzdC5u4xTikrNMm3QO2QSHApiXmA8J1z1tiWGu2aY9xn/ihu+vWlO4POkbZpBY6EZUkMBZPPQc6cMqEUDy3zpYrHff3hzl8YYX9A==",
  "rsa1024": "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAK6ocrG/C1Gs+BdACVkRgRnnh3rg5D9wrBhyYop8nBkZ/8IXpMDPYYW7ZgLXUaI55ThuGrV5Go7M06HW/S0wqinB5IflcuJ7giNW24vVA520y7CNr7UL65aV64hajWn2p0r5Nyh8mrtSUMaBmufoj3tgPwefF4FnNSqjl6Vx5fz1AgMBAAECgYBEC9Krl2/UgVwiyssZjW1L511sLUQfx0j1OVNU+xlh2jQ/rTB+Ag3PqWQkBTmDx6SbaKI1Q5pqOjjVm8oFmikg+KANYsxPGxTPoYfZnlrAMBjgMTB2qSXI7dwzaTl5zkxxpxIriw5FakesF7pmEcjftGBDJgE81V+Yin5L8umTwQJBAOBnclZ0ogj2jtq7NsJYjpRPP+Dj9wE1JzGOZcdEzeGNFMb9GpWC7EviwctbcKEEFxH3zrdMyf0ohDF33R8AVIUCQQDHP+yNgJgF0k7ZZUVwoWNrRWxaX6QT6YnBLOf3ukbhtySVv7+BWTw3Iuh5V/ZKQI0R6RnIA8wnBQqG3rzkTWmxAkEAlCZXixJ3Q1mb2HZO4aHbh7iGYK/AC/EOjh4HvbYEAkvFEtZYraqA3Fy5OsuEoRj1LiyfMc6lb9hG5e3Pcz8hjQJBAK5jtJbkxinSOFDt4ikCGBH7YSp4KxOCg58fvqeD0iYcNVkbynFbuOhJFU+fPWEfvli+vGHjcPt13hDNQmZPmwECQB8ChMI35oCw9vzZMcU76lKRfNMyhXtMno06OYwzutWsiLlK4AiL3YEexKbuusieGjWO/4whMR+CrtQD4gbJ2G0=",
  "p256a": "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqtt7HciU52doQCCH/XrE05W5fcDN3gi6ynkccGnlZC+hRANCAASTnAhaQakaJ+csqg7Nb+yUe2hg4Gwe4uGqwr8IcBAjPTBRFqvui7ShGRHhETJa8RS2pTcqM0uwetDvqEfRvBf6",
  "p256b": "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgga/EofeHHlux5nwGVThuSi/ZxCBTBJ1DGP7f3MLOlmqhRANCAAThkebwh2mKw0k07dXoOzIsaKQJfAU+VFU77JRftSA4dP9t0yF+qv/35Dbyw1yicw4QwDj/sMBRPq1DvghyW702",
  "p384": "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDD6cRx3dz2n+g2jkS2QhT9UGGuFPQ3QslmvJc2hnVZfarKYkyFwzvCkyFEChdwDTgKhZANiAASptus4rH4Zq5+UeAVb9bqwbDDiuO5wHM9zdTtF+Dxl4Xf/95fC9UfwJopoYX4fxtfT2OzO8+k5LcrABfYYnKU14llqqX8pWPH3z0nWJ6Su6SfVHVDe5dUai6kWVxk9XTU=",
  "p521": "MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIBkh9WY9M6/lYc3HsSd8aeoLjwC68Z2rj2gaeq4n8VW+SG6IaX//CmF6vBED/oiGnmQDVweum/ldtNQtTzQNf4EZmhgYkDgYYABABW57+bOnlFLvOXcG9v7sOeF+vmToQtjCzjrw5yI9OyXQgtwhKJ88FdQKXseB7X0RPqnmzcwzHMjKb7l+uIz0QKMwEvppGLFMjTzRw4joDocXjogOq+7rPCedSryAWyPjgfl/1ijnYMavZ2OfOd3C5yRgqpEF+q/7WyO7qycVGkUd9ITA==",
  "ed": "MC4CAQAwBQYDK2VwBCIEIDj//gPmOk8R0EuW/zNB+NIp3duPoXSshkZ8wzW621eN",
  "xa": "MC4CAQAwBQYDK2VuBCIEIHBSpLv4St9OF5fmGGvDozHM8I/l9ku/cQ9b0UkqR8hT",
  "xb": "MC4CAQAwBQYDK2VuBCIEIOgprEfSURPYzjziCO6qmJyJUDzN317TBAOY8+3i5eV9"
};

const s = crypto.subtle;
const enc = (t) => new TextEncoder().encode(t);
const dec = (b) => new TextDecoder().decode(b);
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));
const b64 = (t) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
const attempt = async (f) => { try { return await f(); } catch (e) { return `${e.name}: ${e.message}`; } };
const describe = (key) => [key.type, key.extractable, key.usages.join(","),
  JSON.stringify(key.algorithm, (k, v) => v instanceof Uint8Array ? `Uint8Array[${Array.from(v)}]` : v)].join(" ");
const pkcs8 = (name, algorithm, usages, extractable = true) => s.importKey("pkcs8", b64(FIXTURES[name]), algorithm, extractable, usages);
// A private key's public half, through its JWK without the private fields.
async function publicOf(privateKey, algorithm, usages) {
  const { d, p, q, dp, dq, qi, key_ops, ...rest } = await s.exportKey("jwk", privateKey);
  return s.importKey("jwk", rest, algorithm, true, usages);
}
// An RSA private key's d, p, q, dp, dq and qi are minimal big-endian numbers, a byte shorter when a
// random key's value starts with a zero byte (1 in 256 or so each): their size is given in bytes
// rounded up to 8, so two random keys of one size have one shape. Other members' lengths are fixed.
const RSA_PRIVATE = ["d", "p", "q", "dp", "dq", "qi"];
const memberSize = (jwk, k) => (jwk.kty === "RSA" && RSA_PRIVATE.includes(k)
  ? `${Math.ceil(Math.floor((jwk[k].length * 6) / 8) / 8) * 8}B` : jwk[k].length);
const jwkShape = (jwk) => Object.keys(jwk).map((k) => typeof jwk[k] === "string" && k.length <= 2 && k !== "kty" ? `${k}:${memberSize(jwk, k)}` : `${k}=${JSON.stringify(jwk[k])}`).join(" ");

async function fixed() {
  const out = {};
  const oaepAlg = { name: "RSA-OAEP", hash: "SHA-256" };
  const oaep = await pkcs8("rsa2048", oaepAlg, ["decrypt"]);
  out.oaepKey = describe(oaep);
  out.oaepPlain = await attempt(async () => dec(await s.decrypt({ name: "RSA-OAEP", label: enc("L") }, oaep, b64(FIXTURES.oaepCiphertext))));
  out.oaepJwk = JSON.stringify(await s.exportKey("jwk", oaep));
  out.oaepPkcs8 = hex(await s.exportKey("pkcs8", oaep)) === hex(b64(FIXTURES.rsa2048));
  const oaepPublic = await publicOf(oaep, oaepAlg, ["encrypt", "wrapKey"]);
  out.oaepPublic = describe(oaepPublic);
  out.oaepSpki = hex(await s.exportKey("spki", oaepPublic));
  out.oaepRoundTrip = await attempt(async () => dec(await s.decrypt("RSA-OAEP", oaep, await s.encrypt("RSA-OAEP", oaepPublic, enc("x")))));

  const pss = await pkcs8("rsa1024", { name: "RSA-PSS", hash: "SHA-256" }, ["sign"]);
  out.pssKey = describe(pss);
  out.pssSaltless = hex(await s.sign({ name: "RSA-PSS", saltLength: 0 }, pss, enc("m")));
  const pssPublic = await publicOf(pss, { name: "RSA-PSS", hash: "SHA-256" }, ["verify"]);
  const salted = await s.sign({ name: "RSA-PSS", saltLength: 32 }, pss, enc("m"));
  out.pssVerify = [await s.verify({ name: "RSA-PSS", saltLength: 32 }, pssPublic, salted, enc("m")),
    await s.verify({ name: "RSA-PSS", saltLength: 31 }, pssPublic, salted, enc("m")), salted.byteLength];
  out.pssJwk = JSON.stringify(await s.exportKey("jwk", pssPublic));
  const pkcs1 = await pkcs8("rsa1024", { name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" }, ["sign"]);
  out.pkcs1 = hex(await s.sign("RSASSA-PKCS1-v1_5", pkcs1, enc("m")));

  for (const [fixture, curve] of [["p256a", "P-256"], ["p384", "P-384"], ["p521", "P-521"]]) {
    const ecdsa = await pkcs8(fixture, { name: "ECDSA", namedCurve: curve }, ["sign"]);
    const ecdsaPublic = await publicOf(ecdsa, { name: "ECDSA", namedCurve: curve }, ["verify"]);
    const signature = await s.sign({ name: "ECDSA", hash: "SHA-256" }, ecdsa, enc("m"));
    out[`ecdsa ${curve}`] = [describe(ecdsa), describe(ecdsaPublic), signature.byteLength,
      await s.verify({ name: "ECDSA", hash: "SHA-256" }, ecdsaPublic, signature, enc("m")),
      await s.verify({ name: "ECDSA", hash: "SHA-384" }, ecdsaPublic, signature, enc("m")),
      JSON.stringify(await s.exportKey("jwk", ecdsa)), hex(await s.exportKey("pkcs8", ecdsa)) === hex(b64(FIXTURES[fixture])),
      hex(await s.exportKey("spki", ecdsaPublic)), hex(await s.exportKey("raw", ecdsaPublic))];
  }

  const ecdhAlg = { name: "ECDH", namedCurve: "P-256" };
  const a = await pkcs8("p256a", ecdhAlg, ["deriveBits", "deriveKey"]);
  const b = await pkcs8("p256b", ecdhAlg, ["deriveBits"]);
  const bPublic = await publicOf(b, ecdhAlg, []);
  out.ecdhKeys = [describe(a), describe(bPublic), JSON.stringify(await s.exportKey("jwk", bPublic))];
  for (const length of [null, 256, 128, 100, 8, 0, 264]) {
    out[`ecdh ${length}`] = await attempt(async () => hex(await s.deriveBits({ name: "ECDH", public: bPublic }, a, length)));
  }
  out.ecdhSymmetric = hex(await s.deriveBits({ name: "ECDH", public: await publicOf(a, ecdhAlg, []) }, b, 256));
  out.ecdhKey = await attempt(async () => {
    const key = await s.deriveKey({ name: "ECDH", public: bPublic }, a, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
    return [describe(key), hex(await s.exportKey("raw", key))];
  });
  const p384 = await pkcs8("p384", { name: "ECDH", namedCurve: "P-384" }, ["deriveBits"]);
  out.ecdh384 = hex(await s.deriveBits({ name: "ECDH", public: await publicOf(p384, { name: "ECDH", namedCurve: "P-384" }, []) }, p384, null));
  const p521 = await pkcs8("p521", { name: "ECDH", namedCurve: "P-521" }, ["deriveBits"]);
  out.ecdh521 = hex(await s.deriveBits({ name: "ECDH", public: await publicOf(p521, { name: "ECDH", namedCurve: "P-521" }, []) }, p521, null));

  const ed = await pkcs8("ed", { name: "Ed25519" }, ["sign"]);
  const edPublic = await publicOf(ed, { name: "Ed25519" }, ["verify"]);
  const edSignature = await s.sign("Ed25519", ed, enc("hello"));
  out.ed25519 = [describe(ed), describe(edPublic), hex(edSignature),
    await s.verify("Ed25519", edPublic, edSignature, enc("hello")), await s.verify("Ed25519", edPublic, edSignature, enc("hellO")),
    JSON.stringify(await s.exportKey("jwk", ed)), hex(await s.exportKey("pkcs8", ed)) === hex(b64(FIXTURES.ed)),
    hex(await s.exportKey("spki", edPublic)), hex(await s.exportKey("raw", edPublic))];
  const edRaw = await s.importKey("raw", await s.exportKey("raw", edPublic), "Ed25519", false, ["verify"]);
  out.ed25519Raw = [describe(edRaw), await s.verify("Ed25519", edRaw, edSignature, enc("hello"))];

  const xa = await pkcs8("xa", { name: "X25519" }, ["deriveBits"]);
  const xb = await pkcs8("xb", { name: "X25519" }, ["deriveBits"]);
  const xbPublic = await publicOf(xb, { name: "X25519" }, []);
  out.x25519 = [describe(xa), describe(xbPublic), JSON.stringify(await s.exportKey("jwk", xa)),
    hex(await s.exportKey("spki", xbPublic)), hex(await s.exportKey("pkcs8", xa)) === hex(b64(FIXTURES.xa)),
    hex(await s.deriveBits({ name: "X25519", public: xbPublic }, xa, null)),
    hex(await s.deriveBits({ name: "X25519", public: await publicOf(xa, { name: "X25519" }, []) }, xb, 256)),
    await attempt(async () => hex(await s.deriveBits({ name: "X25519", public: xbPublic }, xa, 128)))];

  const ctrKey = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-CTR", true, ["encrypt", "decrypt"]);
  out.ctrKey = [describe(ctrKey), JSON.stringify(await s.exportKey("jwk", ctrKey))];
  const plain = enc("0123456789abcdef0123456789abcdef0123456789abcdef!");
  for (const [counter, length] of [["00000000000000000000000000000000", 128], ["fffffffffffffffffffffffffffffffe", 128],
    ["000000000000000000000000000000fe", 8], ["ffffffffffffffffffffffffffffffff", 4], ["00000000000000000000000000000001", 1],
    ["0102030405060708ffffffffffffffff", 64]]) {
    out[`ctr ${counter} ${length}`] = await attempt(async () => {
      const cipher = await s.encrypt({ name: "AES-CTR", counter: unhex(counter), length }, ctrKey, plain);
      return [hex(cipher), dec(await s.decrypt({ name: "AES-CTR", counter: unhex(counter), length }, ctrKey, cipher))];
    });
  }

  // RFC 3394 §4.1: a 128-bit key wrapped with a 128-bit KEK.
  const kek = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", true, ["wrapKey", "unwrapKey"]);
  const wrapped = await s.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
  out.kwKey = [describe(kek), JSON.stringify(await s.exportKey("jwk", kek))];
  const wrappedRaw = await s.wrapKey("raw", wrapped, kek, "AES-KW");
  out.kwRaw = hex(wrappedRaw);
  const unwrapped = await s.unwrapKey("raw", wrappedRaw, kek, "AES-KW", "AES-GCM", true, ["decrypt"]);
  out.kwUnwrapped = [describe(unwrapped), hex(await s.exportKey("raw", unwrapped))];
  out.kwTampered = await attempt(() => s.unwrapKey("raw", new Uint8Array(24), kek, "AES-KW", "AES-GCM", true, ["decrypt"]));
  const gcmKek = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-GCM", false, ["wrapKey", "unwrapKey"]);
  const iv = unhex("000102030405060708090a0b");
  const hmac = await s.importKey("raw", enc("secret"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  const wrappedJwk = await s.wrapKey("jwk", hmac, gcmKek, { name: "AES-GCM", iv });
  out.gcmWrappedJwk = hex(wrappedJwk);
  out.gcmUnwrappedJwk = await attempt(async () => {
    const key = await s.unwrapKey("jwk", wrappedJwk, gcmKek, { name: "AES-GCM", iv }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return [describe(key), hex(await s.sign("HMAC", key, enc("m")))];
  });
  const edWrapped = await s.wrapKey("pkcs8", ed, gcmKek, { name: "AES-GCM", iv });
  out.edUnwrapped = await attempt(async () => describe(await s.unwrapKey("pkcs8", edWrapped, gcmKek, { name: "AES-GCM", iv }, "Ed25519", true, ["sign"])));
  const oaepWrapped = await s.wrapKey("raw", wrapped, oaepPublic, "RSA-OAEP");
  out.oaepUnwrap = await attempt(async () => {
    const unwrapKeyPrivate = await pkcs8("rsa2048", oaepAlg, ["unwrapKey"]);
    const key = await s.unwrapKey("raw", oaepWrapped, unwrapKeyPrivate, "RSA-OAEP", "AES-GCM", true, ["encrypt"]);
    return [oaepWrapped.byteLength, hex(await s.exportKey("raw", key))];
  });
  return out;
}

async function random() {
  const out = {};
  const rsaOaep = await s.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["encrypt", "decrypt", "wrapKey"]);
  out.oaep = [describe(rsaOaep.publicKey), describe(rsaOaep.privateKey), jwkShape(await s.exportKey("jwk", rsaOaep.privateKey)),
    (await s.exportKey("spki", rsaOaep.publicKey)).byteLength,
    dec(await s.decrypt("RSA-OAEP", rsaOaep.privateKey, await s.encrypt("RSA-OAEP", rsaOaep.publicKey, enc("round trip"))))];
  const pss = await s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: "SHA-512" }, false, ["sign", "verify"]);
  const pssSignature = await s.sign({ name: "RSA-PSS", saltLength: 32 }, pss.privateKey, enc("m"));
  out.pss = [describe(pss.publicKey), describe(pss.privateKey), pssSignature.byteLength,
    await s.verify({ name: "RSA-PSS", saltLength: 32 }, pss.publicKey, pssSignature, enc("m")),
    jwkShape(await s.exportKey("jwk", pss.publicKey))];
  const pkcs1 = await s.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" }, true, ["sign", "verify"]);
  out.pkcs1 = [describe(pkcs1.privateKey), await s.verify("RSASSA-PKCS1-v1_5", pkcs1.publicKey, await s.sign("RSASSA-PKCS1-v1_5", pkcs1.privateKey, enc("m")), enc("m"))];
  for (const curve of ["P-256", "P-384", "P-521"]) {
    const pair = await s.generateKey({ name: "ECDSA", namedCurve: curve }, true, ["sign", "verify"]);
    const signature = await s.sign({ name: "ECDSA", hash: "SHA-512" }, pair.privateKey, enc("m"));
    out[`ecdsa ${curve}`] = [describe(pair.publicKey), describe(pair.privateKey), signature.byteLength,
      await s.verify({ name: "ECDSA", hash: "SHA-512" }, pair.publicKey, signature, enc("m")),
      jwkShape(await s.exportKey("jwk", pair.privateKey)), (await s.exportKey("pkcs8", pair.privateKey)).byteLength,
      (await s.exportKey("raw", pair.publicKey)).byteLength];
  }
  const left = await s.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
  const right = await s.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
  const shared = [hex(await s.deriveBits({ name: "ECDH", public: right.publicKey }, left.privateKey, 384)),
    hex(await s.deriveBits({ name: "ECDH", public: left.publicKey }, right.privateKey, 384))];
  out.ecdh = [describe(left.publicKey), describe(left.privateKey), shared[0] === shared[1], shared[0].length];
  const ed = await s.generateKey("Ed25519", true, ["sign", "verify"]);
  const edSignature = await s.sign("Ed25519", ed.privateKey, enc("m"));
  out.ed25519 = [describe(ed.publicKey), describe(ed.privateKey), edSignature.byteLength,
    await s.verify("Ed25519", ed.publicKey, edSignature, enc("m")), jwkShape(await s.exportKey("jwk", ed.privateKey)),
    (await s.exportKey("pkcs8", ed.privateKey)).byteLength];
  const xa = await s.generateKey("X25519", true, ["deriveBits", "deriveKey"]);
  const xb = await s.generateKey({ name: "X25519" }, false, ["deriveBits"]);
  out.x25519 = [describe(xa.publicKey), describe(xb.privateKey),
    hex(await s.deriveBits({ name: "X25519", public: xb.publicKey }, xa.privateKey, null)) ===
      hex(await s.deriveBits({ name: "X25519", public: xa.publicKey }, xb.privateKey, null)),
    jwkShape(await s.exportKey("jwk", xa.privateKey))];
  for (const name of ["AES-CTR", "AES-KW"]) {
    const key = await s.generateKey({ name, length: 192 }, true, name === "AES-KW" ? ["wrapKey", "unwrapKey"] : ["encrypt", "decrypt"]);
    out[name] = [describe(key), jwkShape(await s.exportKey("jwk", key))];
  }
  return out;
}

async function errors() {
  const out = {};
  const ed = await pkcs8("ed", { name: "Ed25519" }, ["sign"]);
  const p256 = await pkcs8("p256a", { name: "ECDH", namedCurve: "P-256" }, ["deriveBits"]);
  const p384 = await pkcs8("p384", { name: "ECDH", namedCurve: "P-384" }, ["deriveBits"]);
  const p384Public = await publicOf(p384, { name: "ECDH", namedCurve: "P-384" }, []);
  const ecdsa = await pkcs8("p256a", { name: "ECDSA", namedCurve: "P-256" }, ["sign"], false);
  const oaep = await pkcs8("rsa2048", { name: "RSA-OAEP", hash: "SHA-256" }, ["decrypt"]);
  const kw = await s.importKey("raw", new Uint8Array(16), "AES-KW", true, ["wrapKey"]);
  const ctr = await s.importKey("raw", new Uint8Array(16), "AES-CTR", true, ["encrypt"]);
  const cases = {
    rsaModulus: () => s.generateKey({ name: "RSA-OAEP", modulusLength: 100, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["encrypt", "decrypt"]),
    rsaExponent: () => s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([5]), hash: "SHA-256" }, true, ["encrypt", "decrypt"]),
    rsaNoHash: () => s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign"]),
    rsaBadUsage: () => s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign"]),
    rsaPublicOnly: () => s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["encrypt"]),
    ecBadCurve: () => s.generateKey({ name: "ECDSA", namedCurve: "P-192" }, true, ["sign"]),
    ecNoCurve: () => s.generateKey({ name: "ECDSA" }, true, ["sign"]),
    ecdhNoUsage: () => s.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, []),
    edBadUsage: () => s.generateKey("Ed25519", true, ["encrypt"]),
    x25519Usage: () => s.generateKey("X25519", true, ["sign"]),
    ecdhCurveMismatch: () => s.deriveBits({ name: "ECDH", public: p384Public }, p256, null),
    ecdhPrivateAsPublic: () => s.deriveBits({ name: "ECDH", public: p256 }, p256, null),
    ecdhNotKey: () => s.deriveBits({ name: "ECDH", public: "x" }, p256, null),
    ecdhTooLong: () => s.deriveBits({ name: "ECDH", public: p384Public }, p384, 400),
    edWrongUsage: () => s.verify("Ed25519", ed, new Uint8Array(64), enc("m")),
    edShortSignature: () => s.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"]),
    edRawPrivate: () => s.importKey("raw", new Uint8Array(32), "Ed25519", true, ["sign"]),
    ecdsaExportNonExtractable: () => s.exportKey("jwk", ecdsa),
    ecdsaRawPrivate: () => s.exportKey("raw", oaep),
    ecdsaNoHash: () => s.sign({ name: "ECDSA" }, ecdsa, enc("m")),
    pssNoSalt: () => pkcs8("rsa1024", { name: "RSA-PSS", hash: "SHA-256" }, ["sign"]).then((k) => s.sign("RSA-PSS", k, enc("m"))),
    oaepBadCiphertext: () => s.decrypt("RSA-OAEP", oaep, new Uint8Array(256)),
    oaepWrongLabel: () => s.decrypt({ name: "RSA-OAEP", label: enc("M") }, oaep, b64(FIXTURES.oaepCiphertext)),
    oaepRawImport: () => s.importKey("raw", new Uint8Array(16), { name: "RSA-OAEP", hash: "SHA-256" }, true, ["encrypt"]),
    kwEncrypt: () => s.encrypt("AES-KW", kw, new Uint8Array(16)),
    kwEncryptUsage: () => s.importKey("raw", new Uint8Array(16), "AES-KW", true, ["encrypt"]),
    kwShort: () => s.wrapKey("raw", ctr, kw, "AES-KW").then(() => s.unwrapKey("raw", new Uint8Array(8), kw, "AES-KW", "AES-CTR", true, ["encrypt"])),
    ctrShortCounter: () => s.encrypt({ name: "AES-CTR", counter: new Uint8Array(8), length: 64 }, ctr, new Uint8Array(4)),
    ctrZeroLength: () => s.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 0 }, ctr, new Uint8Array(4)),
    ctrLongLength: () => s.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 129 }, ctr, new Uint8Array(4)),
    ctrWraps: () => s.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 1 }, ctr, new Uint8Array(48)),
    jwkWrongCrv: () => s.importKey("jwk", { kty: "OKP", crv: "X25519", x: "AAAA" }, "Ed25519", true, ["verify"]),
    jwkWrongKty: () => s.importKey("jwk", { kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA" }, "Ed25519", true, ["verify"]),
    jwkWrongAlg: () => s.exportKey("jwk", oaep).then((j) => s.importKey("jwk", { ...j, alg: "RSA-OAEP-512" }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"])),
    spkiGarbage: () => s.importKey("spki", new Uint8Array(10), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]),
    pkcs8Garbage: () => s.importKey("pkcs8", new Uint8Array(10), { name: "RSA-PSS", hash: "SHA-256" }, true, ["sign"]),
    wrongAlgorithm: () => s.sign({ name: "ECDSA", hash: "SHA-256" }, ed, enc("m")),
    ecdsaJwkWrongAlg: () => s.exportKey("jwk", p256).then((j) => s.importKey("jwk", { ...j, alg: "ES384", key_ops: undefined }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"])),
    ecJwkWrongD: () => s.exportKey("jwk", p256).then((j) => s.importKey("jwk", { ...j, d: j.x, key_ops: undefined }, { name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])),
    ecdhPublicUsage: () => publicOf(p256, { name: "ECDH", namedCurve: "P-256" }, ["deriveBits"]),
    rsaJwkMissing: () => s.importKey("jwk", { kty: "RSA", n: "AQAB" }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["encrypt"]),
    spkiOfPrivate: () => s.exportKey("spki", p256),
    pkcs8OfPublic: () => publicOf(p256, { name: "ECDH", namedCurve: "P-256" }, []).then((k) => s.exportKey("pkcs8", k)),
    wrapNonExtractable: () => s.wrapKey("raw", ecdsa, kw, "AES-KW"),
    unknownFormat: () => s.importKey("foo", new Uint8Array(16), "AES-CTR", true, ["encrypt"]),
    unknownAlgorithm: () => s.generateKey({ name: "AES-XTS", length: 128 }, true, ["encrypt"]),
    edVerifyShort: () => publicOf(ed, { name: "Ed25519" }, ["verify"]).then((k) => s.verify("Ed25519", k, new Uint8Array(10), enc("m"))),
    ecdsaVerifyShort: () => publicOf(ecdsa, { name: "ECDSA", namedCurve: "P-256" }, ["verify"]).then((k) => s.verify({ name: "ECDSA", hash: "SHA-256" }, k, new Uint8Array(10), enc("m"))),
    x25519Length: () => pkcs8("xa", { name: "X25519" }, ["deriveBits"]).then((k) => publicOf(k, { name: "X25519" }, []).then((p) => s.deriveBits({ name: "X25519", public: p }, k, 512))),
    x25519WithEcdh: () => pkcs8("xa", { name: "X25519" }, ["deriveBits"]).then((k) => s.deriveBits({ name: "X25519", public: p384Public }, k, null)),
    ecdsaImportDeriveUsage: () => pkcs8("p256a", { name: "ECDSA", namedCurve: "P-256" }, ["deriveBits"]),
    pkcs8WrongCurve: () => pkcs8("p384", { name: "ECDSA", namedCurve: "P-256" }, ["sign"]),
    rsaPkcs8AsEc: () => pkcs8("rsa1024", { name: "ECDSA", namedCurve: "P-256" }, ["sign"]),
    ecPkcs8AsRsa: () => pkcs8("p256a", { name: "RSA-PSS", hash: "SHA-256" }, ["sign"]),
    edPkcs8AsX: () => pkcs8("ed", { name: "X25519" }, ["deriveBits"]),
    oaepTooLong: () => publicOf(oaep, { name: "RSA-OAEP", hash: "SHA-256" }, ["encrypt"]).then((k) => s.encrypt("RSA-OAEP", k, new Uint8Array(200))),
    privateNoUsages: () => pkcs8("p256a", { name: "ECDSA", namedCurve: "P-256" }, []),
    hmacNoUsages: () => s.generateKey({ name: "HMAC", hash: "SHA-256" }, true, []),
    aesBadLength: () => s.importKey("raw", new Uint8Array(20), "AES-CTR", true, ["encrypt"]),
    aesGenerateLength: () => s.generateKey({ name: "AES-KW", length: 100 }, true, ["wrapKey"]),
    hkdfExtractable: () => s.importKey("raw", new Uint8Array(8), "HKDF", true, ["deriveBits"]),
    unknownHash: () => s.generateKey({ name: "HMAC", hash: "SHA-3" }, true, ["sign"]),
    curveString: () => s.generateKey({ name: "ECDSA", namedCurve: new String("P-256") }, true, ["sign"]).then((k) => typeof k.privateKey.algorithm.namedCurve),
    algorithmSame: () => pkcs8("ed", { name: "Ed25519" }, ["sign"]).then((k) => [k.algorithm === k.algorithm, k.usages === k.usages, Object.isFrozen(k.algorithm)].join()),
    gcmUnwrapBadJson: () => s.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["wrapKey", "unwrapKey"]).then(async (k) => {
      const junk = await s.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, await s.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]), enc("{not json"));
      return s.unwrapKey("jwk", junk, k, { name: "AES-GCM", iv: new Uint8Array(12) }, "AES-CTR", true, ["encrypt"]);
    }),
  };
  for (const [label, run] of Object.entries(cases)) {
    out[label] = await attempt(async () => { const value = await run(); return typeof value === "string" ? value : "resolved"; });
  }
  return out;
}

const ROUTES = { fixed, random, errors };

export default {
  async fetch(request) {
    const route = ROUTES[new URL(request.url).pathname.slice(1)];
    if (route === undefined) return new Response("unknown", { status: 404 });
    return new Response(JSON.stringify(await route(), null, 1), { headers: { "content-type": "application/json" } });
  },
};
