package dev.w9y.contracts.diff;

import dev.w9y.contracts.SchemaView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Compares two JSON Schemas (their {@code $ref}s followed through the contract's own files) and
 * says, for each difference, whether the new one allows fewer or more values ({@link Effect}); the
 * caller turns that into a severity by the direction the values flow. Written for the schemas
 * contracts use (types, properties, required, enum, items, bounds, formats, combinators); what it
 * does not know it does not report.
 */
final class SchemaDiff {
  /** Where the differences go. */
  interface Sink {
    void add(ChangeKind kind, String pointer, Effect effect, String message);
  }

  private static final List<String> LOWER_BOUNDS =
      List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
  private static final List<String> UPPER_BOUNDS =
      List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

  private final Sink sink;
  // Pairs of schema locations already compared: recursive schemas end here.
  private final Set<String> compared = new LinkedHashSet<>();

  SchemaDiff(Sink sink) {
    this.sink = sink;
  }

  /** Compares {@code before} with {@code after} (null: any value) at {@code pointer}. */
  void compare(SchemaView before, SchemaView after, String pointer) {
    if (before == null || after == null) {
      if (before != after) {
        boolean added = before == null;
        sink.add(
            ChangeKind.CONSTRAINT_CHANGED,
            pointer,
            added ? Effect.NARROWS : Effect.WIDENS,
            added ? "a schema now constrains what was any value" : "any value is now allowed");
      }
      return;
    }
    SchemaView a = before.resolved();
    SchemaView b = after.resolved();
    if (!compared.add(a.location() + " " + b.location())) {
      return;
    }
    JsonNode x = a.node();
    JsonNode y = b.node();
    if (!x.isObject() || !y.isObject()) {
      if (!x.equals(y)) {
        sink.add(
            ChangeKind.CONSTRAINT_CHANGED,
            pointer,
            Effect.REPLACES,
            "schema " + x + " is now " + y);
      }
      return;
    }
    if (!types(pointer, x, y)) {
      return; // unrelated types: what is inside them is not worth comparing
    }
    enums(pointer, x, y);
    keyword(pointer, x, y, "const");
    keyword(pointer, x, y, "format");
    keyword(pointer, x, y, "pattern");
    keyword(pointer, x, y, "multipleOf");
    for (String bound : LOWER_BOUNDS) {
      bound(pointer, x, y, bound, true);
    }
    for (String bound : UPPER_BOUNDS) {
      bound(pointer, x, y, bound, false);
    }
    if (!x.path("uniqueItems").asBoolean(false) && y.path("uniqueItems").asBoolean(false)) {
      sink.add(ChangeKind.CONSTRAINT_CHANGED, pointer, Effect.NARROWS, "items must now be unique");
    } else if (x.path("uniqueItems").asBoolean(false) && !y.path("uniqueItems").asBoolean(false)) {
      sink.add(ChangeKind.CONSTRAINT_CHANGED, pointer, Effect.WIDENS, "items may now repeat");
    }
    properties(a, b, pointer);
    additional(a, b, pointer);
    if (x.has("items") && y.has("items") && x.get("items").isObject()) {
      compare(a.child("items"), b.child("items"), pointer + "/*");
    }
    combinator(a, b, pointer, "anyOf", true);
    combinator(a, b, pointer, "oneOf", true);
    combinator(a, b, pointer, "allOf", false);
  }

  /** Returns false when the types have nothing in common. */
  private boolean types(String pointer, JsonNode x, JsonNode y) {
    Set<String> before = types(x);
    Set<String> after = types(y);
    if (before.equals(after)) {
      return true;
    }
    if (before.isEmpty() || after.isEmpty()) {
      boolean narrowed = before.isEmpty();
      sink.add(
          ChangeKind.TYPE_CHANGED,
          pointer,
          narrowed ? Effect.NARROWS : Effect.WIDENS,
          narrowed ? "type restricted to " + text(after) : "type " + text(before) + " lifted");
      return true;
    }
    boolean narrows = accepts(before, after);
    boolean widens = accepts(after, before);
    Effect effect = narrows ? Effect.NARROWS : widens ? Effect.WIDENS : Effect.REPLACES;
    String verb = narrows ? "narrowed" : widens ? "widened" : "changed";
    sink.add(
        ChangeKind.TYPE_CHANGED,
        pointer,
        effect,
        "type " + verb + " from " + text(before) + " to " + text(after));
    for (String type : before) {
      if (accepts(after, List.of(type))) {
        return true;
      }
    }
    return false;
  }

  /** The declared types, {@code nullable: true} (OpenAPI 3.0) as {@code null}; empty: any. */
  private static Set<String> types(JsonNode schema) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.get("type");
    if (type != null && type.isString()) {
      types.add(type.asString());
    } else if (type != null && type.isArray()) {
      type.forEach(item -> types.add(item.asString()));
    }
    if (!types.isEmpty() && schema.path("nullable").asBoolean(false)) {
      types.add("null");
    }
    return types;
  }

  /** Whether a value of any type in {@code inner} is one of {@code outer} (integer is a number). */
  private static boolean accepts(Set<String> outer, java.util.Collection<String> inner) {
    for (String type : inner) {
      if (!outer.contains(type) && !(type.equals("integer") && outer.contains("number"))) {
        return false;
      }
    }
    return true;
  }

  private void enums(String pointer, JsonNode x, JsonNode y) {
    JsonNode before = x.get("enum");
    JsonNode after = y.get("enum");
    if (before == null && after == null) {
      return;
    }
    if (before == null || after == null) {
      boolean added = before == null;
      sink.add(
          ChangeKind.CONSTRAINT_CHANGED,
          pointer,
          added ? Effect.NARROWS : Effect.WIDENS,
          added ? "values now limited to " + after : "values no longer limited to " + before);
      return;
    }
    Set<String> old = jsonTexts(before);
    Set<String> now = jsonTexts(after);
    for (String value : old) {
      if (!now.contains(value)) {
        sink.add(
            ChangeKind.ENUM_VALUE_REMOVED,
            pointer,
            Effect.NARROWS,
            "enum value " + value + " removed");
      }
    }
    for (String value : now) {
      if (!old.contains(value)) {
        sink.add(
            ChangeKind.ENUM_VALUE_ADDED, pointer, Effect.WIDENS, "enum value " + value + " added");
      }
    }
  }

  /** A keyword whose appearance narrows, whose removal widens and whose change replaces. */
  private void keyword(String pointer, JsonNode x, JsonNode y, String name) {
    JsonNode before = x.get(name);
    JsonNode after = y.get(name);
    if (before == null ? after == null : before.equals(after)) {
      return;
    }
    Effect effect =
        before == null ? Effect.NARROWS : after == null ? Effect.WIDENS : Effect.REPLACES;
    sink.add(ChangeKind.CONSTRAINT_CHANGED, pointer, effect, changed(name, before, after));
  }

  private void bound(String pointer, JsonNode x, JsonNode y, String name, boolean lower) {
    JsonNode before = x.get(name);
    JsonNode after = y.get(name);
    if (before == null && after == null) {
      return;
    }
    if ((before != null && !before.isNumber()) || (after != null && !after.isNumber())) {
      keyword(pointer, x, y, name); // OpenAPI 3.0's boolean exclusiveMinimum: changed or not
      return;
    }
    if (before != null
        && after != null
        && before.decimalValue().compareTo(after.decimalValue()) == 0) {
      return;
    }
    boolean tighter =
        before == null
            || (after != null
                && (lower
                    ? after.decimalValue().compareTo(before.decimalValue()) > 0
                    : after.decimalValue().compareTo(before.decimalValue()) < 0));
    sink.add(
        ChangeKind.CONSTRAINT_CHANGED,
        pointer,
        tighter ? Effect.NARROWS : Effect.WIDENS,
        changed(name, before, after));
  }

  /** {@code minimum 2 added}, {@code minimum 1 removed}, {@code minimum changed from 1 to 2}. */
  private static String changed(String name, JsonNode before, JsonNode after) {
    return before == null
        ? name + " " + after + " added"
        : after == null
            ? name + " " + before + " removed"
            : name + " changed from " + before + " to " + after;
  }

  private void properties(SchemaView a, SchemaView b, String pointer) {
    JsonNode x = a.node();
    JsonNode y = b.node();
    Set<String> requiredBefore = texts(x.get("required"));
    Set<String> requiredAfter = texts(y.get("required"));
    Set<String> names = new TreeSet<>(requiredBefore);
    names.addAll(requiredAfter);
    x.path("properties").propertyNames().forEach(names::add);
    y.path("properties").propertyNames().forEach(names::add);
    for (String name : names) {
      String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
      boolean inBefore = x.path("properties").has(name);
      boolean inAfter = y.path("properties").has(name);
      boolean wasRequired = requiredBefore.contains(name);
      boolean isRequired = requiredAfter.contains(name);
      if (inBefore && !inAfter && !isRequired) {
        if (wasRequired) {
          sink.add(
              ChangeKind.PROPERTY_REMOVED,
              at,
              Effect.WIDENS,
              "required property '" + name + "' removed");
        } else if (closed(y)) {
          sink.add(
              ChangeKind.PROPERTY_REMOVED,
              at,
              Effect.NARROWS,
              "property '" + name + "' removed and no longer accepted");
        } else {
          sink.add(
              ChangeKind.PROPERTY_REMOVED,
              at,
              Effect.NEUTRAL,
              "optional property '" + name + "' removed");
        }
        continue;
      }
      if (!wasRequired && isRequired) {
        sink.add(
            ChangeKind.PROPERTY_BECAME_REQUIRED,
            at,
            Effect.NARROWS,
            inBefore || !inAfter
                ? "property '" + name + "' became required"
                : "new required property '" + name + "'");
      } else if (wasRequired && !isRequired) {
        sink.add(
            ChangeKind.PROPERTY_BECAME_OPTIONAL,
            at,
            Effect.WIDENS,
            "property '" + name + "' became optional");
      }
      if (!inBefore && inAfter && !isRequired) {
        sink.add(
            ChangeKind.PROPERTY_ADDED,
            at,
            closed(x) ? Effect.WIDENS : Effect.NEUTRAL,
            "optional property '" + name + "' added");
      }
      if ((inBefore && inAfter) || (inBefore != inAfter && wasRequired && isRequired)) {
        // Required on both sides but declared on one only: its schema appeared or went away.
        compare(
            inBefore ? a.child("properties").child(name) : null,
            inAfter ? b.child("properties").child(name) : null,
            at);
      }
    }
  }

  private static boolean closed(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isBoolean() && !additional.asBoolean();
  }

  private void additional(SchemaView a, SchemaView b, String pointer) {
    JsonNode before = a.node().get("additionalProperties");
    JsonNode after = b.node().get("additionalProperties");
    boolean closedBefore = closed(a.node());
    boolean closedAfter = closed(b.node());
    if (!closedBefore && closedAfter) {
      sink.add(
          ChangeKind.CONSTRAINT_CHANGED,
          pointer,
          Effect.NARROWS,
          "other properties no longer accepted");
    } else if (closedBefore && !closedAfter) {
      sink.add(
          ChangeKind.CONSTRAINT_CHANGED, pointer, Effect.WIDENS, "other properties now accepted");
    } else if (before != null && after != null && before.isObject() && after.isObject()) {
      compare(a.child("additionalProperties"), b.child("additionalProperties"), pointer + "/*");
    }
  }

  /**
   * Branches compared by position; an added {@code anyOf}/{@code oneOf} branch allows more, an
   * added {@code allOf} branch fewer.
   */
  private void combinator(SchemaView a, SchemaView b, String pointer, String name, boolean union) {
    JsonNode before = a.node().get(name);
    JsonNode after = b.node().get(name);
    int countBefore = before != null && before.isArray() ? before.size() : 0;
    int countAfter = after != null && after.isArray() ? after.size() : 0;
    for (int i = 0; i < Math.min(countBefore, countAfter); i++) {
      compare(
          a.child(name).child(String.valueOf(i)),
          b.child(name).child(String.valueOf(i)),
          pointer + "/" + name + "/" + i);
    }
    if (countBefore != countAfter && countBefore > 0 && countAfter > 0) {
      boolean more = countAfter > countBefore;
      sink.add(
          ChangeKind.CONSTRAINT_CHANGED,
          pointer + "/" + name,
          more == union ? Effect.WIDENS : Effect.NARROWS,
          name + " has " + countAfter + " branches instead of " + countBefore);
    } else if ((countBefore == 0) != (countAfter == 0)) {
      sink.add(
          ChangeKind.CONSTRAINT_CHANGED,
          pointer + "/" + name,
          Effect.REPLACES,
          name + (countBefore == 0 ? " added" : " removed"));
    }
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    if (array != null && array.isArray()) {
      array.forEach(item -> texts.add(item.isString() ? item.asString() : item.toString()));
    }
    return texts;
  }

  private static Set<String> jsonTexts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(item -> texts.add(item.toString()));
    return texts;
  }

  private static String text(Set<String> types) {
    return types.size() == 1 ? types.iterator().next() : types.toString();
  }
}
