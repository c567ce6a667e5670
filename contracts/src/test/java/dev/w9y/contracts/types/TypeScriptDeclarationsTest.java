package dev.w9y.contracts.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.contracts.ContractModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declarations of the diff fixture (contracts/diff/orders-v1.yaml): a type per named schema, an
 * interface per operation, the Operations map. Where a TypeScript compiler is installed ({@code
 * tsc} on the PATH or in /work/main/compat/node_modules/.bin) the file is also type-checked with a
 * usage that must compile and one that must not.
 */
class TypeScriptDeclarationsTest {
  private static final Path ORDERS = Path.of("src/test/resources/contracts/diff/orders-v1.yaml");

  @TempDir Path dir;

  @Test
  void namedSchemasBecomeTypesAndOperationsInterfaces() throws Exception {
    Path file = TypeScriptDeclarations.write(ORDERS, dir);
    assertThat(file.getFileName().toString()).isEqualTo("orders-v1.d.ts");
    String text = Files.readString(file);

    assertThat(text)
        .startsWith(
            "// Declarations for the contract orders-v1.yaml (openapi3.0), written by w9y contract"
                + " types.\n")
        .contains(
            "export type NewOrder = {\n"
                + "  sku: string;\n"
                + "  quantity: number;\n"
                + "  weight?: number;\n"
                + "  speed?: \"standard\" | \"express\";\n"
                + "  note?: string;\n"
                + "};\n")
        // Line refers to itself: one declaration, named, not expanded forever.
        .contains("  lines?: Line[];\n")
        .contains("export type Line = {\n  sku: string;\n  parent?: Line;\n};\n")
        .contains("  status: \"open\" | \"shipped\";\n");
    assertThat(text.split("export type Order = ", -1)).hasSize(2);

    assertThat(text)
        .contains(
            "/** POST /orders (createOrder) */\n"
                + "export interface CreateOrderOperation {\n"
                + "  method: \"POST\";\n"
                + "  path: \"/orders\";\n"
                + "  params: {\n"
                + "    path: {};\n"
                + "    query: {\n"
                + "      dryRun?: boolean;\n"
                + "    };\n"
                + "    header: {};\n"
                + "  };\n"
                + "  request: NewOrder;\n"
                + "  responses: {\n"
                + "    201: Order;\n"
                + "    409: Problem;\n"
                + "  };\n"
                + "}\n")
        .contains("    path: {\n      id: number;\n    };\n")
        .contains("    404: null;\n")
        .contains(
            "export interface Operations {\n"
                + "  \"POST /orders\": CreateOrderOperation;\n"
                + "  \"GET /orders/{id}\": GetOrderOperation;\n"
                + "}\n")
        .contains("export interface ServiceContract {");
    // The same contract gives the same bytes.
    assertThat(TypeScriptDeclarations.of(ContractModel.load(ORDERS), "orders-v1.yaml"))
        .isEqualTo(text);

    Path tsc = typeScriptCompiler();
    if (tsc != null) {
      Files.writeString(
          dir.resolve("good.ts"),
          "import type { Operations, NewOrder } from './orders-v1';\n"
              + "const order: NewOrder = { sku: 'tea', quantity: 2, speed: 'express' };\n"
              + "const created: Operations['POST /orders']['responses'][201] =\n"
              + "  { id: 1, sku: 'tea', quantity: 2, status: 'open' };\n"
              + "export { order, created };\n");
      Files.writeString(
          dir.resolve("bad.ts"),
          "import type { NewOrder } from './orders-v1';\n"
              + "const order: NewOrder = { sku: 'tea', quantity: 2, speed: 'drone' };\n"
              + "export { order };\n");
      assertThat(compile(tsc, "good.ts")).as("good.ts compiles").isEqualTo(0);
      assertThat(compile(tsc, "bad.ts")).as("bad.ts does not").isNotEqualTo(0);
    }
  }

  /** tsc where this machine has one, else null (no compiler is installed offline by the build). */
  private static Path typeScriptCompiler() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/work/main/compat/node_modules/.bin/tsc"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        candidates.add(Path.of(entry, "tsc"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  private int compile(Path tsc, String file) throws Exception {
    Process process =
        new ProcessBuilder(
                tsc.toString(),
                "--noEmit",
                "--strict",
                "--lib",
                "es2022,dom",
                dir.resolve(file).toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
    return process.exitValue();
  }
}
