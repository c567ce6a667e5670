package dev.w9y.core.guest;

/**
 * The id of a durable object: 64 lower-case hex digits, plus the name it was derived from when it
 * came from {@code idFromName}. Equal ids address the same object everywhere in the world.
 */
public record DurableObjectId(String hex, String name) {
  public DurableObjectId {
    if (hex == null || !hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a durable object id is 64 lower-case hex digits, not '" + hex + "'");
    }
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
