package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * Every random draw of crypto.subtle comes from the instance's seeded stream: a Worker that
 * generates RSA, EC, Ed25519 and X25519 keys, signs with ECDSA and RSA-PSS (random nonce and salt)
 * and encrypts with RSA-OAEP (random seed) answers the same bytes, and leaves the same trace, on
 * every run of a seed, and other bytes under another seed.
 */
class SubtleCryptoDeterminismTest {
  private static final String WORKER =
      """
      const s = crypto.subtle;
      const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
      const m = new TextEncoder().encode('m');
      export default {
        async fetch() {
          const rsa = await s.generateKey({ name: 'RSA-OAEP', modulusLength: 1024,
            publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
          const pss = await s.generateKey({ name: 'RSA-PSS', modulusLength: 1024,
            publicExponent: new Uint8Array([3]), hash: 'SHA-256' }, true, ['sign', 'verify']);
          const ec = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
          const ed = await s.generateKey('Ed25519', true, ['sign', 'verify']);
          const x = await s.generateKey('X25519', true, ['deriveBits']);
          const ecSignature = await s.sign({ name: 'ECDSA', hash: 'SHA-256' }, ec.privateKey, m);
          const pssSignature = await s.sign({ name: 'RSA-PSS', saltLength: 32 }, pss.privateKey, m);
          const sealed = await s.encrypt('RSA-OAEP', rsa.publicKey, m);
          return Response.json({
            rsa: hex(await s.exportKey('pkcs8', rsa.privateKey)),
            pss: (await s.exportKey('jwk', pss.privateKey)).n,
            ec: hex(await s.exportKey('pkcs8', ec.privateKey)),
            ed: hex(await s.exportKey('pkcs8', ed.privateKey)),
            x: hex(await s.exportKey('spki', x.publicKey)),
            ecSignature: hex(ecSignature),
            ecVerified: await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, ec.publicKey, ecSignature, m),
            pssSignature: hex(pssSignature),
            pssVerified: await s.verify({ name: 'RSA-PSS', saltLength: 32 }, pss.publicKey, pssSignature, m),
            sealed: hex(sealed),
            opened: new TextDecoder().decode(await s.decrypt('RSA-OAEP', rsa.privateKey, sealed)),
          });
        },
      };
      """;

  @Test
  void aSeedGivesTheSameKeysSignaturesAndCiphertextsOnEveryRun() {
    JsWorld first = run(11);
    JsWorld again = run(11);
    JsWorld other = run(12);

    assertThat(first.outcomes)
        .singleElement()
        .asString()
        .startsWith("200 ")
        .contains("\"ecVerified\":true", "\"pssVerified\":true", "\"opened\":\"m\"");
    assertThat(again.outcomes).isEqualTo(first.outcomes);
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
    assertThat(other.outcomes).isNotEqualTo(first.outcomes);
  }

  private static JsWorld run(long seed) {
    return JsWorld.run(
        JsWorld.publicApi(JsGuest.fromSource("index.js", WORKER)),
        seed,
        Request.get("http://api/"));
  }
}
