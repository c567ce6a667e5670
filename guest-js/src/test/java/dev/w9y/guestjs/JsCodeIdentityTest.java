package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a trace header names JavaScript code: entry relative to its root, and a content hash. */
class JsCodeIdentityTest {
  private static final String INDEX =
      "import { greet } from './lib/greet.js';\n"
          + "export default { fetch: () => new Response(greet()) };\n";

  private static Path project(Path directory, String greeting) throws IOException {
    Files.createDirectories(directory.resolve("lib"));
    Files.writeString(directory.resolve("index.js"), INDEX);
    Files.writeString(
        directory.resolve("lib/greet.js"), "export const greet = () => '" + greeting + "';\n");
    return directory.resolve("index.js");
  }

  @Test
  void theSameFilesInTwoDirectoriesAreTheSameCode(@TempDir Path directory) throws IOException {
    String here = JsGuest.fromFile(project(directory.resolve("a"), "hi")).describe();
    String there = JsGuest.fromFile(project(directory.resolve("b/c"), "hi")).describe();

    assertThat(there).isEqualTo(here).startsWith("js:index.js sha256:");
    assertThat(here).doesNotContain(directory.toString());
  }

  @Test
  void aChangeToAnyImportedModuleIsOtherCode(@TempDir Path directory) throws IOException {
    String before = JsGuest.fromFile(project(directory.resolve("a"), "hi")).describe();
    String after = JsGuest.fromFile(project(directory.resolve("b"), "hello")).describe();

    assertThat(after).isNotEqualTo(before).startsWith("js:index.js sha256:");
  }

  @Test
  void aliasesAndModuleRulesArePartOfTheCode() {
    JsGuest guest = JsGuest.fromSource("index.js", INDEX).withFile("lib/greet.js", "export {}");

    assertThat(guest.withModuleAlias("greet", "lib/greet.js").describe())
        .isNotEqualTo(guest.describe());
  }
}
