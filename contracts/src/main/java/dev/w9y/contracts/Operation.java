package dev.w9y.contracts;

import java.util.List;
import java.util.Map;

/**
 * One operation of a contract, compiled: what a request to {@code method template} must carry and
 * what its responses may be. Every format (OpenAPI, JSON Schema routes, protobuf routes) compiles
 * to this, so the checks are written once ({@link OperationContract}).
 *
 * @param requestBodies schema by declared media type (a null schema: any body of that type); empty:
 *     no body declared
 * @param responses by status key as declared: {@code 201}, {@code 4XX}, {@code default}
 * @param id OpenAPI's {@code operationId}, or null (routes files have none)
 */
record Operation(
    String method,
    PathTemplate template,
    List<Parameter> parameters,
    boolean bodyRequired,
    Map<String, BodySchema> requestBodies,
    Map<String, ResponseSpec> responses,
    String id) {

  /** An operation without an {@code operationId}. */
  Operation(
      String method,
      PathTemplate template,
      List<Parameter> parameters,
      boolean bodyRequired,
      Map<String, BodySchema> requestBodies,
      Map<String, ResponseSpec> responses) {
    this(method, template, parameters, bodyRequired, requestBodies, responses, null);
  }

  /** {@code POST /orders/{id}}: how violations name the operation. */
  String name() {
    return method + " " + template.text();
  }

  /**
   * A path, query or header parameter.
   *
   * @param in {@code path}, {@code query} or {@code header}
   * @param schema null: any value
   */
  record Parameter(String name, String in, boolean required, BodySchema schema) {}

  /**
   * A declared response: its bodies by media type (a null schema: any), empty for none.
   *
   * @param headers header names the response declares as required
   */
  record ResponseSpec(Map<String, BodySchema> content, List<String> headers) {}
}
