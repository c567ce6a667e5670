package dev.w9y.core.r2;

import dev.w9y.core.async.Promise;
import dev.w9y.core.platform.PlatformAccess;
import dev.w9y.core.platform.PlatformContext;
import dev.w9y.scheduler.Distribution;
import dev.w9y.scheduler.RandomStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One guest's handle on an R2 bucket: {@code head}, {@code get}, {@code put}, {@code delete},
 * {@code list} and multipart uploads, checked in R2's words. Each operation takes a seeded latency
 * and runs as an event of its own ({@code r2.get}...), where it is checked, may fail with R2's
 * transient internal error ({@link R2Hooks}) and acts on the bucket; its result reaches the guest
 * through the guest's input gate (or never, if the guest crashed meanwhile).
 */
public final class R2Handle {
  /** An R2 operation's latency: an object store in the same region. */
  static final Distribution LATENCY = new Distribution.Uniform(1_000_000L, 10_000_000L);

  private final PlatformAccess access;
  private final R2BucketBinding binding;
  private final PlatformContext platform;
  private final RandomStream latency;
  private final R2Hooks hooks;

  R2Handle(PlatformAccess access, R2BucketBinding binding) {
    this.access = access;
    this.binding = binding;
    this.platform = access.platform();
    this.latency = platform.random("r2/latency/" + access.actor());
    this.hooks = platform.hooks(R2Hooks.class, R2Hooks.NONE);
  }

  /** An etag condition: a strong or weak etag, or {@code *}. */
  public record Etag(Type type, String value) {
    public enum Type {
      STRONG,
      WEAK,
      WILDCARD
    }
  }

  /**
   * {@code onlyIf}: each part null when not given; dates in epoch millis, compared to the second
   * when {@code secondsGranularity} (conditions given as HTTP headers).
   */
  public record Conditional(
      List<Etag> etagMatches,
      List<Etag> etagDoesNotMatch,
      Long uploadedBefore,
      Long uploadedAfter,
      boolean secondsGranularity) {}

  /** A ranged read: offset/length/suffix (each null when not given), or a Range header. */
  public record RangeRequest(Long offset, Long length, Long suffix, String header) {}

  /**
   * A put's options: {@code checksums} maps {@code md5}, {@code sha1}... to the hex digest the
   * caller expects.
   */
  public record PutOptions(
      R2Object.HttpMetadata httpMetadata,
      Map<String, String> customMetadata,
      Conditional onlyIf,
      Map<String, String> checksums) {}

  /** A list's options; {@code limit} null for R2's default (1000). */
  public record ListOptions(
      String prefix,
      Integer limit,
      String cursor,
      String delimiter,
      String startAfter,
      boolean includeHttpMetadata,
      boolean includeCustomMetadata) {}

  /** A page of a list: {@code cursor} is null unless {@code truncated}. */
  public record ListPage(
      List<R2Object> objects, boolean truncated, String cursor, List<String> delimitedPrefixes) {}

  /** A get's answer: {@code body} is null when {@code onlyIf} did not hold. */
  public record ObjectBody(R2Object object, byte[] body) {}

  /** A part named when completing a multipart upload. */
  public record UploadedPart(int partNumber, String etag) {}

  private R2Store store() {
    return platform.shared(R2Store.class, R2Store::new);
  }

  /** The object's metadata, or null if the key has none. */
  public Promise<R2Object> head(String key) {
    return run(
        "head",
        key,
        details -> {
          R2Object object = store().head(binding.bucket(), key);
          found(details, object);
          return object;
        });
  }

  /** The object and (if {@code onlyIf} holds) the bytes of {@code range}, or null. */
  public Promise<ObjectBody> get(String key, Conditional onlyIf, RangeRequest range) {
    return run(
        "get",
        key,
        details -> {
          R2Store.Read read = store().get(binding.bucket(), key, onlyIf, range);
          found(details, read == null ? null : read.object());
          if (read == null) {
            return null;
          }
          if (read.body() == null) {
            details.put("precondition", "failed");
          } else {
            details.put("bytes", (long) read.body().length);
          }
          return new ObjectBody(read.object(), read.body());
        });
  }

  /** Stores {@code value}: the new object, or null when {@code onlyIf} did not hold. */
  public Promise<R2Object> put(String key, byte[] value, PutOptions options) {
    return run(
        "put",
        key,
        details -> {
          R2Object object =
              store().put(binding.bucket(), key, value, options, platform.epochMillis());
          details.put("bytes", (long) value.length);
          if (object == null) {
            details.put("precondition", "failed");
          } else {
            details.put("etag", object.etag());
            details.put("version", object.version());
          }
          return object;
        });
  }

