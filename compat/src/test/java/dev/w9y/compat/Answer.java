package dev.w9y.compat;

/**
 * What one request got: a status and body text, or the error the client saw instead (a failed
 * fetch). Probes answer with JSON descriptions of what they observed, so comparing bodies compares
 * observations exactly.
 */
record Answer(int status, String body, String error, String headers) {
  static Answer of(int status, String body) {
    return new Answer(status, body, null, null);
  }

  static Answer failed(String error) {
    return new Answer(0, null, error, null);
  }

  /**
   * The answer with the response headers that matter for static assets ({@code content-type},
   * {@code location}, {@code cache-control}, and the ETag's shape: its hash differs by design;
   * {@code x-test} and {@code x-splat}, which probes' {@code _headers} files set), compared too.
   */
  Answer withAssetHeaders(java.util.function.Function<String, String> header) {
    StringBuilder shown = new StringBuilder();
    for (String name :
        java.util.List.of(
            "content-type", "location", "cache-control", "etag", "x-test", "x-splat")) {
      String value = header.apply(name);
      if (value != null) {
        if (name.equals("etag")) {
          value = value.replaceAll("[0-9a-f]{32}", "<32 hex>");
        }
        shown.append(' ').append(name).append('=').append(value);
      }
    }
    return new Answer(status, body, error, shown.toString());
  }

  @Override
  public String toString() {
    return error != null
        ? "failed: " + error
        : status + (headers == null ? "" : " [" + headers.strip() + "]") + " " + body;
  }
}
