package dev.w9y.core.r2;

/** R2's errors as its API words them (Miniflare's local R2 uses the same messages and codes). */
record R2Error(int code, String message) {
  static final R2Error INTERNAL =
      new R2Error(10001, "We encountered an internal error. Please try again.");
  static final R2Error ENTITY_TOO_LARGE =
      new R2Error(100100, "Your proposed upload exceeds the maximum allowed object size.");
  static final R2Error ENTITY_TOO_SMALL =
      new R2Error(10011, "Your proposed upload is smaller than the minimum allowed object size.");
  static final R2Error METADATA_TOO_LARGE =
      new R2Error(10012, "Your metadata headers exceed the maximum allowed metadata size.");
  static final R2Error INVALID_OBJECT_NAME =
      new R2Error(10020, "The specified object name is not valid.");
  static final R2Error INVALID_MAX_KEYS =
      new R2Error(10022, "MaxKeys params must be positive integer <= 1000.");
  static final R2Error NO_SUCH_UPLOAD =
      new R2Error(10024, "The specified multipart upload does not exist.");
  static final R2Error INVALID_PART =
      new R2Error(10025, "One or more of the specified parts could not be found.");
  static final R2Error INVALID_RANGE = new R2Error(10039, "The requested range is not satisfiable");
  static final R2Error BAD_UPLOAD =
      new R2Error(10048, "There was a problem with the multipart upload.");

  static R2Error badDigest(String algorithm, String provided, String actual) {
    return new R2Error(
        10037,
        "The "
            + algorithm
            + " checksum you specified did not match what we received.\nYou provided a "
            + algorithm
            + " checksum with value: "
            + provided
            + "\nActual "
            + algorithm
            + " was: "
            + actual);
  }
}
