package dev.w9y.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Compiles the schemas of one contract with networknt's validator, each by its location (file and
 * JSON pointer), so that {@code $ref}s resolve against the document they are written in, across
 * files. One registry per contract: a document read once serves every schema in it.
 */
final class SchemaCompiler {
  private final SchemaRegistry registry;
  private final ContractFiles files;

  SchemaCompiler(Dialect dialect, ContractFiles files) {
    this.registry =
        SchemaRegistry.withDefaultDialect(dialect, builder -> configure(builder, files));
    this.files = files;
  }

  /**
   * For plain JSON Schema documents: {@code dialect} unless a document names another with {@code
   * $schema} (draft-07, 2019-09, ...).
   */
  SchemaCompiler(SpecificationVersion version, ContractFiles files) {
    this.registry =
        SchemaRegistry.withDefaultDialect(version, builder -> configure(builder, files));
    this.files = files;
  }

  /**
   * Documents come from the files already read and checked, never fetched by the validator; its
   * messages are in English whatever the machine's locale, so traces are the same everywhere.
   */
  private static void configure(SchemaRegistry.Builder builder, ContractFiles files) {
    builder
        .schemas(files::textOf)
        .schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ROOT).build());
  }

  /**
   * The schema at {@code pointer} in {@code file}, compiled (its {@code $ref}s resolved now, so a
   * message never waits on loading).
   */
  BodySchema compile(Path file, String pointer, JsonNode example) {
    String location = file.toUri() + "#" + pointer;
    Schema schema;
    try {
      schema = registry.getSchema(SchemaLocation.of(location));
      schema.initializeValidators();
    } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "contract "
              + files.name(file)
              + " at "
              + pointer
              + ": schema does not compile: "
              + ContractFiles.firstLine(e.getMessage()));
    }
    ContractFiles.Located written = files.at(file, pointer);
    ContractFiles.Located node = files.deref(written);
    JsonNode type = node.node().get("type");
    String parameterType = type != null && type.isString() ? type.asString() : "string";
    JsonNode fallback = example != null ? example : MinimalInstance.of(node, files);
    return new JsonSchemaBody(
        schema,
        fallback,
        parameterType,
        new JsonSchemaValues(files, node, fallback),
        SchemaView.of(files, written));
  }
}
