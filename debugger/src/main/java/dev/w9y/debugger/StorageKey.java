package dev.w9y.debugger;

/** A durable object's storage key, as the state's storage section keys it: object, then key. */
record StorageKey(String object, String key) {
  @Override
  public String toString() {
    return object + " " + key;
  }
}
