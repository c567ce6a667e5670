package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** crypto.subtle per the Web Cryptography API, checked against published vectors and the JDK. */
class SubtleCryptoTest {
  private final JsTestContext js = JsTestContext.withFullPrelude();

  /** hex(), bytes(), text(), b64() and errorOf() for the test bodies. */
  @BeforeEach
  void helpers() {
    js.eval(
        "globalThis.hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');"
            + " globalThis.bytes = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));"
            + " globalThis.text = (s) => new TextEncoder().encode(s);"
            + " globalThis.b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));"
            + " globalThis.errorOf = (p) => p.then(() => 'resolved', (e) => e.name);");
  }

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void digestsMatchTheFips180Vectors() {
    assertThat(
            js.async(
                """
                const out = [];
                for (const name of ['SHA-1', 'SHA-256', { name: 'sha-384' }, 'SHA-512']) {
                  out.push(hex(await crypto.subtle.digest(name, text('abc'))).slice(0, 16));
                }
                out.push(await errorOf(crypto.subtle.digest('MD5', text('abc'))));
                out.push(await errorOf(crypto.subtle.digest('SHA-256', 'not bytes')));
                return out.join(' ');
                """))
        .isEqualTo(
            "a9993e364706816a ba7816bf8f01cfea cb00753f45a35e8b ddaf35a193617aba"
                + " NotSupportedError TypeError");
  }

  @Test
  void hmacSignsTheRfc4231VectorAndVerifiesOnlyTheRightMac() {
    assertThat(
            js.async(
                """
                const key = await crypto.subtle.importKey('raw', text('Jefe'), { name: 'HMAC', hash: 'SHA-256' },
                  true, ['sign', 'verify']);
                const mac = await crypto.subtle.sign('HMAC', key, text('what do ya want for nothing?'));
                const good = await crypto.subtle.verify('HMAC', key, mac, text('what do ya want for nothing?'));
                const bad = await crypto.subtle.verify('HMAC', key, mac, text('what do ya want for something?'));
                const jwk = await crypto.subtle.exportKey('jwk', key);
                const again = await crypto.subtle.importKey('jwk', jwk, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
                return [hex(mac), good, bad, key.type, key.algorithm.hash.name, key.algorithm.length, jwk.k, jwk.alg,
                  await crypto.subtle.verify('HMAC', again, mac, text('what do ya want for nothing?')),
                  key instanceof CryptoKey, Object.prototype.toString.call(key)].join(' ');
                """))
        .isEqualTo(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843 true false secret"
                + " SHA-256 32 SmVmZQ HS256 true true [object CryptoKey]");
  }

  @Test
  void aesGcmMatchesTheNistVectorAndRejectsTamperedData() {
    // NIST GCM test case 2: zero key, zero 96-bit IV, one zero block.
    assertThat(
            js.async(
                """
                const key = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt', 'decrypt']);
                const iv = new Uint8Array(12);
                const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(16));
                const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
                const tampered = new Uint8Array(sealed).slice(); tampered[0] ^= 1;
                const aad = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: text('hdr'), tagLength: 96 }, key, text('x'));
                return [hex(sealed), hex(opened),
                  await errorOf(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, tampered)),
                  new Uint8Array(aad).length,
                  await errorOf(crypto.subtle.decrypt({ name: 'AES-GCM', iv, tagLength: 96 }, key, aad)),
                  await errorOf(crypto.subtle.exportKey('raw', key)),
                  await errorOf(crypto.subtle.importKey('raw', new Uint8Array(15), 'AES-GCM', false, ['encrypt']))].join(' ');
                """))
        .isEqualTo(
            "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"
                + " 00000000000000000000000000000000 OperationError 13 OperationError"
                + " InvalidAccessError DataError");
  }

  @Test
  void aesCbcRoundTripsWithPadding() {
    assertThat(
            js.async(
                """
                const key = await crypto.subtle.generateKey({ name: 'AES-CBC', length: 256 }, true, ['encrypt', 'decrypt']);
                const iv = new Uint8Array(16).fill(7);
                const sealed = await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, text('seventeen bytes!!'));
                const opened = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, sealed));
                return [new Uint8Array(sealed).length, opened, key.algorithm.length,
                  await errorOf(crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, key, text('x')))].join(' ');
                """))
        .isEqualTo("32 seventeen bytes!! 256 OperationError");
  }

  @Test
  void generatedKeysComeFromTheInstancesRandomStream() {
    // The test host's "random" bytes are all 0x01: the key is exactly those draws.
    assertThat(
            js.async(
                """
                const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
                const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
                const ed = await crypto.subtle.generateKey('Ed25519', true, ['sign']);
                const d = (await crypto.subtle.exportKey('jwk', ed.privateKey)).d;
                return [raw.length, raw.every((b) => b === 1), key.algorithm.length, d].join(' ');
                """))
        // The Ed25519 private key is the stream's 32 bytes.
        .isEqualTo("128 true 1024 AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE");
  }

  @Test
  void keyRulesGiveTheSpecsErrors() {
    assertThat(
            js.async(
                """
                const hmac = (usages) => crypto.subtle.importKey('raw', text('k'), { name: 'HMAC', hash: 'SHA-1' }, false, usages);
                const verifyOnly = await hmac(['verify']);
                let constructed;
                try { new CryptoKey(); } catch (e) { constructed = e.constructor.name; }
                return [await errorOf(hmac([])), await errorOf(hmac(['encrypt'])),
                  await errorOf(crypto.subtle.sign('HMAC', verifyOnly, text('x'))),
                  await errorOf(crypto.subtle.importKey('raw', text('k'), { name: 'RSA-OAEP', hash: 'SHA-1' }, false, ['encrypt'])),
                  await errorOf(crypto.subtle.importKey('raw', text('k'), 'NOPE', false, ['sign'])),
                  await errorOf(crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: text('s'), iterations: 1 }, verifyOnly, 8)),
                  constructed, crypto.subtle.timingSafeEqual(text('ab'), text('ab')),
                  crypto.subtle.timingSafeEqual(text('ab'), text('ac'))].join(' ');
                """))
        .isEqualTo(
            "SyntaxError SyntaxError InvalidAccessError NotSupportedError NotSupportedError"
                + " InvalidAccessError TypeError true false");
  }

