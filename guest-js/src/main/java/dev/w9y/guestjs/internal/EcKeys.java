package dev.w9y.guestjs.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.KeyAgreement;

/**
 * ECDSA and ECDH on P-256, P-384 and P-521 for {@code crypto.subtle}. Keys cross as parts: public
 * [x, y], private [x, y, d] (fixed-length big-endian, as in JWK). The public point of a private
 * scalar is computed here with {@link BigInteger} arithmetic, so a seed gives the same key on every
 * JDK (the JDK's KeyPairGenerator turns random bytes into a scalar its own way).
 */
final class EcKeys {
  private EcKeys() {}

  /** A key pair [x, y, d] whose scalar is the seed's bytes reduced into [1, n−1]. */
  static Object generate(String curve, String seed) {
    try {
      ECParameterSpec params = WebCrypto.curve(curve);
      BigInteger order = params.getOrder();
      // 64 bits more than the order has: the bias of the reduction is negligible.
      byte[] bytes = SeededRandom.expanding(Wire.bytes(seed)).draw((order.bitLength() + 7) / 8 + 8);
      BigInteger d =
          new BigInteger(1, bytes).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      return withPublic(curve, params, d);
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "EC key generation: " + e.getMessage());
    }
  }

  private static Object[] withPublic(String curve, ECParameterSpec params, BigInteger d) {
    int size = WebCrypto.fieldBytes(curve);
    ECPoint point = multiply(params, d);
    return new Object[] {
      WebCrypto.fixed(point.getAffineX(), size),
      WebCrypto.fixed(point.getAffineY(), size),
      WebCrypto.fixed(d, size)
    };
  }

  /** d·G by double-and-add in affine coordinates (the curves' a is taken from the JDK). */
  static ECPoint multiply(ECParameterSpec params, BigInteger k) {
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    BigInteger a = params.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = add(result, result, p, a);
      if (k.testBit(i)) {
        result = add(result, params.getGenerator(), p, a);
      }
    }
    return result;
  }

  private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger x1 = s.getAffineX();
    BigInteger y1 = s.getAffineY();
    BigInteger x2 = t.getAffineX();
    BigInteger y2 = t.getAffineY();
    BigInteger slope;
    if (x1.equals(x2)) {
      if (y1.add(y2).mod(p).signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      slope =
          x1.pow(2)
              .multiply(BigInteger.valueOf(3))
              .add(a)
              .multiply(y1.shiftLeft(1).modInverse(p))
              .mod(p);
    } else {
      slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }

  private static PrivateKey privateKey(String curve, String d) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC")
        .generatePrivate(
            new ECPrivateKeySpec(new BigInteger(1, Wire.bytes(d)), WebCrypto.curve(curve)));
  }

  /** ECDSA signature r ‖ s (IEEE P1363, as Web Crypto has it); the nonce comes from the seed. */
  static Object sign(String curve, String hash, String d, String data, String seed) {
    try {
      Signature signer = Signature.getInstance(hash.replace("-", "") + "withECDSAinP1363Format");
      signer.initSign(privateKey(curve, d), SeededRandom.expanding(Wire.bytes(seed)));
      signer.update(Wire.bytes(data));
      return Wire.binary(signer.sign());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "ECDSA: " + e.getMessage());
    }
  }

  /** ECDH (SEC 1 §3.3.1): the shared point's x coordinate, field-size bytes. */
  static Object ecdh(String curve, String d, String[] publicParts) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(privateKey(curve, d));
      agreement.doPhase(
          WebCrypto.publicKey("EC", new String[] {curve, publicParts[0], publicParts[1]}), true);
      return Wire.binary(agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("OperationError", "ECDH: " + e.getMessage());
    }
  }

  /** A private key's parts [curve, x, y, d] from PKCS #8 DER (the public point recomputed). */
  static Object privateParts(String pkcs8) {
    try {
      ECPrivateKey key =
          (ECPrivateKey)
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(Wire.bytes(pkcs8)));
      String curve = WebCrypto.curveName(key.getParams());
      if (curve == null) {
        return WebCrypto.failure("NotSupportedError", "the EC key is not on P-256, P-384 or P-521");
      }
      Object[] parts = withPublic(curve, key.getParams(), key.getS());
      return new Object[] {curve, parts[0], parts[1], parts[2]};
    } catch (GeneralSecurityException | ClassCastException e) {
      return WebCrypto.badKeyData("EC", Wire.bytes(pkcs8), true);
    }
  }

  /** The public parts [x, y] of a private scalar (a JWK's d is checked against its x and y). */
  static Object publicOf(String curve, String d) {
    try {
      Object[] parts = withPublic(curve, WebCrypto.curve(curve), new BigInteger(1, Wire.bytes(d)));
      return new Object[] {parts[0], parts[1]};
    } catch (GeneralSecurityException e) {
      return WebCrypto.failure("DataError", "EC: " + e.getMessage());
    }
  }

  private static final String[] CURVE_OIDS = {
    "P-256", "06082a8648ce3d030107", "P-384", "06052b81040022", "P-521", "06052b81040023"
  };

  /**
   * PKCS #8 of an EC private key as BoringSSL (and so workerd) writes it: the curve in the
   * AlgorithmIdentifier, and an ECPrivateKey (RFC 5915) with the public key but no parameters. The
   * JDK's own encoding leaves the public key out.
   */
  static Object pkcs8(String curve, String[] parts) {
    String curveOid = null;
    for (int i = 0; i < CURVE_OIDS.length; i += 2) {
      if (CURVE_OIDS[i].equals(curve)) {
        curveOid = CURVE_OIDS[i + 1];
      }
    }
    byte[] point = concat(new byte[] {0, 4}, Wire.bytes(parts[0]), Wire.bytes(parts[1]));
    byte[] ecPrivateKey =
        der(
            0x30,
            concat(
                der(0x02, new byte[] {1}),
                der(0x04, Wire.bytes(parts[2])),
                der(0xa1, der(0x03, point))));
    byte[] algorithm = der(0x30, concat(hex("06072a8648ce3d0201"), hex(curveOid)));
    return Wire.binary(
        der(0x30, concat(der(0x02, new byte[] {0}), algorithm, der(0x04, ecPrivateKey))));
  }

  /** A DER TLV (definite length; short or long form). */
  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] array : arrays) {
      out.writeBytes(array);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }
}
