package dev.w9y.contracts;

import dev.w9y.scheduler.RandomStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values of a JSON Schema (2020-12, draft-07, OpenAPI 3.0/3.1), generated from the schema as
 * written, {@code $ref}s followed: {@code type}, {@code const}, {@code enum}, bounds (inclusive and
 * exclusive, both spellings), {@code multipleOf}, lengths, {@code pattern} (the common regular
 * expression syntax, {@link RegexStrings}), well-known {@code format}s, required and optional
 * properties, items and their counts, {@code allOf} merged, one branch of {@code oneOf}/{@code
 * anyOf}. Bounds are chosen often: a number is its minimum or maximum one time in four each.
 *
 * <p>Near misses break one node reached through plain properties, items and {@code allOf} branches
 * (never inside {@code oneOf}/{@code anyOf}, where a change may satisfy another branch): its type,
 * its range, its length, its enum, a required property, or an unexpected property where {@code
 * additionalProperties} is false.
 */
final class JsonSchemaValues implements SchemaValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int MAX_DEPTH = 6;
  // An unbounded side of a number or a length lies this far from the other side.
  private static final long SPAN = 1000;
  private static final int SPAN_CHARS = 12;
  private static final int SPAN_ITEMS = 3;

  private final ContractFiles files;
  private final ContractFiles.Located root;
  private final JsonNode fallback;

  /**
   * @param fallback the value to give when generation cannot follow the schema (an unsupported
   *     pattern): its example, or null
   */
  JsonSchemaValues(ContractFiles files, ContractFiles.Located root, JsonNode fallback) {
    this.files = files;
    this.root = root;
    this.fallback = fallback;
  }

  @Override
  public JsonNode valid(RandomStream random) {
    try {
      return value(root, random, 0);
    } catch (Unsupported e) {
      if (fallback != null) {
        return fallback;
      }
      throw new IllegalStateException(
          "contract "
              + files.name(root.file())
              + " at "
              + e.pointer
              + ": cannot generate a value ("
              + e.getMessage()
              + "); give the schema an example");
    }
  }

  /** A schema generation cannot follow, where it is. */
  private static final class Unsupported extends RuntimeException {
    private final String pointer;

    Unsupported(String pointer, String why) {
      super(why, null, false, false);
      this.pointer = pointer;
    }
  }

  // ---------------------------------------------------------------- valid values

  private JsonNode value(ContractFiles.Located at, RandomStream random, int depth) {
    ContractFiles.Located located = files.deref(at);
    JsonNode schema = located.node();
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        throw new Unsupported(located.pointer(), "the schema is false: nothing fits");
      }
      return NODES.stringNode(word(random, 1 + random.nextInt(8)));
    }
    if (!schema.isObject()) {
      return NODES.stringNode(word(random, 4));
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    JsonNode enumeration = schema.get("enum");
    if (enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) {
      return enumeration.get(random.nextInt(enumeration.size()));
    }
    if (schema.has("allOf")) {
      return allOf(located, random, depth);
    }
    for (String combinator : new String[] {"oneOf", "anyOf"}) {
      JsonNode branches = schema.get(combinator);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        int branch = random.nextInt(branches.size());
        return value(located.child(combinator).child(String.valueOf(branch)), random, depth + 1);
      }
    }
    String type = type(schema, random);
    return switch (type) {
      case "null" -> NODES.nullNode();
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "integer" -> integer(located, random);
      case "number" -> number(located, random);
      case "object" -> object(located, random, depth);
      case "array" -> array(located, random, depth);
      default -> string(located, random);
    };
  }

  /** The branches' objects merged, with the schema's own properties; a non-object: the first. */
  private JsonNode allOf(ContractFiles.Located located, RandomStream random, int depth) {
    ObjectNode merged = NODES.objectNode();
    ContractFiles.Located branches = located.child("allOf");
    for (int i = 0; i < branches.node().size(); i++) {
      JsonNode part = value(branches.child(String.valueOf(i)), random, depth + 1);
      if (!part.isObject()) {
        return part;
      }
      merged.setAll((ObjectNode) part);
    }
    if (located.node().has("properties") || located.node().has("required")) {
      merged.setAll((ObjectNode) object(located, random, depth));
    }
    return merged;
  }

  /** The declared type (one of several drawn, null seldom), or the one its keywords imply. */
  private static String type(JsonNode schema, RandomStream random) {
    JsonNode type = schema.get("type");
    if (type != null && type.isString()) {
      return type.asString();
    }
    if (type != null && type.isArray() && !type.isEmpty()) {
      List<String> types = new ArrayList<>();
      for (JsonNode item : type) {
        if (!item.asString().equals("null")) {
          types.add(item.asString());
        }
      }
      if (types.isEmpty() || (types.size() < type.size() && random.nextInt(8) == 0)) {
        return "null";
      }
      return types.get(random.nextInt(types.size()));
    }
    if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
      return "object";
    }
    if (schema.has("items") || schema.has("prefixItems") || schema.has("minItems")) {
      return "array";
    }
    if (schema.has("minimum") || schema.has("maximum") || schema.has("multipleOf")) {
      return "number";
    }
    return "string";
  }

  private JsonNode object(ContractFiles.Located located, RandomStream random, int depth) {
    JsonNode schema = located.node();
    ObjectNode object = NODES.objectNode();
    ContractFiles.Located properties = located.child("properties");
    Set<String> required = new LinkedHashSet<>();
    for (JsonNode name : schema.path("required")) {
      required.add(name.asString());
    }
    for (String name : required) {
      ContractFiles.Located property = properties == null ? null : properties.child(name);
      object.set(
          name,
          property == null
              ? NODES.stringNode(word(random, 4))
              : value(property, random, depth + 1));
    }
    List<String> optional = new ArrayList<>();
    if (properties != null) {
      for (String name : properties.node().propertyNames()) {
        if (!required.contains(name)) {
          optional.add(name);
        }
      }
    }
    int minProperties = schema.path("minProperties").asInt(0);
    for (String name : optional) {
      boolean needed = object.size() < minProperties;
      if (needed || (depth < MAX_DEPTH && random.nextBoolean())) {
        object.set(name, value(properties.child(name), random, depth + 1));
      }
    }
    boolean closed =
        schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true);
    for (int extra = 0; object.size() < minProperties && !closed; extra++) {
      object.set("extra" + extra, NODES.stringNode(word(random, 4)));
    }
    return object;
  }

  private JsonNode array(ContractFiles.Located located, RandomStream random, int depth) {
    JsonNode schema = located.node();
    int min = schema.path("minItems").asInt(0);
    boolean bounded = schema.has("maxItems");
    int max = bounded ? schema.get("maxItems").asInt() : min + SPAN_ITEMS;
    int count = depth >= MAX_DEPTH ? min : (int) draw(random, min, max, true, bounded);
    ContractFiles.Located prefix = located.child("prefixItems");
    ContractFiles.Located items = located.child("items");
    boolean unique = schema.path("uniqueItems").asBoolean(false);
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      ContractFiles.Located itemSchema =
          prefix != null && i < prefix.node().size() ? prefix.child(String.valueOf(i)) : items;
      JsonNode item = null;
      for (int attempt = 0;
          attempt < 8 && (item == null || (unique && contains(array, item)));
          attempt++) {
        item =
            itemSchema == null || !itemSchema.node().isObject() && !itemSchema.node().isBoolean()
                ? NODES.stringNode(word(random, 4))
                : value(itemSchema, random, depth + 1);
      }
      array.add(item);
    }
    return array;
  }

  private static boolean contains(ArrayNode array, JsonNode item) {
    for (JsonNode present : array) {
      if (present.equals(item)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode string(ContractFiles.Located located, RandomStream random) {
    JsonNode schema = located.node();
    if (schema.has("pattern")) {
      String pattern = schema.get("pattern").asString();
      String text = RegexStrings.generate(pattern, random);
      if (text == null || !matches(pattern, text)) {
        JsonNode given = given(schema);
        if (given == null) {
          throw new Unsupported(located.pointer(), "pattern " + pattern + " is not supported");
        }
        return given;
      }
      return NODES.stringNode(text);
    }
    String format = schema.path("format").asString("");
    String formatted = StringFormats.value(format, random);
    if (formatted != null) {
      return NODES.stringNode(formatted);
    }
    int min = schema.path("minLength").asInt(0);
    boolean bounded = schema.has("maxLength");
    int max = bounded ? schema.get("maxLength").asInt() : min + SPAN_CHARS;
    return NODES.stringNode(word(random, (int) draw(random, min, max, true, bounded)));
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** A value the schema itself gives: example, default, first of examples; or null. */
  private static JsonNode given(JsonNode schema) {
    for (String key : new String[] {"example", "default"}) {
      if (schema.has(key)) {
        return schema.get(key);
      }
    }
    JsonNode examples = schema.get("examples");
    return examples != null && examples.isArray() && !examples.isEmpty() ? examples.get(0) : null;
  }

  private JsonNode integer(ContractFiles.Located located, RandomStream random) {
    Bounds bounds = Bounds.of(located.node(), true);
    JsonNode multipleOf = located.node().get("multipleOf");
    if (multipleOf != null && multipleOf.isIntegralNumber() && multipleOf.asLong() > 0) {
      long step = multipleOf.asLong();
      long lo = Math.floorDiv(bounds.lo + step - 1, step);
      long hi = Math.floorDiv(bounds.hi, step);
      if (lo > hi) {
        throw new Unsupported(located.pointer(), "no multiple of " + step + " within the bounds");
      }
      return NODES.numberNode(step * draw(random, lo, hi, bounds.loDeclared, bounds.hiDeclared));
    }
    if (bounds.lo > bounds.hi) {
      throw new Unsupported(located.pointer(), "the minimum is above the maximum");
    }
    return NODES.numberNode(
        draw(random, bounds.lo, bounds.hi, bounds.loDeclared, bounds.hiDeclared));
  }

  /** A number with two decimals at most, or an exact inclusive bound. */
  private JsonNode number(ContractFiles.Located located, RandomStream random) {
    JsonNode schema = located.node();
    if (schema.has("multipleOf")) {
      return integer(located, random); // integral multiples are numbers too
    }
    Bounds bounds = Bounds.of(schema, false);
    int choice = random.nextInt(4);
    if (choice == 0 && bounds.loDeclared && !bounds.loExclusive) {
      return NODES.numberNode(bounds.loExact);
    }
    if (choice == 1 && bounds.hiDeclared && !bounds.hiExclusive) {
      return NODES.numberNode(bounds.hiExact);
    }
    BigDecimal lo = bounds.loExact;
    BigDecimal hi = bounds.hiExact;
    BigDecimal span = hi.subtract(lo);
    BigDecimal value =
        lo.add(span.multiply(BigDecimal.valueOf(random.nextLong(0, 1000)).movePointLeft(3)))
            .setScale(2, RoundingMode.HALF_EVEN);
    if (value.compareTo(lo) <= 0 || value.compareTo(hi) >= 0) {
      value = lo.add(hi).divide(BigDecimal.valueOf(2)); // the middle is strictly inside
    }
    return NODES.numberNode(value);
  }

  /**
   * A whole number in {@code [lo, hi]}: a declared bound one time in four each (and the one beside
   * it one time in sixteen), else any.
   */
  private static long draw(
      RandomStream random, long lo, long hi, boolean loDeclared, boolean hiDeclared) {
    if (hi <= lo) {
      return lo;
    }
    int choice = random.nextInt(16);
    if (choice < 4 && loDeclared) {
      return lo;
    }
    if (choice >= 4 && choice < 8 && hiDeclared) {
      return hi;
    }
    if (choice == 8 && loDeclared) {
      return lo + 1;
    }
    if (choice == 9 && hiDeclared) {
      return hi - 1;
    }
    return random.nextLong(lo, hi);
  }

  private static String word(RandomStream random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /**
   * A number's bounds as written: {@code minimum} with OpenAPI 3.0's boolean {@code
   * exclusiveMinimum}, or 2020-12's numeric {@code exclusiveMinimum}; an undeclared side lies
   * {@link #SPAN} from the other (or from 0).
   */
  private record Bounds(
      long lo,
      long hi,
      boolean loDeclared,
      boolean hiDeclared,
      BigDecimal loExact,
      BigDecimal hiExact,
      boolean loExclusive,
      boolean hiExclusive) {
    static Bounds of(JsonNode schema, boolean integral) {
      BigDecimal lo = null;
      BigDecimal hi = null;
      boolean loExclusive = false;
      boolean hiExclusive = false;
      if (schema.path("minimum").isNumber()) {
        lo = schema.get("minimum").decimalValue();
        loExclusive = schema.path("exclusiveMinimum").asBoolean(false);
      }
      if (schema.path("exclusiveMinimum").isNumber()) {
        BigDecimal exclusive = schema.get("exclusiveMinimum").decimalValue();
        if (lo == null || exclusive.compareTo(lo) >= 0) {
          lo = exclusive;
          loExclusive = true;
        }
      }
      if (schema.path("maximum").isNumber()) {
        hi = schema.get("maximum").decimalValue();
        hiExclusive = schema.path("exclusiveMaximum").asBoolean(false);
      }
      if (schema.path("exclusiveMaximum").isNumber()) {
        BigDecimal exclusive = schema.get("exclusiveMaximum").decimalValue();
        if (hi == null || exclusive.compareTo(hi) <= 0) {
          hi = exclusive;
          hiExclusive = true;
        }
      }
      boolean loDeclared = lo != null;
      boolean hiDeclared = hi != null;
      BigDecimal span = BigDecimal.valueOf(SPAN);
      if (lo == null) {
        lo = hi == null ? span.negate() : hi.subtract(span);
      }
      if (hi == null) {
        hi = loDeclared ? lo.add(span) : span;
      }
      long loWhole = clamp(lo.setScale(0, RoundingMode.CEILING));
      long hiWhole = clamp(hi.setScale(0, RoundingMode.FLOOR));
      if (loExclusive && BigDecimal.valueOf(loWhole).compareTo(lo) == 0) {
        loWhole++;
      }
      if (hiExclusive && BigDecimal.valueOf(hiWhole).compareTo(hi) == 0) {
        hiWhole--;
      }
      return new Bounds(loWhole, hiWhole, loDeclared, hiDeclared, lo, hi, loExclusive, hiExclusive);
    }

    private static long clamp(BigDecimal value) {
      BigDecimal limit = BigDecimal.valueOf(Long.MAX_VALUE / 4);
      return value.max(limit.negate()).min(limit).longValueExact();
    }
  }

  // ---------------------------------------------------------------- near misses

  @Override
  public List<NearMiss> nearMisses(JsonNode valid) {
    List<NearMiss> found = new ArrayList<>();
    nearMisses(root, valid, "", found, 0);
    return found;
  }

  private void nearMisses(
      ContractFiles.Located at, JsonNode value, String pointer, List<NearMiss> found, int depth) {
    ContractFiles.Located located = files.deref(at);
    JsonNode schema = located.node();
    if (!schema.isObject() || depth > MAX_DEPTH) {
      return;
    }
    for (String combinator : new String[] {"oneOf", "anyOf", "not", "if", "$dynamicRef"}) {
      if (schema.has(combinator)) {
        return;
      }
    }
    // Every branch of an allOf holds for the same value: a mistake in one is a mistake of the whole
    // (the contract check before a near miss is given drops one another branch would also report).
    ContractFiles.Located branches = located.child("allOf");
    if (branches != null) {
      for (int i = 0; i < branches.node().size(); i++) {
        nearMisses(branches.child(String.valueOf(i)), value, pointer, found, depth + 1);
      }
    }

    JsonNode wrong = wrongType(schema);
    if (wrong != null) {
      found.add(new NearMiss(pointer, pointer, "type", "wrong type: " + wrong, wrong));
    }
    JsonNode enumeration = schema.get("enum");
    if (enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) {
      JsonNode outside = outside(enumeration);
      found.add(new NearMiss(pointer, pointer, "enum", "not in the enum: " + outside, outside));
    }
    if (value.isNumber()) {
      range(schema, pointer, found);
    } else if (value.isString()) {
      length(schema, value.asString(), pointer, found);
      if (schema.has("pattern") && !matches(schema.get("pattern").asString(), "~")) {
        found.add(
            new NearMiss(
                pointer,
                pointer,
                "pattern",
                "'~' does not match " + schema.get("pattern").asString(),
                NODES.stringNode("~")));
      }
    } else if (value.isArray()) {
      items(located, (ArrayNode) value, pointer, found, depth);
    } else if (value.isObject()) {
      properties(located, value, pointer, found, depth);
    }
  }

  /** A value of another JSON type than the schema allows (a number's digits as a string). */
  private static JsonNode wrongType(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return null;
    }
    Set<String> types = new LinkedHashSet<>();
    if (type.isArray()) {
      type.forEach(item -> types.add(item.asString()));
    } else {
      types.add(type.asString());
    }
    if (!types.contains("string")) {
      return NODES.stringNode(types.contains("integer") || types.contains("number") ? "7" : "x");
    }
    if (!types.contains("integer") && !types.contains("number")) {
      return NODES.numberNode(7);
    }
    if (!types.contains("boolean")) {
      return NODES.booleanNode(true);
    }
    return types.contains("object") ? null : NODES.objectNode();
  }

  private static JsonNode outside(JsonNode enumeration) {
    boolean strings = true;
    BigDecimal largest = null;
    for (JsonNode item : enumeration) {
      strings &= item.isString();
      if (item.isNumber()) {
        largest = largest == null ? item.decimalValue() : largest.max(item.decimalValue());
      }
    }
    if (strings) {
      String candidate = enumeration.get(0).asString() + "-unknown";
      while (containsText(enumeration, candidate)) {
        candidate += "x";
      }
      return NODES.stringNode(candidate);
    }
    if (largest != null) {
      return NODES.numberNode(largest.add(BigDecimal.ONE));
    }
    return NODES.stringNode("not-in-enum");
  }

  private static boolean containsText(JsonNode enumeration, String text) {
    for (JsonNode item : enumeration) {
      if (item.asString().equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static void range(JsonNode schema, String pointer, List<NearMiss> found) {
    if (schema.has("minimum") || schema.path("exclusiveMinimum").isNumber()) {
      Bounds bounds = Bounds.of(schema, false);
      BigDecimal below =
          bounds.loExclusive ? bounds.loExact : bounds.loExact.subtract(BigDecimal.ONE);
      found.add(
          new NearMiss(pointer, pointer, "range", "below the minimum: " + below, number(below)));
    }
    if (schema.has("maximum") || schema.path("exclusiveMaximum").isNumber()) {
      Bounds bounds = Bounds.of(schema, false);
      BigDecimal above = bounds.hiExclusive ? bounds.hiExact : bounds.hiExact.add(BigDecimal.ONE);
      found.add(
          new NearMiss(pointer, pointer, "range", "above the maximum: " + above, number(above)));
    }
  }

  private static JsonNode number(BigDecimal value) {
    return value.scale() <= 0 ? NODES.numberNode(value.longValueExact()) : NODES.numberNode(value);
  }

  private static void length(JsonNode schema, String text, String pointer, List<NearMiss> found) {
    int min = schema.path("minLength").asInt(0);
    if (min > 0 && text.length() >= min) {
      found.add(
          new NearMiss(
              pointer,
              pointer,
              "length",
              "shorter than minLength " + min,
              NODES.stringNode(text.substring(0, min - 1))));
    }
    if (schema.has("maxLength")) {
      int max = schema.get("maxLength").asInt();
      found.add(
          new NearMiss(
              pointer,
              pointer,
              "length",
              "longer than maxLength " + max,
              NODES.stringNode(text + "x".repeat(Math.max(1, max + 1 - text.length())))));
    }
  }

  private void items(
      ContractFiles.Located located,
      ArrayNode value,
      String pointer,
      List<NearMiss> found,
      int depth) {
    JsonNode schema = located.node();
    int min = schema.path("minItems").asInt(0);
    if (min > 0 && value.size() >= min) {
      ArrayNode fewer = NODES.arrayNode();
      for (int i = 0; i < min - 1; i++) {
        fewer.add(value.get(i));
      }
      found.add(new NearMiss(pointer, pointer, "items", "fewer than minItems " + min, fewer));
    }
    if (schema.has("maxItems") && !value.isEmpty()) {
      int max = schema.get("maxItems").asInt();
      ArrayNode more = value.deepCopy();
      while (more.size() <= max) {
        more.add(value.get(0));
      }
      found.add(new NearMiss(pointer, pointer, "items", "more than maxItems " + max, more));
    }
    ContractFiles.Located items = located.child("items");
    if (items != null && !schema.has("prefixItems") && !value.isEmpty()) {
      nearMisses(items, value.get(0), pointer + "/0", found, depth + 1);
    }
  }

  private void properties(
      ContractFiles.Located located,
      JsonNode value,
      String pointer,
      List<NearMiss> found,
      int depth) {
    JsonNode schema = located.node();
    for (JsonNode name : schema.path("required")) {
      if (value.has(name.asString())) {
        found.add(
            new NearMiss(
                pointer + "/" + ContractFiles.escape(name.asString()),
                pointer,
                "required",
                "required property '" + name.asString() + "' removed",
                null));
      }
    }
    ContractFiles.Located properties = located.child("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
      String name = "unexpected";
      while (value.has(name) || (properties != null && properties.node().has(name))) {
        name += "_";
      }
      found.add(
          new NearMiss(
              pointer + "/" + name,
              pointer,
              "unknown-property",
              "property '" + name + "' added (additionalProperties: false)",
              NODES.numberNode(1)));
    }
    if (properties == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> property : value.properties()) {
      ContractFiles.Located declared = properties.child(property.getKey());
      if (declared != null) {
        nearMisses(
            declared,
            property.getValue(),
            pointer + "/" + ContractFiles.escape(property.getKey()),
            found,
            depth + 1);
      }
    }
  }
}
