package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/** What module-level code may do, and that module state lives across requests, as in workerd. */
class ModuleScopeCompatTest {
  private static final Probe MODULE = Probe.ofResource("module-scope.js");

  @Test
  void moduleLevelCodeMayDoWhatWorkerdAllowsAndIsRefusedWhatItRefuses() {
    Differential.run(MODULE.gets("m", "load", "again")).assertSame();
  }
}
