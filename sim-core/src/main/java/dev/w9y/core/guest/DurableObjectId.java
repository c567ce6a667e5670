package dev.w9y.core.guest;

/**
 * The id of a durable object: 64 lower-case hex digits, plus the name it was derived from when it
 * came from {@code idFromName}. Equal ids address the same object everywhere in the world.
 */
public record DurableObjectId(String hex, String name) {
  public DurableObjectId {
    if (!isHex64(hex)) {
      throw new IllegalArgumentException(
          "a durable object id is 64 lower-case hex digits, not '" + hex + "'");
    }
  }

  /** Whether {@code text} is 64 lower-case hex digits (made per request: no regex). */
  private static boolean isHex64(String text) {
    if (text == null || text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Ids are equal when their hex forms are: the name is only a convenience for people. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DurableObjectId that && hex.equals(that.hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
