package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.contract.RequestGenerator;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The checks every contract format shares, over compiled {@link Operation}s: route and method
 * matching, parameters, bodies by media type, declared statuses. Immutable: built once when the
 * contract loads, then shared by every run.
 */
final class OperationContract implements Contract {
  private final String identity;
  // Path templates in declaration order, each with its operations by method.
  private final Map<PathTemplate, Map<String, Operation>> routes = new LinkedHashMap<>();
  private final ContractRequests requests;
  private final List<Operation> operations;

  OperationContract(String identity, String source, List<Operation> operations) {
    this.identity = identity;
    this.operations = List.copyOf(operations);
    Map<String, PathTemplate> templates = new LinkedHashMap<>();
    for (Operation operation : operations) {
      PathTemplate template =
          templates.computeIfAbsent(operation.template().text(), text -> operation.template());
      Map<String, Operation> byMethod =
          routes.computeIfAbsent(template, t -> new LinkedHashMap<>());
      if (byMethod.put(operation.method(), operation) != null) {
        throw new IllegalArgumentException(
            source + ": operation " + operation.name() + " is declared twice");
      }
    }
    checkUnambiguous(source);
    this.requests = new ContractRequests(this, source, operations);
  }

  @Override
  public RequestGenerator requestGenerator() {
    return requests;
  }

  @Override
  public String identity() {
    return identity;
  }

  /** The operations in declaration order. */
  List<Operation> operations() {
    return operations;
  }

  @Override
  public List<ContractViolation> checkRequest(Request request) {
    String path = request.parsedUrl().path();
    Matched matched = match(request.method(), path);
    String requestLine = request.method() + " " + path;
    if (matched == null) {
      return List.of(
          new ContractViolation(
              ContractViolation.UNKNOWN_ROUTE, requestLine, "/path", "a declared path", path));
    }
    if (matched.operation == null) {
      return List.of(
          new ContractViolation(
              ContractViolation.METHOD_NOT_ALLOWED,
              requestLine,
              "/method",
              "one of " + new TreeSet<>(routes.get(matched.template).keySet()),
              request.method()));
    }
    Operation operation = matched.operation;
    List<ContractViolation> found = new ArrayList<>();
    Map<String, List<String>> query = Http.query(request.parsedUrl().pathAndQuery());
    for (Operation.Parameter parameter : operation.parameters()) {
      List<String> values =
          switch (parameter.in()) {
            case "path" -> listOf(matched.pathValues.get(parameter.name()));
            case "query" -> query.getOrDefault(parameter.name(), List.of());
            case "header" -> request.headers().getAll(parameter.name());
            default -> List.of();
          };
      checkParameter(operation, parameter, values, found);
    }
    checkBody(
        operation.name(),
        ContractViolation.REQUEST_CONTENT_TYPE,
        ContractViolation.REQUEST_BODY,
        operation.requestBodies(),
        operation.bodyRequired(),
        request.headers(),
        request.body(),
        found);
    return found;
  }

  @Override
  public List<ContractViolation> checkResponse(Request request, Response response) {
    Matched matched = match(request.method(), request.parsedUrl().path());
    if (matched == null || matched.operation == null) {
      return List.of(); // the request was already reported
    }
    Operation operation = matched.operation;
    Operation.ResponseSpec spec = responseFor(operation, response.status());
    if (spec == null) {
      return List.of(undeclaredStatus(operation, response.status()));
    }
    List<ContractViolation> found = new ArrayList<>();
    for (String header : spec.headers()) {
      if (!response.headers().has(header)) {
        found.add(
            new ContractViolation(
                ContractViolation.RESPONSE_BODY,
                operation.name(),
                "/header/" + header.toLowerCase(Locale.ROOT),
                "required",
                "absent"));
      }
    }
    checkBody(
        operation.name(),
        ContractViolation.RESPONSE_CONTENT_TYPE,
        ContractViolation.RESPONSE_BODY,
        spec.content(),
        !spec.content().isEmpty(),
        response.headers(),
        response.body(),
        found);
    return found;
  }

  @Override
  public Response declaredError(Request request, int status) {
    Matched matched = match(request.method(), request.parsedUrl().path());
    if (matched == null || matched.operation == null) {
      return null;
    }
    Operation operation = matched.operation;
    int declared = status;
    Operation.ResponseSpec spec = exactOrRange(operation, status);
    if (spec == null && status >= 500) {
      // A 5xx the operation does not list becomes the first 5xx it does: a fault stays an error
      // the caller was promised. A 429 has no stand-in: rate limiting is not any other 4xx.
      for (String key : new TreeSet<>(operation.responses().keySet())) {
        if (key.length() == 3 && key.charAt(0) == '5' && Character.isDigit(key.charAt(2))) {
          declared = Integer.parseInt(key);
          spec = operation.responses().get(key);
          break;
        }
      }
    }
    return spec == null ? null : answer(declared, spec);
  }

