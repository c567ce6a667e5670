package dev.w9y.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A body schema validated by networknt's json-schema-validator, compiled once when the contract is
 * loaded ({@link Schema} is immutable and safe to share between runs).
 */
final class JsonSchemaBody implements BodySchema {
  private static final int MAX_ACTUAL_CHARS = 120;
  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::pointer).thenComparing(Problem::expected);

  private final Schema schema;
  private final JsonNode example;
  private final String parameterType;
  private final SchemaValues values;
  private final SchemaView view;

  JsonSchemaBody(
      Schema schema, JsonNode example, String parameterType, SchemaValues values, SchemaView view) {
    this.schema = schema;
    this.example = example;
    this.parameterType = parameterType;
    this.values = values;
    this.view = view;
  }

  @Override
  public SchemaValues values() {
    return values;
  }

  @Override
  public SchemaView view() {
    return view;
  }

  @Override
  public List<Problem> check(JsonNode value) {
    List<Error> errors = schema.validate(value);
    if (errors.isEmpty()) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>(errors.size());
    for (Error error : errors) {
      String pointer = pointer(error.getInstanceLocation());
      JsonNode at = pointer.isEmpty() ? value : value.at(pointer);
      problems.add(new Problem(pointer, expectation(error), render(at)));
    }
    // The validator's own order follows its keyword maps; the trace needs one fixed order.
    problems.sort(ORDER);
    return problems;
  }

  @Override
  public JsonNode example() {
    return example;
  }

  @Override
  public String parameterType() {
    return parameterType;
  }

  private static String expectation(Error error) {
    String message = error.getMessage();
    // Messages start with the instance location ("/qty: ..."), which the pointer already says.
    int colon = message.indexOf(": ");
    if (colon >= 0 && (message.startsWith("/") || message.startsWith("$"))) {
      message = message.substring(colon + 2);
    }
    return error.getKeyword() == null ? message : error.getKeyword() + ": " + message;
  }

  static String pointer(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      String name = String.valueOf(path.getElement(i));
      pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  static String render(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "absent";
    }
    String text = node.toString();
    return text.length() <= MAX_ACTUAL_CHARS ? text : text.substring(0, MAX_ACTUAL_CHARS) + "...";
  }
}
