package dev.w9y.compat;

/**
 * What one request got: a status and body text, or the error the client saw instead (a failed
 * fetch). Probes answer with JSON descriptions of what they observed, so comparing bodies compares
 * observations exactly.
 */
record Answer(int status, String body, String error) {
  static Answer of(int status, String body) {
    return new Answer(status, body, null);
  }

  static Answer failed(String error) {
    return new Answer(0, null, error);
  }

  @Override
  public String toString() {
    return error != null ? "failed: " + error : status + " " + body;
  }
}
