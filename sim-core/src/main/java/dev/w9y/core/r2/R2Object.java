package dev.w9y.core.r2;

import java.util.Map;

/**
 * An object's metadata as R2 answers it (workerd's {@code R2Object}): {@code uploaded} is the
 * platform's wall clock (epoch millis) when it was written; {@code checksums} maps {@code md5},
 * {@code sha1}, {@code sha256}, {@code sha384}, {@code sha512} to hex (only those known); {@code
 * range} is the part of the body an answer carries (null where R2 gives none, as on put and list).
 */
public record R2Object(
    String key,
    String version,
    long size,
    String etag,
    long uploadedMillis,
    HttpMetadata httpMetadata,
    Map<String, String> customMetadata,
    Map<String, String> checksums,
    Range range) {

  /** The same object answering for {@code range} of its body. */
  R2Object withRange(Range range) {
    return new R2Object(
        key, version, size, etag, uploadedMillis, httpMetadata, customMetadata, checksums, range);
  }

  /** The object as list() gives it: without the metadata the caller did not ask to include. */
  R2Object listed(boolean includeHttp, boolean includeCustom) {
    return new R2Object(
        key,
        version,
        size,
        etag,
        uploadedMillis,
        includeHttp ? httpMetadata : HttpMetadata.NONE,
        includeCustom ? customMetadata : java.util.Collections.emptyMap(),
        checksums,
        null);
  }

  /** The HTTP headers stored with an object; null fields are unset. */
  public record HttpMetadata(
      String contentType,
      String contentLanguage,
      String contentDisposition,
      String contentEncoding,
      String cacheControl,
      Long cacheExpiryMillis) {
    public static final HttpMetadata NONE = new HttpMetadata(null, null, null, null, null, null);
  }

  /** {@code length} bytes of the body from {@code offset}. */
  public record Range(long offset, long length) {}
}
