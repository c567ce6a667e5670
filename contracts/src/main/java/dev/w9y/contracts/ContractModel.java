package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded contract read as data: its operations, parameters, bodies and responses with their
 * schemas ({@link SchemaView}), for tools that compare or describe contracts rather than check
 * messages ({@code w9y contract diff}, {@code w9y contract types}). Built from what the loaders
 * compiled, so every format is read by one parser.
 */
public final class ContractModel {
  private final String format;
  private final Contract contract;
  private final List<OperationView> operations;

  private ContractModel(String format, Contract contract, List<OperationView> operations) {
    this.format = format;
    this.contract = contract;
    this.operations = operations;
  }

  /**
   * Loads {@code file} in the format its content says: a document with {@code openapi} is OpenAPI,
   * a routes file with {@code descriptorSet} is protobuf, any other routes file is JSON Schema.
   *
   * @throws IllegalArgumentException one line naming the file and the cause
   */
  public static ContractModel load(Path file) {
    var top = ContractFiles.read(file).tree();
    Contract contract;
    if (top.has("openapi")) {
      contract = OpenApiContract.load(file);
    } else if (top.has("descriptorSet")) {
      contract = ProtobufContract.load(file);
    } else if (top.has("routes")) {
      contract = JsonSchemaContract.load(file);
    } else {
      throw new IllegalArgumentException(
          "contract "
              + file.getFileName()
              + ": not a contract W9Y reads (expected an OpenAPI document with 'openapi', or a"
              + " routes file with 'routes')");
    }
    return of(contract);
  }

  /** The model of a contract one of this module's loaders made. */
  public static ContractModel of(Contract contract) {
    if (!(contract instanceof OperationContract compiled)) {
      throw new IllegalArgumentException(
          "contract " + contract.identity() + " was not loaded by dev.w9y.contracts");
    }
    List<OperationView> views = new ArrayList<>();
    for (Operation operation : compiled.operations()) {
      views.add(view(operation));
    }
    String identity = contract.identity();
    return new ContractModel(
        identity.substring(0, identity.indexOf(':')),
        contract,
        Collections.unmodifiableList(views));
  }

  /** {@code openapi3.0}, {@code openapi3.1}, {@code jsonschema} or {@code protobuf}. */
  public String format() {
    return format;
  }

  /** The compiled contract (what the network checks call). */
  public Contract contract() {
    return contract;
  }

  /** The operations in declaration order. */
  public List<OperationView> operations() {
    return operations;
  }

  private static OperationView view(Operation operation) {
    List<ParameterView> parameters = new ArrayList<>();
    for (Operation.Parameter parameter : operation.parameters()) {
      parameters.add(
          new ParameterView(
              parameter.name(), parameter.in(), parameter.required(), view(parameter.schema())));
    }
    Map<String, ResponseView> responses = new LinkedHashMap<>();
    operation
        .responses()
        .forEach(
            (status, spec) ->
                responses.put(
                    status, new ResponseView(views(spec.content()), List.copyOf(spec.headers()))));
    return new OperationView(
        operation.method(),
        operation.template().text(),
        operation.id(),
        List.copyOf(parameters),
        operation.bodyRequired(),
        views(operation.requestBodies()),
        Collections.unmodifiableMap(responses));
  }

  private static Map<String, SchemaView> views(Map<String, BodySchema> bodies) {
    Map<String, SchemaView> views = new LinkedHashMap<>();
    bodies.forEach((mediaType, schema) -> views.put(mediaType, view(schema)));
    return Collections.unmodifiableMap(views);
  }

  private static SchemaView view(BodySchema schema) {
    return schema == null ? null : schema.view();
  }

  /**
   * One operation.
   *
   * @param path the path template as declared, {@code /orders/{id}}
   * @param operationId OpenAPI's {@code operationId}, or null
   * @param requestBodies schema by media type (a null schema: any body); empty: no body declared
   * @param responses by status key as declared ({@code 201}, {@code 4XX}, {@code default})
   */
  public record OperationView(
      String method,
      String path,
      String operationId,
      List<ParameterView> parameters,
      boolean bodyRequired,
      Map<String, SchemaView> requestBodies,
      Map<String, ResponseView> responses) {
    /** {@code POST /orders/{id}}, as contract violations name it. */
    public String name() {
      return method + " " + path;
    }
  }

  /**
   * A path, query or header parameter.
   *
   * @param in {@code path}, {@code query} or {@code header}
   * @param schema null: any value
   */
  public record ParameterView(String name, String in, boolean required, SchemaView schema) {}

  /**
   * A declared response.
   *
   * @param content schema by media type (a null schema: any body); empty: no body
   * @param headers the header names it declares as required
   */
  public record ResponseView(Map<String, SchemaView> content, List<String> headers) {}
}