  @Override
  public Response declaredResponse(Request request) {
    Matched matched = match(request.method(), request.parsedUrl().path());
    if (matched == null || matched.operation == null) {
      return null;
    }
    for (Map.Entry<String, Operation.ResponseSpec> entry :
        new java.util.TreeMap<>(matched.operation.responses()).entrySet()) {
      String key = entry.getKey();
      if (key.length() == 3 && key.charAt(0) == '2') {
        int status = Character.isDigit(key.charAt(2)) ? Integer.parseInt(key) : 200;
        Response answer = answer(status, entry.getValue());
        if (answer != null) {
          return answer;
        }
      }
    }
    return null;
  }

  /** {@code spec}'s example body with {@code status}; null when it has a body but no example. */
  private static Response answer(int status, Operation.ResponseSpec spec) {
    for (Map.Entry<String, BodySchema> content : spec.content().entrySet()) {
      JsonNode example = content.getValue() == null ? null : content.getValue().example();
      if (example != null) {
        return new Response(
            status, Headers.of("content-type", content.getKey()), Body.ofJson(example));
      }
    }
    return spec.content().isEmpty() ? new Response(status, Headers.EMPTY, Body.EMPTY) : null;
  }

  @Override
  public List<ContractViolation> checkBody(String operation, int status, Body body) {
    Operation found = null;
    for (Operation candidate : operations) {
      if (operation.equals(candidate.id()) || operation.equals(candidate.name())) {
        found = candidate;
        break;
      }
    }
    if (found == null) {
      String[] parts = operation.trim().split("\\s+", 2);
      Matched matched = parts.length == 2 ? match(parts[0], parts[1]) : null;
      found = matched == null ? null : matched.operation;
    }
    if (found == null) {
      return List.of(
          new ContractViolation(
              ContractViolation.UNKNOWN_ROUTE,
              operation,
              "/operation",
              "an operationId or METHOD /path the contract declares",
              operation));
    }
    Headers json = Headers.of("content-type", "application/json");
    List<ContractViolation> violations = new ArrayList<>();
    if (status == 0) {
      checkBody(
          found.name(),
          ContractViolation.REQUEST_CONTENT_TYPE,
          ContractViolation.REQUEST_BODY,
          found.requestBodies(),
          found.bodyRequired(),
          json,
          body,
          violations);
      return violations;
    }
    Operation.ResponseSpec spec = responseFor(found, status);
    if (spec == null) {
      return List.of(undeclaredStatus(found, status));
    }
    checkBody(
        found.name(),
        ContractViolation.RESPONSE_CONTENT_TYPE,
        ContractViolation.RESPONSE_BODY,
        spec.content(),
        !spec.content().isEmpty(),
        json,
        body,
        violations);
    return violations;
  }

  private static ContractViolation undeclaredStatus(Operation operation, int status) {
    return new ContractViolation(
        ContractViolation.RESPONSE_STATUS,
        operation.name(),
        "/status",
        "one of " + operation.responses().keySet(),
        String.valueOf(status));
  }

  private void checkParameter(
      Operation operation,
      Operation.Parameter parameter,
      List<String> values,
      List<ContractViolation> found) {
    String pointer = "/" + parameter.in() + "/" + parameter.name();
    if (values.isEmpty()) {
      if (parameter.required()) {
        found.add(
            new ContractViolation(
                ContractViolation.PARAMETER, operation.name(), pointer, "required", "absent"));
      }
      return;
    }
    if (parameter.schema() == null) {
      return;
    }
    JsonNode value = parameterValue(parameter.schema().parameterType(), values);
    for (BodySchema.Problem problem : parameter.schema().check(value)) {
      found.add(
          new ContractViolation(
              ContractViolation.PARAMETER,
              operation.name(),
              pointer + problem.pointer(),
              problem.expected(),
              problem.actual()));
    }
  }

