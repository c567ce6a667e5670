package dev.w9y.contracts;

import com.networknt.schema.SpecificationVersion;
import dev.w9y.core.contract.Contract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Loads a contract written as JSON Schemas (2020-12 by default; draft-07 and others where a
 * document says so with {@code $schema}) mapped to URL routes by a small routes file:
 *
 * <pre>{@code
 * routes:
 *   - route: POST /orders/{id}
 *     path: {id: {type: integer}}            # parameters: inline schemas ...
 *     query: {limit: {schema: {type: integer}, required: true}}
 *     headers: {x-request-id: {required: true}}
 *     request: schemas/order.json#/$defs/NewOrder    # ... or references to schema files
 *     responses:
 *       201: schemas/order.json
 *       503: {schema: schemas/error.json, example: {code: unavailable}}
 *       204: {}                                # no body
 * }</pre>
 *
 * Bodies are {@code application/json} unless a route says {@code contentType}.
 */
public final class JsonSchemaContract {
  private JsonSchemaContract() {}

  /**
   * Loads and compiles the routes file {@code routes} and every schema it names.
   *
   * @throws IllegalArgumentException one line naming the file and the line or JSON pointer
   */
  public static Contract load(Path routes) {
    ContractFiles files = ContractFiles.read(routes);
    String name = files.name(files.root());
    SchemaCompiler schemas = new SchemaCompiler(SpecificationVersion.DRAFT_2020_12, files);
    List<Operation> operations =
        RoutesFile.operations(
            files,
            name,
            (route, method, template) -> route(files, schemas, route, method, template));
    return new OperationContract(files.identity("jsonschema"), "contract " + name, operations);
  }

  private static Operation route(
      ContractFiles files,
      SchemaCompiler schemas,
      ContractFiles.Located route,
      String method,
      PathTemplate template) {
    String contentType = route.node().path("contentType").asString("application/json");
    List<Operation.Parameter> parameters = new ArrayList<>();
    for (String in : new String[] {"path", "query", "headers"}) {
      ContractFiles.Located declared = route.child(in);
      if (declared == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> entry : declared.node().properties()) {
        ContractFiles.Located parameter = declared.child(entry.getKey());
        boolean wrapped = parameter.node().has("schema") || parameter.node().has("required");
        ContractFiles.Located schema = wrapped ? parameter.child("schema") : parameter;
        String where = in.equals("headers") ? "header" : in;
        parameters.add(
            new Operation.Parameter(
                where.equals("header") ? entry.getKey().toLowerCase(Locale.ROOT) : entry.getKey(),
                where,
                where.equals("path") || parameter.node().path("required").asBoolean(false),
                schema == null ? null : compile(files, schemas, schema, null)));
      }
    }
    Map<String, BodySchema> request = new LinkedHashMap<>();
    ContractFiles.Located body = route.child("request");
    if (body != null) {
      request.put(contentType, compile(files, schemas, body, null));
    }
    Map<String, Operation.ResponseSpec> responses = new LinkedHashMap<>();
    ContractFiles.Located declared = route.child("responses");
    if (declared != null) {
      for (Map.Entry<String, JsonNode> entry : declared.node().properties()) {
        ContractFiles.Located response = declared.child(entry.getKey());
        Map<String, BodySchema> content = new LinkedHashMap<>();
        boolean wrapped = response.node().isObject() && !response.node().has("$ref");
        ContractFiles.Located schema = wrapped ? response.child("schema") : response;
        if (schema != null) {
          JsonNode example = wrapped ? response.node().get("example") : null;
          content.put(contentType, compile(files, schemas, schema, example));
        }
        responses.put(entry.getKey(), new Operation.ResponseSpec(content, List.of()));
      }
    }
    return new Operation(method, template, parameters, body != null, request, responses);
  }

  /** An inline schema, or a string naming one ({@code file.json#/pointer}). */
  private static BodySchema compile(
      ContractFiles files, SchemaCompiler schemas, ContractFiles.Located schema, JsonNode example) {
    ContractFiles.Located target =
        schema.node().isString()
            ? files.reference(schema.file(), schema.node().asString(), schema.pointer())
            : schema;
    return schemas.compile(target.file(), target.pointer(), example);
  }
}
