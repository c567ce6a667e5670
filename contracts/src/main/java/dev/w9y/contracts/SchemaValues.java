package dev.w9y.contracts;

import dev.w9y.scheduler.RandomStream;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the values of one schema for contract-driven workloads: valid ones and near misses of
 * them. Immutable; every draw comes from the stream given.
 */
interface SchemaValues {
  /** A value the schema should accept (the caller checks it and draws again if not). */
  JsonNode valid(RandomStream random);

  /** Every way found to break {@code valid} (which the schema accepts) in exactly one place. */
  List<NearMiss> nearMisses(JsonNode valid);

  /**
   * One thing wrong with a valid value.
   *
   * @param at the JSON pointer of the node changed ({@code ""}: the whole value)
   * @param reported where the schema check reports it: {@code at}, or the object a required
   *     property was removed from
   * @param kind what kind of mistake: {@code type}, {@code enum}, {@code range}, {@code length},
   *     {@code items}, {@code required} or {@code unknown-property}
   * @param mistake what is wrong, for people ({@code required property 'sku' removed}); the caller
   *     says where
   * @param replacement the new node at {@code at}; null removes it
   */
  record NearMiss(String at, String reported, String kind, String mistake, JsonNode replacement) {
    /** {@code valid} with this mistake made (a copy; {@code valid} is not changed). */
    JsonNode applyTo(JsonNode valid) {
      if (at.isEmpty()) {
        return replacement;
      }
      JsonNode copy = valid.deepCopy();
      int slash = at.lastIndexOf('/');
      JsonNode parent = slash == 0 ? copy : copy.at(at.substring(0, slash));
      String key = at.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ObjectNode object) {
        if (replacement == null) {
          object.remove(key);
        } else {
          object.set(key, replacement);
        }
      } else if (parent instanceof ArrayNode array) {
        int index = Integer.parseInt(key);
        if (replacement == null) {
          array.remove(index);
        } else {
          array.set(index, replacement);
        }
      }
      return copy;
    }
  }
}
