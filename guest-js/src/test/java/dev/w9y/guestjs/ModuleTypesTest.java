package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.guest.ModuleRule;
import dev.w9y.core.http.Request;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules as wrangler builds a Worker: CommonJS, npm packages, Text, Data and JSON. */
class ModuleTypesTest {
  private static final Path PROJECT = Path.of("src/test/resources/modules-project");

  private static String serveProject(String path) {
    JsGuest guest = JsGuest.fromFile(PROJECT.resolve("index.js"));
    JsWorld world = JsWorld.run(JsWorld.publicApi(guest), 1, Request.get("http://api" + path));
    assertThat(world.result.failure()).isEmpty();
    return world.outcomes.get(0);
  }

  @Test
  void anUnmodifiedCommonJsPackageFromNodeModulesIsImportedByItsDefaultExport() {
    assertThat(serveProject("/")).contains("\"isOdd\":[true,false,true]");
  }

  @Test
  void aCommonJsPackageThrowsItsOwnErrorsToTheImporter() {
    assertThat(serveProject("/odd-error")).isEqualTo("200 expected an integer");
  }

  @Test
  void namedImportsOfACommonJsModuleAreItsStaticallyVisibleExports() {
    // one module instance: next() counts on whichever import reaches it, re-exports included
    assertThat(serveProject("/")).contains("\"counter\":[1,2,3,\"counter\",true]");
  }

  @Test
  void aCommonJsModuleRunsInSloppyModeAsNodeAndWorkerdRunIt() {
    assertThat(serveProject("/")).contains("\"sloppy\":\"sloppy mode assigns globals\"");
  }

  @Test
  void anEsModuleFlaggedCommonJsModuleGivesItsDefaultExportAsEsbuildDoes() {
    assertThat(serveProject("/")).contains("\"greet\":[\"hello w9y\",\"HI!\"]");
  }

  @Test
  void packageExportsPickTheWorkerdConditionAndSubpathPatterns() {
    assertThat(serveProject("/")).contains("\"dual\":[\"workerd\",42,\"sub/extra\"]");
  }

  @Test
  void textModulesAreTheirFilesTextForTxtHtmlAndSql() {
    assertThat(serveProject("/"))
        .contains(
            "\"text\":[\"Hello from a Text module\\n\",\"<!doctype html>\\n<h1>chat</h1>\\n\","
                + "\"SELECT 1;\\n\"]");
  }

  @Test
  void dataModulesAreArrayBuffersOfTheirBytes() {
    assertThat(serveProject("/")).contains("\"data\":[true,[0,1,2,255]]");
  }

  @Test
  void jsonModulesAreTheParsedValueWithTopLevelKeysAsNamedExports() {
    assertThat(serveProject("/")).contains("\"json\":[\"1.2.3\",[\"a\",\"b\"],7,\"1.2.3\"]");
  }

  @Test
  void anImportWithoutItsExtensionFindsTheFileAsABundlerWould() {
    assertThat(serveProject("/")).contains("\"helper\":\"extensionless\"");
  }

  @Test
  void filesUnderDotDirectoriesSuchAsWranglersScratchAreNotLoaded() {
    assertThat(serveProject("/dot")).isEqualTo("200 not loaded");
  }

