package dev.w9y.contracts;

import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.contract.GeneratedRequest;
import dev.w9y.core.contract.RequestGenerator;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.scheduler.RandomStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Requests generated from a contract's compiled {@link Operation}s, whatever its format: the path
 * template filled, required parameters and some optional ones, a body from the schema of the
 * operation's JSON media type ({@link SchemaValues}). Every request is checked against the contract
 * before it is given: a valid one must pass (else another is drawn), a near miss must fail at
 * exactly the pointer its mistake names (else another mistake is tried), so "one thing wrong" holds
 * by construction, not by hope.
 */
final class ContractRequests implements RequestGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int ATTEMPTS = 16;

  private final Contract contract;
  private final String source;
  private final List<Operation> operations;
  private final List<String> names = new ArrayList<>();

  ContractRequests(Contract contract, String source, List<Operation> operations) {
    this.contract = contract;
    this.source = source;
    this.operations = List.copyOf(operations);
    for (Operation operation : operations) {
      names.add(operation.name());
    }
  }

  @Override
  public List<String> operations() {
    return List.copyOf(names);
  }

  @Override
  public List<String> declaredStatuses(int operation) {
    return List.copyOf(operations.get(operation).responses().keySet());
  }

  @Override
  public GeneratedRequest valid(int operation, String origin, RandomStream random) {
    return new GeneratedRequest(
        names.get(operation), validDraft(operation, origin, random).request(), null, null);
  }

  @Override
  public GeneratedRequest nearMiss(int operation, String origin, RandomStream random) {
    Draft draft = validDraft(operation, origin, random);
    List<Mistake> mistakes = draft.mistakes();
    while (!mistakes.isEmpty()) {
      Mistake mistake = mistakes.remove(random.nextInt(mistakes.size()));
      Request request = mistake.draft().request();
      List<ContractViolation> found = contract.checkRequest(request);
      if (!found.isEmpty()
          && found.stream().allMatch(v -> v.pointer().equals(mistake.reported()))) {
        return new GeneratedRequest(
            names.get(operation), request, mistake.description(), mistake.reported());
      }
    }
    return null;
  }

  private Draft validDraft(int index, String origin, RandomStream random) {
    Operation operation = operations.get(index);
    List<ContractViolation> found = List.of();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Draft draft = draft(operation, origin, random);
      found = contract.checkRequest(draft.request());
      if (found.isEmpty()) {
        return draft;
      }
    }
    throw new IllegalStateException(
        source
            + ": no valid request for "
            + operation.name()
            + " in "
            + ATTEMPTS
            + " attempts ("
            + found.get(0).describe()
            + "); give the schema an example");
  }

  private static Draft draft(Operation operation, String origin, RandomStream random) {
    List<JsonNode> values = new ArrayList<>();
    for (Operation.Parameter parameter : operation.parameters()) {
      boolean include = parameter.required() || random.nextBoolean();
      values.add(include ? parameterValue(parameter, random) : null);
    }
    String mediaType = mediaType(operation.requestBodies());
    JsonNode body = null;
    if (mediaType != null && (operation.bodyRequired() || random.nextInt(4) != 0)) {
      BodySchema schema = operation.requestBodies().get(mediaType);
      body =
          schema == null || schema.values() == null || !Http.isJson(plain(mediaType))
              ? NODES.stringNode("w9y")
              : schema.values().valid(random);
    }
    return new Draft(operation, origin, values, mediaType, body);
  }

  private static JsonNode parameterValue(Operation.Parameter parameter, RandomStream random) {
    SchemaValues values = parameter.schema() == null ? null : parameter.schema().values();
    JsonNode value = null;
    // A path segment cannot be empty: an empty value would name another route.
    for (int attempt = 0; attempt < 4 && (value == null || text(value).isEmpty()); attempt++) {
      value = values == null ? NODES.stringNode("v" + random.nextInt(1000)) : values.valid(random);
    }
    return value;
  }

  /** The media type a body is sent as: the first JSON one declared, else the first one. */
  private static String mediaType(Map<String, BodySchema> declared) {
    for (String type : declared.keySet()) {
      if (Http.isJson(plain(type))) {
        return type;
      }
    }
    return declared.isEmpty() ? null : declared.keySet().iterator().next();
  }

  private static String plain(String mediaType) {
    return mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** A parameter's value as text: a list joined by commas (the form the checks read). */
  static String text(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(text(item)));
      return String.join(",", items);
    }
    return value.isString() ? value.asString() : value.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One thing made wrong in a draft, and where the contract check reports it. */
  private record Mistake(String description, String reported, Draft draft) {}

  /** A request being made: a value per parameter (null: left out), the body (null: none). */
  private record Draft(
      Operation operation, String origin, List<JsonNode> values, String mediaType, JsonNode body) {

    Request request() {
      String path = operation.template().text();
      StringBuilder query = new StringBuilder();
      Headers headers = Headers.EMPTY;
      List<Operation.Parameter> parameters = operation.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        Operation.Parameter parameter = parameters.get(i);
        JsonNode value = values.get(i);
        if (value == null) {
          continue;
        }
        String text = text(value);
        switch (parameter.in()) {
          case "path" -> path = path.replace("{" + parameter.name() + "}", encode(text));
          case "query" ->
              query
                  .append(query.length() == 0 ? '?' : '&')
                  .append(encode(parameter.name()))
                  .append('=')
                  .append(encode(text));
          case "header" -> headers = headers.with(parameter.name(), text);
          default -> {}
        }
      }
      Body sent = Body.EMPTY;
      if (body != null) {
        String type = plain(mediaType);
        if (type.contains("*")) {
          type = type.startsWith("text/") ? "text/plain" : "application/octet-stream";
        }
        sent = Http.isJson(type) ? Body.ofJson(body) : Body.ofText(text(body));
        headers = headers.with("content-type", type);
      }
      return new Request(operation.method(), origin + path + query, headers, sent);
    }

    Draft withValue(int index, JsonNode value) {
      List<JsonNode> changed = new ArrayList<>(values);
      changed.set(index, value);
      return new Draft(operation, origin, changed, mediaType, body);
    }

    Draft withBody(JsonNode value) {
      return new Draft(operation, origin, values, mediaType, value);
    }

    /** Every single mistake this draft can be given, in a fixed order. */
    List<Mistake> mistakes() {
      List<Mistake> mistakes = new ArrayList<>();
      List<Operation.Parameter> parameters = operation.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        Operation.Parameter parameter = parameters.get(i);
        JsonNode value = values.get(i);
        if (value == null) {
          continue;
        }
        String reported = "/" + parameter.in() + "/" + parameter.name();
        String named = parameter.in() + " parameter '" + parameter.name() + "'";
        if (parameter.required() && !parameter.in().equals("path")) {
          mistakes.add(
              new Mistake("required " + named + " left out", reported, withValue(i, null)));
        }
        if (parameter.schema() == null) {
          continue;
        }
        String type = parameter.schema().parameterType();
        if (type.equals("integer") || type.equals("number") || type.equals("boolean")) {
          mistakes.add(
              new Mistake(
                  named + (type.equals("integer") ? " not an " : " not a ") + type + ": x",
                  reported,
                  withValue(i, NODES.stringNode("x"))));
        }
        SchemaValues schemaValues = parameter.schema().values();
        if (schemaValues != null) {
          for (SchemaValues.NearMiss miss : schemaValues.nearMisses(value)) {
            // A parameter is text: its wrong type is the "not a number" above, never a JSON type.
            if (miss.at().isEmpty() && miss.replacement() != null && !miss.kind().equals("type")) {
              mistakes.add(
                  new Mistake(
                      named + ": " + miss.mistake(), reported, withValue(i, miss.replacement())));
            }
          }
        }
      }
      if (body != null) {
        BodySchema schema = operation.requestBodies().get(mediaType);
        if (schema != null && schema.values() != null && Http.isJson(plain(mediaType))) {
          for (SchemaValues.NearMiss miss : schema.values().nearMisses(body)) {
            mistakes.add(
                new Mistake(
                    miss.mistake() + " at /body" + miss.at(),
                    "/body" + miss.reported(),
                    withBody(miss.applyTo(body))));
          }
        }
        if (operation.bodyRequired()) {
          mistakes.add(new Mistake("required body left out", "/body", withBody(null)));
        }
      }
      return mistakes;
    }
  }
}
