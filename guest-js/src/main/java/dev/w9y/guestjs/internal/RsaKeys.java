package dev.w9y.guestjs.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.function.IntFunction;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA for {@code crypto.subtle}: key generation, RSA-PSS and RSA-OAEP. Keys cross as their parts
 * (binary strings): public [n, e], private [n, e, d, p, q, dp, dq, qi]. Randomness comes from a
 * seed the guest drew from the instance's stream ({@link SeededRandom}).
 */
final class RsaKeys {
  private RsaKeys() {}

  /**
   * A key pair's private parts, found by our own prime search over the seed's bytes rather than the
   * JDK's KeyPairGenerator (whose use of its random source changes between JDK versions). {@link
   * BigInteger#nextProbablePrime} draws Miller-Rabin bases from its own source, but only the
   * primality verdict leaves it, so the result is a function of the seed.
   */
  static Object generate(int bits, String exponent, String seed) {
    SeededRandom source = SeededRandom.expanding(Wire.bytes(seed));
    IntFunction<byte[]> random = source::draw;
    BigInteger e = new BigInteger(1, Wire.bytes(exponent));
    BigInteger p = prime(bits - bits / 2, e, random);
    BigInteger q;
    BigInteger n;
    do {
      q = prime(bits / 2, e, random);
      n = p.multiply(q);
    } while (q.equals(p) || n.bitLength() != bits);
    if (p.compareTo(q) < 0) {
      BigInteger swap = p;
      p = q;
      q = swap;
    }
    BigInteger pMinus1 = p.subtract(BigInteger.ONE);
    BigInteger qMinus1 = q.subtract(BigInteger.ONE);
    BigInteger lambda = pMinus1.divide(pMinus1.gcd(qMinus1)).multiply(qMinus1);
    BigInteger d = e.modInverse(lambda);
    return new Object[] {
      WebCrypto.unsigned(n), WebCrypto.unsigned(e), WebCrypto.unsigned(d),
      WebCrypto.unsigned(p), WebCrypto.unsigned(q), WebCrypto.unsigned(d.mod(pMinus1)),
      WebCrypto.unsigned(d.mod(qMinus1)), WebCrypto.unsigned(q.modInverse(p))
    };
  }

  /**
   * A prime of exactly this many bits, its top two set (so p·q has all the bits), gcd(e, p−1)=1.
   */
  private static BigInteger prime(int bits, BigInteger e, IntFunction<byte[]> random) {
    while (true) {
      byte[] bytes = random.apply((bits + 7) / 8);
      BigInteger candidate =
          new BigInteger(1, bytes)
              .mod(BigInteger.ONE.shiftLeft(bits))
              .setBit(bits - 1)
              .setBit(bits - 2)
              .nextProbablePrime();
      if (candidate.bitLength() == bits
          && e.gcd(candidate.subtract(BigInteger.ONE)).equals(BigInteger.ONE)) {
        return candidate;
      }
    }
  }

  static PrivateKey privateKey(String[] parts) throws GeneralSecurityException {
    BigInteger[] p = new BigInteger[8];
    for (int i = 0; i < 8; i++) {
      p[i] = new BigInteger(1, Wire.bytes(parts[i]));
    }
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new RSAPrivateCrtKeySpec(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
  }

  static PublicKey publicKey(String[] parts) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA")
        .generatePublic(
            new RSAPublicKeySpec(
                new BigInteger(1, Wire.bytes(parts[0])), new BigInteger(1, Wire.bytes(parts[1]))));
  }

  /** A private key's PKCS #8 DER (the JDK writes what BoringSSL does: rsaEncryption, NULL). */
  static Object pkcs8(String[] parts) {
    try {
      return Wire.binary(privateKey(parts).getEncoded());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("DataError", "invalid RSA private key: " + e.getMessage());
    }
  }

  private static PSSParameterSpec pss(String hash, int saltLength) {
    return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
  }

  /** RSA-PSS (RFC 8017 §8.1) signature; the salt comes from the seed. */
  static Object pssSign(String hash, int saltLength, String[] parts, String data, String seed) {
    try {
      Signature signer = Signature.getInstance("RSASSA-PSS");
      signer.setParameter(pss(hash, saltLength));
      signer.initSign(privateKey(parts), SeededRandom.expanding(Wire.bytes(seed)));
      signer.update(Wire.bytes(data));
      return Wire.binary(signer.sign());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "RSA-PSS: " + e.getMessage());
    }
  }

  static Object pssVerify(
      String hash, int saltLength, String[] parts, String signature, String data) {
    try {
      Signature verifier = Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(pss(hash, saltLength));
      verifier.initVerify(publicKey(parts));
      verifier.update(Wire.bytes(data));
      return verifier.verify(Wire.bytes(signature));
    } catch (java.security.SignatureException e) {
      return false; // a malformed signature does not verify
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "RSA-PSS: " + e.getMessage());
    }
  }

  /**
   * RSA-OAEP (RFC 8017 §7.1) with MGF1 over the same hash and the label; encryption's seed comes
   * from {@code seed} (null when decrypting).
   */
  static Object oaep(String hash, String[] parts, String label, String data, String seed) {
    boolean encrypt = seed != null;
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      OAEPParameterSpec spec =
          new OAEPParameterSpec(
              hash, "MGF1", new MGF1ParameterSpec(hash), new PSource.PSpecified(Wire.bytes(label)));
      if (encrypt) {
        cipher.init(
            Cipher.ENCRYPT_MODE, publicKey(parts), spec, SeededRandom.expanding(Wire.bytes(seed)));
      } else {
        cipher.init(Cipher.DECRYPT_MODE, privateKey(parts), spec);
      }
      return Wire.binary(cipher.doFinal(Wire.bytes(data)));
    } catch (BadPaddingException e) {
      return WebCrypto.failure("OperationError", "RSA-OAEP failed encrypt/decrypt.");
    } catch (GeneralSecurityException e) {
      // workerd's words for any failure (a message too long for the key, a bad ciphertext).
      return WebCrypto.failure("OperationError", "RSA-OAEP failed encrypt/decrypt.");
    }
  }
}
