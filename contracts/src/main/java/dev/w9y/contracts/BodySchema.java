package dev.w9y.contracts;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A compiled schema of a JSON value (a body, a parameter): what the checks validate against. */
interface BodySchema {
  /**
   * Where {@code value} breaks the schema, sorted by pointer then expectation; empty if it fits.
   */
  List<Problem> check(JsonNode value);

  /** A value the contract declares or that fits the schema, for typed fault bodies; or null. */
  JsonNode example();

  /** The JSON type a parameter's text is read as: integer, number, boolean, array or string. */
  default String parameterType() {
    return "string";
  }

  /** Generates values of this schema for contract-driven workloads, or null when it cannot. */
  default SchemaValues values() {
    return null;
  }

  /**
   * The schema as written (its file and pointer, {@code $ref}s not yet followed) or its protobuf
   * message type: what tools that compare or describe contracts read; null when unknown.
   */
  default SchemaView view() {
    return null;
  }

  /** One place a value breaks the schema: a JSON pointer relative to the value. */
  record Problem(String pointer, String expected, String actual) {}
}
