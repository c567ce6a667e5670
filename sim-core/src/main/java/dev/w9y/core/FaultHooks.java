package dev.w9y.core;

import dev.w9y.core.clock.ClockHooks;
import dev.w9y.core.network.NetworkHooks;
import dev.w9y.core.storage.StorageHooks;

/**
 * Every hook a fault injector can act through, in one object (the faults module implements it).
 * {@link #heal()} switches every family off for the liveness phase.
 */
public interface FaultHooks extends NetworkHooks, StorageHooks, ClockHooks, BuggifyHooks {
  /** No faults at all. */
  FaultHooks NONE =
      new FaultHooks() {
        @Override
        public void heal() {}
      };

  @Override
  void heal();
}
