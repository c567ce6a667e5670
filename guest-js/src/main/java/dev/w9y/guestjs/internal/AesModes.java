package dev.w9y.guestjs.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** AES-CTR and AES-KW as Web Crypto defines them, for {@code crypto.subtle}. */
final class AesModes {
  private AesModes() {}

  /**
   * AES-CTR (NIST SP 800-38A) where only the counter block's rightmost {@code lengthBits} bits
   * count up, wrapping within themselves (Web Crypto §27.4); the JDK's CTR mode carries into the
   * whole block, so the keystream is made here from AES-ECB. A message needing more blocks than the
   * counter has values would reuse keystream and is refused.
   */
  static Object ctr(String key, String counter, int lengthBits, String data) {
    try {
      byte[] input = Wire.bytes(data);
      long blocks = (input.length + 15L) / 16;
      if (lengthBits < 64 && blocks > (1L << lengthBits)) {
        return WebCrypto.failure("OperationError", "Counter block values will repeat.");
      }
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Wire.bytes(key), "AES"));
      BigInteger modulus = BigInteger.ONE.shiftLeft(lengthBits);
      BigInteger block = new BigInteger(1, Wire.bytes(counter));
      BigInteger fixed = block.subtract(block.mod(modulus));
      BigInteger count = block.mod(modulus);
      byte[] out = new byte[input.length];
      for (int offset = 0; offset < input.length; offset += 16) {
        byte[] stream = aes.update(WebCrypto.fixed16(fixed.add(count)));
        for (int i = 0; i < 16 && offset + i < input.length; i++) {
          out[offset + i] = (byte) (input[offset + i] ^ stream[i]);
        }
        count = count.add(BigInteger.ONE).mod(modulus);
      }
      return Wire.binary(out);
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "AES-CTR: " + e.getMessage());
    }
  }

  /** AES key wrap (RFC 3394) with its default IV; unwrapping checks it. */
  static Object keyWrap(boolean wrap, String key, String data) {
    byte[] input = Wire.bytes(data);
    if (input.length % 8 != 0 || input.length < (wrap ? 16 : 24)) {
      return WebCrypto.failure(
          "OperationError",
          "AES-KW: the "
              + (wrap ? "key to wrap" : "wrapped key")
              + " must be a multiple of 8 bytes and at least "
              + (wrap ? 16 : 24));
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/KW/NoPadding");
      cipher.init(
          wrap ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          new SecretKeySpec(Wire.bytes(key), "AES"));
      return Wire.binary(cipher.doFinal(input));
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "AES-KW key unwrapping failed.");
    }
  }
}
