package dev.w9y.core.r2;

import dev.w9y.core.platform.KeyOrder;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.RandomStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every R2 bucket of a run (the world's one {@link PlatformContext#shared shared} R2 state): each
 * bucket's objects by key in UTF-8 order, and its multipart uploads. R2 is strongly consistent, so
 * every operation sees every earlier write. Versions and upload ids come from seeded streams; etags
 * from the content (MD5 hex for a single put, as R2 gives them).
 */
final class R2Store {
  /** Cloudflare's limits as local R2 enforces them (Miniflare's R2Limits). */
  static final int MAX_LIST_KEYS = 1000;

  static final int MAX_LIST_KEYS_WITH_METADATA = 100;
  static final int MAX_KEY_BYTES = 1024;
  static final long MAX_VALUE_BYTES = 5_363_466_240L;
  static final int MAX_METADATA_SIZE = 2048;
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;

  /** The digests R2 can check, by their option name, with their names in R2's errors. */
  static final Map<String, String> ALGORITHMS = new LinkedHashMap<>();

  static {
    ALGORITHMS.put("md5", "MD5");
    ALGORITHMS.put("sha1", "SHA-1");
    ALGORITHMS.put("sha256", "SHA-256");
    ALGORITHMS.put("sha384", "SHA-384");
    ALGORITHMS.put("sha512", "SHA-512");
  }

  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final RandomStream versions;
  private final RandomStream ids;

  R2Store(PlatformContext platform) {
    this.versions = platform.random("r2/versions");
    this.ids = platform.random("r2/upload-ids");
  }

  private static final class Bucket {
    final TreeMap<String, Stored> objects = new TreeMap<>(KeyOrder.UTF8);
    final Map<String, Upload> uploads = new LinkedHashMap<>();
  }

  private record Stored(R2Object object, byte[] body) {}

  private static final class Upload {
    final String key;
    final R2Object.HttpMetadata httpMetadata;
    final Map<String, String> customMetadata;
    boolean open = true;
    final TreeMap<Integer, Part> parts = new TreeMap<>();

    Upload(String key, R2Object.HttpMetadata httpMetadata, Map<String, String> customMetadata) {
      this.key = key;
      this.httpMetadata = httpMetadata;
      this.customMetadata = customMetadata;
    }
  }

  private record Part(String etag, byte[] bytes, byte[] md5) {}

  private Bucket bucket(String name) {
    return buckets.computeIfAbsent(name, n -> new Bucket());
  }

  R2Object head(String bucket, String key) {
    Stored stored = bucket(bucket).objects.get(key);
    return stored == null
        ? null
        : stored.object().withRange(new R2Object.Range(0, stored.object().size()));
  }

  /** An object and the bytes of the range asked for, or null; {@code body} null: onlyIf failed. */
  record Read(R2Object object, byte[] body) {}

  Read get(String bucket, String key, R2Handle.Conditional onlyIf, R2Handle.RangeRequest range) {
    Stored stored = bucket(bucket).objects.get(key);
    if (stored == null) {
      return null;
    }
    R2Object object = stored.object();
    if (!R2Conditions.hold(onlyIf, object)) {
      return new Read(object.withRange(new R2Object.Range(0, object.size())), null);
    }
    R2Object.Range part = R2Conditions.range(range, object.size());
    if (part == null) {
      part = new R2Object.Range(0, object.size());
    }
    byte[] body = new byte[(int) part.length()];
    System.arraycopy(stored.body(), (int) part.offset(), body, 0, body.length);
    return new Read(object.withRange(part), body);
  }

  /** Stores {@code value} under {@code key}: the new object, or null if {@code onlyIf} failed. */
  R2Object put(
      String bucket, String key, byte[] value, R2Handle.PutOptions options, long nowMillis) {
    if (value.length > MAX_VALUE_BYTES) {
      throw new R2Exception("put", R2Error.ENTITY_TOO_LARGE);
    }
    checkMetadataSize("put", options.customMetadata());
    Map<String, String> checksums = new LinkedHashMap<>();
    for (Map.Entry<String, String> algorithm : ALGORITHMS.entrySet()) {
      String provided = options.checksums().get(algorithm.getKey());
      if (provided == null && !algorithm.getKey().equals("md5")) {
        continue;
      }
      String actual = HexFormat.of().formatHex(digest(algorithm.getValue(), value));
      if (provided != null) {
        if (!provided.equalsIgnoreCase(actual)) {
          throw new R2Exception("put", R2Error.badDigest(algorithm.getValue(), provided, actual));
        }
        checksums.put(algorithm.getKey(), actual);
      }
    }
    Bucket b = bucket(bucket);
    Stored previous = b.objects.get(key);
    if (!R2Conditions.hold(options.onlyIf(), previous == null ? null : previous.object())) {
      return null;
    }
    String etag = HexFormat.of().formatHex(digest("MD5", value));
    // R2 reports an etag of 32 hex digits as the object's MD5 as well.
    Map<String, String> known = new LinkedHashMap<>();
    known.put("md5", etag);
    known.putAll(checksums);
    R2Object object =
        new R2Object(
            key,
            version(),
            value.length,
            etag,
            nowMillis,
            options.httpMetadata(),
            options.customMetadata(),
            known,
            null);
    b.objects.put(key, new Stored(object, value.clone()));
    return object;
  }

  static void checkMetadataSize(String operation, Map<String, String> customMetadata) {
    long size = 0;
    for (Map.Entry<String, String> entry : customMetadata.entrySet()) {
      size += serialisedLength(entry.getKey()) + serialisedLength(entry.getValue());
    }
    if (size > MAX_METADATA_SIZE) {
      throw new R2Exception(operation, R2Error.METADATA_TOO_LARGE);
    }
  }

  /** How R2 counts metadata: one unit per character, two if any is beyond Latin-1. */
  private static long serialisedLength(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 256) {
        return text.length() * 2L;
      }
    }
    return text.length();
  }

  /** Deletes the keys that exist; the others are no error. Returns how many existed. */
  long delete(String bucket, List<String> keys) {
    long deleted = 0;
    Bucket b = bucket(bucket);
    for (String key : keys) {
      deleted += b.objects.remove(key) == null ? 0 : 1;
    }
    return deleted;
  }

  R2Handle.ListPage list(String bucket, R2Handle.ListOptions options) {
    int limit = options.limit() == null ? MAX_LIST_KEYS : options.limit();
    if (limit < 1 || limit > MAX_LIST_KEYS) {
      throw new R2Exception("list", R2Error.INVALID_MAX_KEYS);
    }
    if (options.includeHttpMetadata() || options.includeCustomMetadata()) {
      limit = Math.min(limit, MAX_LIST_KEYS_WITH_METADATA);
    }
    String prefix = options.prefix() == null ? "" : options.prefix();
    String after = options.startAfter();
    if (options.cursor() != null) {
      String fromCursor = decodeCursor(options.cursor());
      if (after == null || KeyOrder.UTF8.compare(fromCursor, after) > 0) {
        after = fromCursor;
      }
    }
    String delimiter =
        options.delimiter() == null || options.delimiter().isEmpty() ? null : options.delimiter();
    // Rows as R2 pages them: an object, or a delimited prefix standing for all its keys (its
    // last key is where the next page starts).
    List<R2Object> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String lastKey = null;
    int rows = 0;
    boolean truncated = false;
    String previousPrefix = null;
    Map<String, Stored> candidates =
        after == null ? bucket(bucket).objects : bucket(bucket).objects.tailMap(after, false);
    for (Map.Entry<String, Stored> entry : candidates.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        continue;
      }
      String grouped = null;
      if (delimiter != null) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          grouped = key.substring(0, at + delimiter.length());
        }
      }
      if (grouped != null && grouped.equals(previousPrefix)) {
        lastKey = key;
        continue;
      }
      if (rows == limit) {
        truncated = true;
        break;
      }
      rows++;
      lastKey = key;
      if (grouped != null) {
        prefixes.add(grouped);
        previousPrefix = grouped;
      } else {
        objects.add(
            entry
                .getValue()
                .object()
                .listed(options.includeHttpMetadata(), options.includeCustomMetadata()));
      }
    }
    String cursor =
        truncated
            ? Base64.getEncoder().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8))
            : null;
    return new R2Handle.ListPage(objects, truncated, cursor, prefixes);
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // R2 reads a cursor it did not make leniently: what decodes is where the page starts.
      return new String(Base64.getMimeDecoder().decode(cursor), StandardCharsets.UTF_8);
    }
  }

  String createMultipartUpload(
      String bucket,
      String key,
      R2Object.HttpMetadata httpMetadata,
      Map<String, String> customMetadata) {
    String id = randomId();
    bucket(bucket).uploads.put(id, new Upload(key, httpMetadata, customMetadata));
    return id;
  }

  private Upload openUpload(String bucket, String key, String uploadId, String operation) {
    Upload upload = bucket(bucket).uploads.get(uploadId);
    if (upload == null || !upload.key.equals(key) || !upload.open) {
      throw new R2Exception(operation, R2Error.NO_SUCH_UPLOAD);
    }
    return upload;
  }

  /** Stores one part; its etag. */
  String uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] value) {
    Upload upload = openUpload(bucket, key, uploadId, "uploadPart");
    String etag = randomId();
    upload.parts.put(partNumber, new Part(etag, value.clone(), digest("MD5", value)));
    return etag;
  }

  /**
   * Joins the named parts into the object: every part but the last at least 5 MiB and all of one
   * size, the last no larger (R2's rules); the etag is the MD5 of the parts' MD5s, "-" and their
   * count.
   */
  R2Object complete(
      String bucket,
      String key,
      String uploadId,
      List<R2Handle.UploadedPart> named,
      long nowMillis) {
    Upload upload = bucket(bucket).uploads.get(uploadId);
    if (upload == null || !upload.key.equals(key)) {
      throw new R2Exception("completeMultipartUpload", R2Error.INTERNAL);
    }
    if (!upload.open) {
      throw new R2Exception("completeMultipartUpload", R2Error.NO_SUCH_UPLOAD);
    }
    TreeMap<Integer, Part> parts = new TreeMap<>();
    for (R2Handle.UploadedPart part : named) {
      if (parts.containsKey(part.partNumber())) {
        throw new R2Exception("completeMultipartUpload", R2Error.INTERNAL);
      }
      Part uploaded = upload.parts.get(part.partNumber());
      if (uploaded == null || !uploaded.etag().equals(part.etag())) {
        throw new R2Exception("completeMultipartUpload", R2Error.INVALID_PART);
      }
      parts.put(part.partNumber(), uploaded);
    }
    List<Part> inNamedOrder = new ArrayList<>();
    for (R2Handle.UploadedPart part : named) {
      inNamedOrder.add(parts.get(part.partNumber()));
    }
    for (int i = 0; i < inNamedOrder.size() - 1; i++) {
      if (inNamedOrder.get(i).bytes().length < MIN_PART_BYTES) {
        throw new R2Exception("completeMultipartUpload", R2Error.ENTITY_TOO_SMALL);
      }
    }
    List<Part> ordered = new ArrayList<>(parts.values());
    Long partSize = null;
    for (int i = 0; i < ordered.size() - 1; i++) {
      long size = ordered.get(i).bytes().length;
      partSize = partSize == null ? size : partSize;
      if (size < MIN_PART_BYTES || size != partSize) {
        throw new R2Exception("completeMultipartUpload", R2Error.BAD_UPLOAD);
      }
    }
    if (partSize != null && ordered.get(ordered.size() - 1).bytes().length > partSize) {
      throw new R2Exception("completeMultipartUpload", R2Error.BAD_UPLOAD);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    MessageDigest md5s = messageDigest("MD5");
    for (Part part : ordered) {
      body.writeBytes(part.bytes());
      md5s.update(part.md5());
    }
    String etag = HexFormat.of().formatHex(md5s.digest()) + "-" + ordered.size();
    R2Object object =
        new R2Object(
            key,
            version(),
            body.size(),
            etag,
            nowMillis,
            upload.httpMetadata,
            upload.customMetadata,
            new LinkedHashMap<>(),
            null);
    bucket(bucket).objects.put(key, new Stored(object, body.toByteArray()));
    upload.open = false;
    upload.parts.clear();
    return object;
  }

  void abort(String bucket, String key, String uploadId) {
    Upload upload = bucket(bucket).uploads.get(uploadId);
    if (upload == null || !upload.key.equals(key)) {
      throw new R2Exception("abortMultipartUpload", R2Error.INTERNAL);
    }
    upload.open = false;
    upload.parts.clear();
  }

  /** 32 hex digits from the seeded stream, as R2's versions look. */
  private String version() {
    return HexFormat.of().toHexDigits(versions.nextLong())
        + HexFormat.of().toHexDigits(versions.nextLong());
  }

  /** An upload id or a part's etag: 128 seeded bytes in URL-safe base64, as local R2 makes them. */
  private String randomId() {
    byte[] bytes = new byte[128];
    for (int i = 0; i < bytes.length; i += 8) {
      long draw = ids.nextLong();
      for (int j = 0; j < 8; j++) {
        bytes[i + j] = (byte) (draw >>> (8 * j));
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] digest(String algorithm, byte[] value) {
    return messageDigest(algorithm).digest(value);
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