  /**
   * A parameter's text read as the JSON type its schema declares (an integer that does not parse
   * stays a string, so the schema reports it as ill-typed).
   */
  private static JsonNode parameterValue(String type, List<String> values) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (type.equals("array")) {
      var array = nodes.arrayNode();
      for (String value : values) {
        for (String item : value.split(",", -1)) {
          array.add(scalar(item));
        }
      }
      return array;
    }
    String text = values.get(0);
    return switch (type) {
      case "integer", "number", "boolean" -> scalar(text);
      default -> nodes.stringNode(text);
    };
  }

  private static JsonNode scalar(String text) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (text.equals("true") || text.equals("false")) {
      return nodes.booleanNode(text.equals("true"));
    }
    if (text.matches("-?(0|[1-9][0-9]{0,17})")) {
      return nodes.numberNode(Long.parseLong(text));
    }
    if (text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      return nodes.numberNode(new java.math.BigDecimal(text));
    }
    return nodes.stringNode(text);
  }

  private static void checkBody(
      String operation,
      String contentTypeKind,
      String bodyKind,
      Map<String, BodySchema> declared,
      boolean required,
      Headers headers,
      Body body,
      List<ContractViolation> found) {
    if (body.isEmpty()) {
      if (required) {
        found.add(new ContractViolation(bodyKind, operation, "/body", "a body", "empty"));
      }
      return;
    }
    if (declared.isEmpty()) {
      found.add(
          new ContractViolation(bodyKind, operation, "/body", "no body", body.size() + " bytes"));
      return;
    }
    String mediaType = Http.mediaType(headers);
    String key = mediaType == null ? null : Http.matchMediaType(declared.keySet(), mediaType);
    if (key == null) {
      found.add(
          new ContractViolation(
              contentTypeKind,
              operation,
              "/header/content-type",
              "one of " + declared.keySet(),
              mediaType == null ? "absent" : mediaType));
      return;
    }
    BodySchema schema = declared.get(key);
    if (schema == null || !Http.isJson(mediaType)) {
      return;
    }
    JsonNode json;
    try {
      json = body.json();
    } catch (JacksonException e) {
      found.add(
          new ContractViolation(
              bodyKind,
              operation,
              "/body",
              "JSON",
              "unparseable: " + firstLine(e.getOriginalMessage())));
      return;
    }
    for (BodySchema.Problem problem : schema.check(json)) {
      found.add(
          new ContractViolation(
              bodyKind,
              operation,
              "/body" + problem.pointer(),
              problem.expected(),
              problem.actual()));
    }
  }

  private static Operation.ResponseSpec responseFor(Operation operation, int status) {
    Operation.ResponseSpec spec = exactOrRange(operation, status);
    return spec != null ? spec : operation.responses().get("default");
  }

  private static Operation.ResponseSpec exactOrRange(Operation operation, int status) {
    Operation.ResponseSpec exact = operation.responses().get(String.valueOf(status));
    if (exact != null) {
      return exact;
    }
    Operation.ResponseSpec range = operation.responses().get((status / 100) + "XX");
    return range != null ? range : operation.responses().get((status / 100) + "xx");
  }

  /** The route {@code path} takes and, if declared for {@code method}, its operation; or null. */
  private Matched match(String method, String path) {
    List<String> segments = PathTemplate.split(path);
    Matched best = null;
    for (Map.Entry<PathTemplate, Map<String, Operation>> route : routes.entrySet()) {
      Map<String, String> values = route.getKey().match(segments);
      if (values != null && (best == null || route.getKey().dominates(best.template))) {
        best =
            new Matched(
                route.getKey(), values, route.getValue().get(method.toUpperCase(Locale.ROOT)));
      }
    }
    return best;
  }

  private record Matched(
      PathTemplate template, Map<String, String> pathValues, Operation operation) {}

  /** Two paths that can match one URL with neither more specific make the contract ambiguous. */
  private void checkUnambiguous(String source) {
    List<PathTemplate> templates = new ArrayList<>(routes.keySet());
    for (int i = 0; i < templates.size(); i++) {
      for (int j = i + 1; j < templates.size(); j++) {
        PathTemplate a = templates.get(i);
        PathTemplate b = templates.get(j);
        if (a.overlaps(b) && !a.dominates(b) && !b.dominates(a)) {
          throw new IllegalArgumentException(
              source
                  + ": paths "
                  + a
                  + " and "
                  + b
                  + " are ambiguous: a request can match both and neither is more specific");
        }
      }
    }
  }

  private static List<String> listOf(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private static String firstLine(String text) {
    int newline = text == null ? -1 : text.indexOf('\n');
    return text == null ? "" : newline < 0 ? text : text.substring(0, newline);
  }
}