  @Test
  void pbkdf2AndHkdfMatchTheirRfcVectors() {
    // RFC 6070 (PBKDF2-HMAC-SHA1, "password"/"salt", 2 iterations) and RFC 5869 test case 1.
    assertThat(
            js.async(
                """
                const password = await crypto.subtle.importKey('raw', text('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
                const pbkdf2 = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: text('salt'), iterations: 2 }, password, 160);
                const ikm = await crypto.subtle.importKey('raw', bytes('0b'.repeat(22)), 'HKDF', false, ['deriveBits']);
                const hkdf = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: bytes('000102030405060708090a0b0c'),
                  info: bytes('f0f1f2f3f4f5f6f7f8f9') }, ikm, 336);
                const aes = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: text('s'), iterations: 10 },
                  password, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
                return [hex(pbkdf2), hex(hkdf), aes.algorithm.name, aes.algorithm.length,
                  await errorOf(crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: text('s'), iterations: 100001 }, password, 8)),
                  await errorOf(crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: text('s'), iterations: 1 }, password, 7)),
                  await errorOf(crypto.subtle.importKey('raw', text('p'), 'PBKDF2', true, ['deriveBits']))].join(' ');
                """))
        .isEqualTo(
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
                + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
                + " AES-GCM 256 NotSupportedError OperationError SyntaxError");
  }

  @Test
  void rsaSignaturesInteroperateWithTheJdk() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String spki = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    Signature jdk = Signature.getInstance("SHA256withRSA");
    jdk.initSign(pair.getPrivate());
    jdk.update("from java".getBytes(StandardCharsets.UTF_8));
    String javaSignature = Base64.getEncoder().encodeToString(jdk.sign());

    String result =
        js.async(
            """
            const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
            const pub = await crypto.subtle.importKey('spki', b64('SPKI'), alg, true, ['verify']);
            const priv = await crypto.subtle.importKey('pkcs8', b64('PKCS8'), alg, true, ['sign']);
            const signature = await crypto.subtle.sign(alg, priv, text('from js'));
            const jwk = await crypto.subtle.exportKey('jwk', pub);
            const viaJwk = await crypto.subtle.importKey('jwk', jwk, alg, false, ['verify']);
            const spki = await crypto.subtle.exportKey('spki', pub);
            return [await crypto.subtle.verify(alg, pub, b64('JAVA_SIGNATURE'), text('from java')),
              await crypto.subtle.verify(alg, viaJwk, signature, text('from js')),
              await crypto.subtle.verify(alg, pub, signature, text('from someone else')),
              pub.algorithm.modulusLength, jwk.kty, jwk.alg, jwk.e, btoa(String.fromCharCode(...new Uint8Array(spki))),
              btoa(String.fromCharCode(...new Uint8Array(signature)))].join(' ');
            """
                .replace("PKCS8", pkcs8)
                .replace("SPKI", spki)
                .replace("JAVA_SIGNATURE", javaSignature));

    String[] parts = result.split(" ");
    assertThat(parts).hasSize(9);
    assertThat(String.join(" ", java.util.Arrays.copyOf(parts, 7)))
        .isEqualTo("true true false 2048 RSA RS256 AQAB");
    assertThat(parts[7]).as("spki export").isEqualTo(spki);
    Signature check = Signature.getInstance("SHA256withRSA");
    check.initVerify(pair.getPublic());
    check.update("from js".getBytes(StandardCharsets.UTF_8));
    assertThat(check.verify(Base64.getDecoder().decode(parts[8]))).isTrue();
  }

  @Test
  void ecdsaVerifiesJdkSignaturesFromSpkiRawAndJwkKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String spki = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initSign(pair.getPrivate());
    jdk.update("signed".getBytes(StandardCharsets.UTF_8));
    String signature = Base64.getEncoder().encodeToString(jdk.sign());

    assertThat(
            js.async(
                """
                const alg = { name: 'ECDSA', namedCurve: 'P-256' };
                const use = { name: 'ECDSA', hash: 'SHA-256' };
                const pub = await crypto.subtle.importKey('spki', b64('SPKI'), alg, true, ['verify']);
                const raw = await crypto.subtle.exportKey('raw', pub);
                const fromRaw = await crypto.subtle.importKey('raw', raw, alg, true, ['verify']);
                const jwk = await crypto.subtle.exportKey('jwk', fromRaw);
                const fromJwk = await crypto.subtle.importKey('jwk', jwk, alg, false, ['verify']);
                const sig = b64('SIGNATURE');
                return [await crypto.subtle.verify(use, pub, sig, text('signed')),
                  await crypto.subtle.verify(use, fromRaw, sig, text('signed')),
                  await crypto.subtle.verify(use, fromJwk, sig, text('signed')),
                  await crypto.subtle.verify(use, pub, sig, text('forged')),
                  await crypto.subtle.verify(use, pub, new Uint8Array(3), text('signed')),
                  new Uint8Array(raw).length, jwk.crv, jwk.x.length,
                  await errorOf(crypto.subtle.importKey('spki', b64('SPKI'), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']))].join(' ');
                """
                    .replace("SPKI", spki)
                    .replace("SIGNATURE", signature)))
        .isEqualTo("true true true false false 65 P-256 43 DataError");
  }
}
