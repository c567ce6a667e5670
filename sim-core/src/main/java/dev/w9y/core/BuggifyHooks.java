package dev.w9y.core;

/**
 * Where BUGGIFY decisions are made: a guest (or Java service) asks whether the named fault site
 * fires now. The default never fires; fault plans decide per run which sites are active.
 */
public interface BuggifyHooks {
  BuggifyHooks NONE = new BuggifyHooks() {};

  /** Whether the site {@code site}, reached by {@code actor}, fires on this call. */
  default boolean fire(String actor, String site) {
    return false;
  }

  /** Ends every BUGGIFY site for the liveness phase. */
  default void heal() {}
}
