// `import ... from "node:crypto"` (nodejs_compat): the module prelude/node.js builds.
const m = globalThis.__w9yNode.require("crypto");
export default m;
export const { createHash, createHmac, hash, getHashes, randomBytes, randomInt, timingSafeEqual,
  randomUUID, getRandomValues, randomFillSync, webcrypto, subtle, scrypt, scryptSync, pbkdf2,
  pbkdf2Sync } = m;
