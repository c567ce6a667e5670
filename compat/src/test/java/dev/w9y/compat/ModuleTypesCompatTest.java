package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Worker made of the module types wrangler ships — CommonJS (an npm package's code, esbuild-style
 * interop, cycles, require of other types), Text, Data and JSON — answers the same in W9Y and in
 * workerd. In W9Y the files' types come from their names (wrangler's default rules); in workerd
 * each is declared with its type, as wrangler uploads them.
 */
class ModuleTypesCompatTest {
  private static final String[][] MODULES = {
    {"is-odd.cjs", "CommonJS"},
    {"is-number.cjs", "CommonJS"},
    {"named.cjs", "CommonJS"},
    {"flagged.cjs", "CommonJS"},
    {"scope.cjs", "CommonJS"},
    {"cycle-a.cjs", "CommonJS"},
    {"cycle-b.cjs", "CommonJS"},
    {"requires-others.cjs", "CommonJS"},
    {"page.html", "Text"},
    {"notes.txt", "Text"},
    {"query.sql", "Text"},
    {"blob.bin", "Data"},
    // workerd is given this one as esbuild bundles it (see oracle.mjs): wrangler inlines JSON
    {"data.json", "Json"},
  };

  static Probe probe() {
    Probe probe = Probe.ofResource("module-types.js");
    for (String[] module : MODULES) {
      probe = probe.withModule("modules/" + module[0], module[1], "modules/" + module[0]);
    }
    return probe;
  }

  @Test
  void everyModuleTypeGivesTheSameValuesAsInWorkerd() {
    List<Probe.Step> steps = new ArrayList<>();
    for (String name :
        List.of("isOdd", "isOddError", "scope", "cycle", "viaRequire", "text", "data", "json")) {
      steps.add(Probe.Step.get("http://api/" + name));
    }
    Differential.run(probe().with(steps)).assertSame();
  }

  /**
   * The documented difference (docs/JS-GUESTS.md, "Modules as wrangler builds them"): W9Y imports
   * CommonJS as esbuild's bundle does — what wrangler deploys — so {@code exports.x} are named
   * exports too and an {@code __esModule} module's default is {@code exports.default}; workerd
   * given the raw CommonJS module (wrangler's {@code no_bundle}) offers {@code module.exports} as
   * the default export only.
   */
  @Test
  void importingCommonJsFollowsEsbuildsInteropWhereRawWorkerdGivesModuleExportsOnly() {
    Differential run =
        Differential.run(
            probe()
                .with(
                    List.of(
                        Probe.Step.get("http://api/named"), Probe.Step.get("http://api/flagged"))));
    String common = "\"defaultKeys\":[\"answer\",\"greet\",\"next\"],\"sameObject\":true";
    assertThat(run.workerd(0).body()).startsWith("{\"keys\":[\"default\"]," + common);
    assertThat(run.w9y(0).body())
        .startsWith("{\"keys\":[\"answer\",\"default\",\"greet\",\"next\"]," + common);
    assertThat(run.workerd(1).body())
        .isEqualTo(
            "{\"defaultType\":\"object\",\"defaultValue\":[\"default\",\"other\"],\"keys\":[\"default\"]}");
    assertThat(run.w9y(1).body())
        .isEqualTo(
            "{\"defaultType\":\"string\",\"defaultValue\":\"the default\",\"keys\":[\"default\",\"other\"]}");
  }
}