  /** Deletes the keys (missing ones are no error). */
  public Promise<Void> delete(List<String> keys) {
    return run(
        "delete",
        keys.isEmpty() ? "" : keys.get(0),
        details -> {
          for (String key : keys) {
            checkKey("delete", key);
          }
          details.put("keys", (long) keys.size());
          details.put("deleted", store().delete(binding.bucket(), keys));
          return null;
        });
  }

  /** One page of the bucket's keys. */
  public Promise<ListPage> list(ListOptions options) {
    return run(
        "list",
        options.prefix() == null ? "" : options.prefix(),
        details -> {
          ListPage page = store().list(binding.bucket(), options);
          details.put("objects", (long) page.objects().size());
          details.put("prefixes", (long) page.delimitedPrefixes().size());
          details.put("truncated", page.truncated());
          return page;
        });
  }

  /** Starts a multipart upload of {@code key}: its upload id. */
  public Promise<String> createMultipartUpload(
      String key, R2Object.HttpMetadata httpMetadata, Map<String, String> customMetadata) {
    return run(
        "createMultipartUpload",
        key,
        details -> {
          String id =
              store().createMultipartUpload(binding.bucket(), key, httpMetadata, customMetadata);
          details.put("uploadId", id);
          return id;
        });
  }

  /** Uploads part {@code partNumber}: its etag. */
  public Promise<String> uploadPart(String key, String uploadId, int partNumber, byte[] value) {
    return run(
        "uploadPart",
        key,
        details -> {
          details.put("part", (long) partNumber);
          details.put("bytes", (long) value.length);
          return store().uploadPart(binding.bucket(), key, uploadId, partNumber, value);
        });
  }

  /** Completes an upload from the named parts: the new object. */
  public Promise<R2Object> completeMultipartUpload(
      String key, String uploadId, List<UploadedPart> parts) {
    return run(
        "completeMultipartUpload",
        key,
        details -> {
          R2Object object =
              store().complete(binding.bucket(), key, uploadId, parts, platform.epochMillis());
          details.put("etag", object.etag());
          details.put("size", object.size());
          return object;
        });
  }

  /** Aborts an upload (aborting one already completed or aborted is no error). */
  public Promise<Void> abortMultipartUpload(String key, String uploadId) {
    return run(
        "abortMultipartUpload",
        key,
        details -> {
          store().abort(binding.bucket(), key, uploadId);
          return null;
        });
  }

  private static void found(Map<String, Object> details, R2Object object) {
    details.put("found", object != null);
    if (object != null) {
      details.put("etag", object.etag());
    }
  }

  private static void checkKey(String operation, String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > R2Store.MAX_KEY_BYTES) {
      throw new R2Exception(operation, R2Error.INVALID_OBJECT_NAME);
    }
  }

  /**
   * One operation: the event {@code r2.<operation>} after a seeded latency, where the key is
   * checked, the fault hooks may fail it and {@code perform} acts; a {@code r2.<operation>.result}
   * record says what it did or the error; the result reaches the guest through its input gate.
   */
  private <T> Promise<T> run(
      String operation, String key, Function<Map<String, Object>, T> perform) {
    PlatformAccess.Operation pending = access.operation();
    Promise.Deferred<T> result = Promise.deferred();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bucket", binding.bucket());
    details.put("key", key);
    String kind = "r2." + operation;
    platform.schedule(
        latency.sampleNanos(LATENCY),
        access.actor(),
        kind,
        details,
        () -> {
          Map<String, Object> outcome = new LinkedHashMap<>();
          outcome.put("key", key);
          T value;
          try {
            checkKey(operation, key);
            if (hooks.r2InternalError(access.actor(), binding.bucket(), operation, key)) {
              outcome.put("fault", "internal-error");
              throw new R2Exception(operation, R2Error.INTERNAL);
            }
            value = perform.apply(outcome);
          } catch (R2Exception e) {
            outcome.put("error", e.getMessage());
            platform.record(access.actor(), kind + ".result", outcome);
            pending.complete(() -> result.reject(e));
            return;
          }
          platform.record(access.actor(), kind + ".result", outcome);
          pending.complete(() -> result.resolve(value));
        });
    return result.promise();
  }
}
