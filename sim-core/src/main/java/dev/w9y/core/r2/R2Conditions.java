package dev.w9y.core.r2;

import java.util.List;

/**
 * R2's {@code onlyIf} and ranged reads, evaluated as R2 does (If-Match, If-None-Match,
 * If-Unmodified-Since, If-Modified-Since; RFC 9110 ranges, one at a time).
 */
final class R2Conditions {
  private R2Conditions() {}

  /** Whether {@code onlyIf} holds for {@code object} (null: the key has no object). */
  static boolean hold(R2Handle.Conditional onlyIf, R2Object object) {
    if (onlyIf == null) {
      return true;
    }
    if (object == null) {
      return onlyIf.etagMatches() == null && onlyIf.uploadedAfter() == null;
    }
    boolean ifMatch =
        onlyIf.etagMatches() == null || includes(onlyIf.etagMatches(), object.etag(), false);
    boolean ifNoneMatch =
        onlyIf.etagDoesNotMatch() == null
            || !includes(onlyIf.etagDoesNotMatch(), object.etag(), true);
    long uploaded = truncate(object.uploadedMillis(), onlyIf.secondsGranularity());
    // A date condition gives way to an etag condition of the same kind (RFC 9110 §13.2.2).
    boolean ifModifiedSince =
        onlyIf.uploadedAfter() == null
            || truncate(onlyIf.uploadedAfter(), onlyIf.secondsGranularity()) < uploaded
            || (onlyIf.etagDoesNotMatch() != null && ifNoneMatch);
    boolean ifUnmodifiedSince =
        onlyIf.uploadedBefore() == null
            || uploaded < truncate(onlyIf.uploadedBefore(), onlyIf.secondsGranularity())
            || (onlyIf.etagMatches() != null && ifMatch);
    return ifMatch && ifNoneMatch && ifModifiedSince && ifUnmodifiedSince;
  }

  private static long truncate(long millis, boolean seconds) {
    return seconds ? Math.floorDiv(millis, 1000L) * 1000L : millis;
  }

  private static boolean includes(List<R2Handle.Etag> etags, String etag, boolean weakMatches) {
    for (R2Handle.Etag condition : etags) {
      if (condition.type() == R2Handle.Etag.Type.WILDCARD
          || (condition.value().equals(etag)
              && (condition.type() == R2Handle.Etag.Type.STRONG || weakMatches))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The part of a body of {@code size} bytes that {@code range} asks for, or null for all of it;
   * throws R2's invalid-range error for an unsatisfiable offset/length/suffix. A Range header R2
   * cannot serve as one satisfiable range (malformed, several ranges, none satisfiable) reads the
   * whole body, as R2 does.
   */
  static R2Object.Range range(R2Handle.RangeRequest range, long size) {
    if (range == null) {
      return null;
    }
    if (range.header() != null) {
      return header(range.header(), size);
    }
    Long offset = range.offset();
    Long length = range.length();
    if (range.suffix() != null) {
      long suffix = range.suffix();
      if (suffix <= 0) {
        throw new R2Exception("get", R2Error.INVALID_RANGE);
      }
      suffix = Math.min(suffix, size);
      offset = size - suffix;
      length = suffix;
    }
    long start = offset == null ? 0 : offset;
    long count = length == null ? size - start : length;
    if (start < 0 || start > size || count <= 0) {
      throw new R2Exception("get", R2Error.INVALID_RANGE);
    }
    return new R2Object.Range(start, Math.min(count, size - start));
  }

  private static R2Object.Range header(String header, long size) {
    String value = header.trim();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
      return null;
    }
    String[] specs = value.substring(6).split(",", -1);
    R2Object.Range only = null;
    int satisfiable = 0;
    for (String raw : specs) {
      String spec = raw.trim();
      int dash = spec.indexOf('-');
      if (dash < 0) {
        return null;
      }
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      if (!digits(first) || !digits(last) || (first.isEmpty() && last.isEmpty())) {
        return null;
      }
      long start;
      long end;
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix == 0) {
          continue;
        }
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(first);
        end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
        if (!last.isEmpty() && Long.parseLong(last) < start) {
          return null;
        }
        if (start >= size) {
          continue;
        }
      }
      satisfiable++;
      only = new R2Object.Range(start, end - start + 1);
    }
    return satisfiable == 1 ? only : null;
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return text.length() <= 15;
  }
}