  @Test
  void requireOfAMissingModuleIsTheErrorWorkerdGives() {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                "import lib from './lib.cjs';\n"
                    + "export default { fetch: () => new Response(lib) };")
            .withFile(
                "lib.cjs",
                "const m = (s) => { try { require(s); } catch (e) { return e.code + ' ' + e.message; } };\n"
                    + "module.exports = [m('./nope'), m('../up/x.cjs'), m('no-such-package')].join(' | ');");
    JsWorld world = JsWorld.run(JsWorld.publicApi(guest), 1, Request.get("http://api/"));
    // workerd's message: the specifier resolved against the module's directory, bare names too
    assertThat(world.outcomes)
        .containsExactly(
            "200 undefined No such module \"nope\". | undefined No such module \"up/x.cjs\"."
                + " | undefined No such module \"no-such-package\".");
  }

  @Test
  void aCommonJsModuleSeesTheWrapperWorkerdGivesIt() {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                "import lib from './lib/scope.cjs';\n"
                    + "export default { fetch: () => Response.json(lib) };")
            .withFile(
                "lib/scope.cjs",
                "module.exports = [this === globalThis, Object.keys(module), module.path,"
                    + " __filename, __dirname, Object.keys(require)];");
    JsWorld world = JsWorld.run(JsWorld.publicApi(guest), 1, Request.get("http://api/"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 [true,[\"path\",\"exports\"],\"/lib/scope.cjs\",\"/lib/scope.cjs\",\"/lib\",[]]");
  }

  @Test
  void aCustomRuleMakesOtherFilesTextModules() {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                "import doc from './readme.md';\n"
                    + "export default { fetch: () => new Response(doc) };")
            .withFile("readme.md", "# Title")
            .withModuleRules(List.of(new ModuleRule("Text", List.of("**/*.md"), false)));
    JsWorld world = JsWorld.run(JsWorld.publicApi(guest), 1, Request.get("http://api/"));
    assertThat(world.outcomes).containsExactly("200 # Title");
  }

  @Test
  void aCustomRuleWithoutFallthroughReplacesTheDefaultRuleOfItsType() {
    JsGuest guest =
        JsGuest.fromSource(
                "index.js",
                "import doc from './notes.txt';\n"
                    + "export default { fetch: () => new Response(String(doc)) };")
            .withFile("notes.txt", "plain")
            .withModuleRules(List.of(new ModuleRule("Text", List.of("**/*.md"), false)));
    JsWorld world =
        JsWorld.tolerating(GuestErrorKind.values())
            .run(JsWorld.publicApi(guest), 1, Request.get("http://api/"));
    // notes.txt is no longer Text: it is read as an ES module, and "plain" is no export default
    assertThat(world.outcomes).isNotEmpty().noneMatch(outcome -> outcome.startsWith("200"));
  }

  private static String serveWasm(String path) {
    JsGuest guest = JsGuest.fromFile(Path.of("src/test/resources/wasm-project/index.js"));
    JsWorld world = JsWorld.run(JsWorld.publicApi(guest), 1, Request.get("http://api" + path));
    assertThat(world.result.failure()).isEmpty();
    return world.outcomes.get(0);
  }

  @Test
  void aCompiledWasmModuleIsAWebAssemblyModuleThatInstantiatesWithJavaScriptImports() {
    assertThat(serveWasm("/math"))
        .isEqualTo(
            "200 {\"isModule\":true,\"add\":42,\"mul64\":\"-9223372030926249001\","
                + "\"half\":2.5,\"logged\":[\"7:9007199254740993\"],"
                + "\"exports\":[\"memory:memory\",\"add:function\",\"mul64:function\","
                + "\"half:function\",\"report:function\",\"spin:function\",\"trap:function\","
                + "\"store:function\",\"load:function\",\"storeAndPeek:function\","
                + "\"pages:function\"],"
                + "\"imports\":[\"env.log:function\",\"env.peek:function\"],\"second\":2}");
  }

  @Test
  void anExportedMemorysBufferIsSharedBetweenJavaScriptAndWebAssemblyAtEveryCrossing() {
    assertThat(serveWasm("/memory"))
        .isEqualTo(
            "200 {\"seenByWasm\":1234,\"seenByJs\":99,\"peeked\":[77],\"sameBuffer\":true,"
                + "\"detached\":0,\"before\":[65536,1],\"grownFrom\":1,\"after\":[131072,2,99],"
                + "\"tooFar\":\"RangeError: WebAssembly.Memory.grow(): Maximum memory size"
                + " exceeded\"}");
  }

  @Test
  void compilingBytesMadeAtRunTimeIsRefusedAsWorkerdRefusesIt() {
    assertThat(serveWasm("/refused"))
        .isEqualTo(
            "200 [\"CompileError: WebAssembly.Module(): Wasm code generation disallowed by"
                + " embedder\",\"CompileError: WebAssembly.compile(): Wasm code generation"
                + " disallowed by embedder\",\"CompileError: WebAssembly.instantiate(): Wasm code"
                + " generation disallowed by embedder\",\"ok true\"]");
  }

  @Test
  void aTrapAndAnEndlessLoopAreRuntimeErrorsAndAMissingImportALinkError() {
    String answer = serveWasm("/limits");
    assertThat(answer).startsWith("200 [\"RuntimeError: ");
    assertThat(answer)
        .contains("\"RuntimeError: W9Y: the WebAssembly call ran more than 100000000 instructions")
        .contains("\"TypeError: WebAssembly.Instance(): Import #0 \\\"env\\\": module is not an")
        .endsWith("\"ok 3\"]");
  }

  @Test
  void theSameSeedGivesTheSameTraceWithEveryModuleType() {
    JsGuest guest = JsGuest.fromFile(PROJECT.resolve("index.js"));
    JsWorld first = JsWorld.run(JsWorld.publicApi(guest), 3, Request.get("http://api/"));
    JsWorld second = JsWorld.run(JsWorld.publicApi(guest), 3, Request.get("http://api/"));
    assertThat(first.result.traceSha256()).isEqualTo(second.result.traceSha256());
    assertThat(String.join("\n", first.result.fullTrace()))
        .doesNotContain(PROJECT.toAbsolutePath().toString());
  }
}
