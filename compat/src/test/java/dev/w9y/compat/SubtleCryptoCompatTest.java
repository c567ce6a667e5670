package dev.w9y.compat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * crypto.subtle's asymmetric algorithms, AES-CTR, AES-KW and key wrapping answer as in workerd:
 * byte for byte where the result is deterministic (fixed keys made once with Node's Web Crypto:
 * RSA-OAEP decryption, saltless RSA-PSS, Ed25519 signatures, ECDH and X25519 secrets, AES-CTR and
 * AES-KW outputs, exports in every format, algorithm objects), by shape and cross-verification
 * where each runtime draws its own randomness (generated keys, ECDSA and salted PSS signatures),
 * and with the same error names and messages.
 */
class SubtleCryptoCompatTest {
  private static final Probe PROBE = Probe.ofResource("subtle-crypto.js");

  @Test
  void fixedKeysGiveWorkerdsBytes() {
    Differential.run(PROBE.with(List.of(Probe.Step.get("http://api/fixed")))).assertSame();
  }

  @Test
  void generatedKeysHaveWorkerdsShapesAndVerify() {
    Differential.run(PROBE.with(List.of(Probe.Step.get("http://api/random")))).assertSame();
  }

  @Test
  void errorsAreWorkerds() {
    Differential.run(PROBE.with(List.of(Probe.Step.get("http://api/errors")))).assertSame();
  }
}
