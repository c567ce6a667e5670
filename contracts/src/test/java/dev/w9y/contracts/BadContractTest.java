package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contract that does not load is a one-line error naming the file and line or pointer. */
class BadContractTest {
  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  static final String HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

  @Test
  void unparseableYamlNamesFileAndLine() throws IOException {
    Path file = write("api.yaml", HEAD + "paths:\n  /a:\n    get: [unclosed\n");
    assertThatThrownBy(() -> OpenApiContract.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contract api.yaml:")
        .hasMessageMatching("contract api\\.yaml:[0-9]+:[0-9]+: does not parse: .*")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refToAMissingFileNamesThePointer() throws IOException {
    Path file =
        write(
            "api.yaml",
            HEAD
                + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
                + "          description: ok\n          content:\n            application/json:\n"
                + "              schema: {$ref: 'schemas/missing.yaml#/A'}\n");
    assertThatThrownBy(() -> OpenApiContract.load(file))
        .hasMessage(
            "contract api.yaml at /paths/~1a/get/responses/200/content/application~1json/schema/$ref:"
                + " $ref 'schemas/missing.yaml#/A': file not found");
  }

  @Test
  void refToAMissingFragmentNamesBothFiles() throws IOException {
    write("schemas/s.yaml", "A: {type: string}\n");
    Path file =
        write(
            "api.yaml",
            HEAD
                + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
                + "          description: ok\n          content:\n            application/json:\n"
                + "              schema: {$ref: 'schemas/s.yaml#/B'}\n");
    assertThatThrownBy(() -> OpenApiContract.load(file))
        .hasMessageContaining("contract api.yaml at /paths/~1a/get/responses/200")
        .hasMessageEndingWith("$ref 'schemas/s.yaml#/B' names nothing in schemas/s.yaml");
  }

  @Test
  void ambiguousRoutes() throws IOException {
    Path file =
        write(
            "api.yaml",
            HEAD
                + "paths:\n"
                + "  /orders/{id}/items:\n    get:\n"
                + "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
                + "      responses: {'200': {description: ok}}\n"
                + "  /orders/mine/{item}:\n    get:\n"
                + "      parameters: [{name: item, in: path, required: true, schema: {type: string}}]\n"
                + "      responses: {'200': {description: ok}}\n");
    assertThatThrownBy(() -> OpenApiContract.load(file))
        .hasMessage(
            "contract api.yaml: paths /orders/{id}/items and /orders/mine/{item} are ambiguous:"
                + " a request can match both and neither is more specific");
  }

  @Test
  void notOpenApiIsSwaggerParsersVerdict() throws IOException {
    Path file = write("api.yaml", HEAD + "paths:\n  /a:\n    get: {}\n");
    assertThatThrownBy(() -> OpenApiContract.load(file))
        .hasMessageStartingWith("contract api.yaml: not valid OpenAPI: ")
        .hasMessageContaining("responses");
    Path old = write("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assertThatThrownBy(() -> OpenApiContract.load(old))
        .hasMessageStartingWith(
            "contract swagger.yaml at /openapi: expected an OpenAPI 3.0 or 3.1");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> OpenApiContract.load(dir.resolve("nope.yaml")))
        .hasMessageEndingWith("nope.yaml: file not found");
  }

  @Test
  void routesFileErrors() throws IOException {
    Path bad = write("routes.yaml", "routes:\n  - route: /orders\n");
    assertThatThrownBy(() -> JsonSchemaContract.load(bad))
        .hasMessage(
            "contract routes.yaml at /routes/0/route: expected 'METHOD /path', was '/orders'");
    Path missing =
        write("routes2.yaml", "routes:\n  - route: POST /orders\n    request: order.json\n");
    assertThatThrownBy(() -> JsonSchemaContract.load(missing))
        .hasMessage(
            "contract routes2.yaml at /routes/0/request: $ref 'order.json': file not found");
  }
}
