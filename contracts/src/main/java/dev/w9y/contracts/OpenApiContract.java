package dev.w9y.contracts;

import com.networknt.schema.dialect.Dialects;
import dev.w9y.core.contract.Contract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Loads an OpenAPI 3.0 or 3.1 document (YAML or JSON, {@code $ref}s across local files) as a {@link
 * Contract}. swagger-parser validates the document as OpenAPI; the operations are then read from
 * the files as written and every schema is compiled by networknt's validator at its location
 * (OpenAPI 3.0's schema dialect, or 3.1's, which is JSON Schema 2020-12).
 */
public final class OpenApiContract {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiContract() {}

  /**
   * Loads and compiles {@code file}.
   *
   * @throws IllegalArgumentException one line naming the file and the line (syntax) or JSON pointer
   *     (structure, {@code $ref}s) of the first problem
   */
  public static Contract load(Path file) {
    ContractFiles files = ContractFiles.read(file);
    String name = files.name(files.root());
    JsonNode version = files.tree().get("openapi");
    if (version == null || !version.isString() || !version.asString().matches("3\\.[01]\\..*")) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at /openapi: expected an OpenAPI 3.0 or 3.1 version, was "
              + version);
    }
    boolean v31 = version.asString().startsWith("3.1");
    validate(files, name);
    SchemaCompiler schemas =
        new SchemaCompiler(v31 ? Dialects.getOpenApi31() : Dialects.getOpenApi30(), files);
    List<Operation> operations = new ArrayList<>();
    ContractFiles.Located paths = files.at(files.root(), "/paths");
    if (paths.node().isObject()) {
      for (Map.Entry<String, JsonNode> path : paths.node().properties()) {
        ContractFiles.Located item = files.deref(paths.child(path.getKey()));
        PathTemplate template;
        try {
          template = new PathTemplate(path.getKey());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "contract " + name + " at " + item.pointer() + ": " + e.getMessage());
        }
        for (String method : METHODS) {
          ContractFiles.Located operation = item.child(method);
          if (operation != null) {
            operations.add(operation(files, schemas, template, method, item, operation));
          }
        }
      }
    }
    return new OperationContract(
        files.identity(v31 ? "openapi3.1" : "openapi3.0"), "contract " + name, operations);
  }

  /** swagger-parser's verdict on the document as OpenAPI: its messages, sorted, are the error. */
  private static void validate(ContractFiles files, String name) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readLocation(files.root().toUri().toString(), null, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (result.getOpenAPI() == null || !messages.isEmpty()) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + ": not valid OpenAPI: "
              + String.join("; ", new TreeSet<>(messages)));
    }
  }

  private static Operation operation(
      ContractFiles files,
      SchemaCompiler schemas,
      PathTemplate template,
      String method,
      ContractFiles.Located pathItem,
      ContractFiles.Located operation) {
    // Operation parameters override path-level ones with the same name and location.
    Map<String, Operation.Parameter> parameters = new LinkedHashMap<>();
    for (ContractFiles.Located list :
        new ContractFiles.Located[] {pathItem.child("parameters"), operation.child("parameters")}) {
      if (list == null) {
        continue;
      }
      for (int i = 0; i < list.node().size(); i++) {
        ContractFiles.Located parameter = files.deref(list.child(String.valueOf(i)));
        String in = parameter.node().path("in").asString("");
        String name = parameter.node().path("name").asString("");
        if (in.equals("cookie")) {
          continue; // the simulated fetch carries no cookie jar; a Cookie header is checked as sent
        }
        ContractFiles.Located schema = parameter.child("schema");
        parameters.put(
            in + "/" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name),
            new Operation.Parameter(
                name,
                in,
                in.equals("path") || parameter.node().path("required").asBoolean(false),
                schema == null ? null : schemas.compile(schema.file(), schema.pointer(), null)));
      }
    }
    Map<String, BodySchema> requestBodies = new LinkedHashMap<>();
    boolean bodyRequired = false;
    ContractFiles.Located body = operation.child("requestBody");
    if (body != null) {
      body = files.deref(body);
      bodyRequired = body.node().path("required").asBoolean(false);
      requestBodies = content(files, schemas, body.child("content"));
    }
    Map<String, Operation.ResponseSpec> responses = new LinkedHashMap<>();
    ContractFiles.Located declared = operation.child("responses");
    if (declared != null) {
      for (Map.Entry<String, JsonNode> entry : declared.node().properties()) {
        ContractFiles.Located response = files.deref(declared.child(entry.getKey()));
        List<String> headers = new ArrayList<>();
        ContractFiles.Located headerMap = response.child("headers");
        if (headerMap != null) {
          for (Map.Entry<String, JsonNode> header : headerMap.node().properties()) {
            if (files
                .deref(headerMap.child(header.getKey()))
                .node()
                .path("required")
                .asBoolean(false)) {
              headers.add(header.getKey());
            }
          }
        }
        responses.put(
            entry.getKey(),
            new Operation.ResponseSpec(
                content(files, schemas, response.child("content")), headers));
      }
    }
    return new Operation(
        method.toUpperCase(Locale.ROOT),
        template,
        List.copyOf(parameters.values()),
        bodyRequired,
        requestBodies,
        responses,
        operation.node().path("operationId").asString(null));
  }

  /** A {@code content} map: schema (with its example) by media type. */
  private static Map<String, BodySchema> content(
      ContractFiles files, SchemaCompiler schemas, ContractFiles.Located content) {
    Map<String, BodySchema> byType = new LinkedHashMap<>();
    if (content == null) {
      return byType;
    }
    for (Map.Entry<String, JsonNode> entry : content.node().properties()) {
      ContractFiles.Located mediaType = content.child(entry.getKey());
      ContractFiles.Located schema = mediaType.child("schema");
      byType.put(
          entry.getKey(),
          schema == null
              ? null
              : schemas.compile(schema.file(), schema.pointer(), example(files, mediaType)));
    }
    return byType;
  }

  /** The media type's {@code example}, or the value of its first {@code examples} entry. */
  private static JsonNode example(ContractFiles files, ContractFiles.Located mediaType) {
    if (mediaType.node().has("example")) {
      return mediaType.node().get("example");
    }
    ContractFiles.Located examples = mediaType.child("examples");
    if (examples != null && examples.node().isObject() && !examples.node().isEmpty()) {
      String first = examples.node().propertyNames().iterator().next();
      JsonNode value = files.deref(examples.child(first)).node().get("value");
      return value;
    }
    return null;
  }
}
