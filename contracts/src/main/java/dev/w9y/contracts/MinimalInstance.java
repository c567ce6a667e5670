package dev.w9y.contracts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The smallest value a schema accepts, for a declared error response that gives no example: a typed
 * fault's body must fit the contract. Follows {@code example}, {@code default}, {@code const},
 * {@code enum}, required properties, minimum lengths and the first branch of a combinator; returns
 * null when it cannot tell (the fault then keeps its own body).
 */
final class MinimalInstance {
  private static final int MAX_DEPTH = 8;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MinimalInstance() {}

  static JsonNode of(ContractFiles.Located schema, ContractFiles files) {
    return schema.node().isMissingNode() ? null : build(schema, files, 0);
  }

  private static JsonNode build(ContractFiles.Located at, ContractFiles files, int depth) {
    if (depth > MAX_DEPTH || at == null) {
      return null;
    }
    ContractFiles.Located located = files.deref(at);
    JsonNode schema = located.node();
    if (!schema.isObject()) {
      return null;
    }
    for (String given : new String[] {"example", "default", "const"}) {
      if (schema.has(given)) {
        return schema.get(given);
      }
    }
    if (schema.has("examples")
        && schema.get("examples").isArray()
        && !schema.get("examples").isEmpty()) {
      return schema.get("examples").get(0);
    }
    if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(0);
    }
    for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
      JsonNode branches = schema.get(combinator);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        return build(located.child(combinator).child("0"), files, depth + 1);
      }
    }
    JsonNode typeNode = schema.get("type");
    String type =
        typeNode == null
            ? (schema.has("properties") ? "object" : null)
            : typeNode.isArray() ? typeNode.get(0).asString() : typeNode.asString();
    if (type == null) {
      return null;
    }
    switch (type) {
      case "object":
        ObjectNode object = NODES.objectNode();
        JsonNode required = schema.get("required");
        ContractFiles.Located properties = located.child("properties");
        if (required != null && required.isArray()) {
          for (JsonNode name : required) {
            JsonNode value =
                properties == null
                    ? null
                    : build(properties.child(name.asString()), files, depth + 1);
            if (value == null) {
              return null;
            }
            object.set(name.asString(), value);
          }
        }
        return object;
      case "array":
        ArrayNode array = NODES.arrayNode();
        int items = schema.path("minItems").asInt(0);
        for (int i = 0; i < items; i++) {
          JsonNode item = build(located.child("items"), files, depth + 1);
          if (item == null) {
            return null;
          }
          array.add(item);
        }
        return array;
      case "string":
        return NODES.stringNode("x".repeat(schema.path("minLength").asInt(0)));
      case "integer":
        return NODES.numberNode(schema.path("minimum").asLong(0));
      case "number":
        return NODES.numberNode(schema.path("minimum").asDouble(0));
      case "boolean":
        return NODES.booleanNode(false);
      case "null":
        return NODES.nullNode();
      default:
        return null;
    }
  }
}
