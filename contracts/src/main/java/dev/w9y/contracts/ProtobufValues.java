package dev.w9y.contracts;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.w9y.scheduler.RandomStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages of a protobuf type in the proto3 JSON mapping, generated from its descriptor: each field
 * present or not (one field of a oneof at most), 64-bit integers as strings, enums by name, bytes
 * in base64, repeated fields and maps with a few entries, nested messages, the well-known types in
 * their JSON forms. Numbers are at their type's bounds one time in four.
 *
 * <p>Near misses change one field (a wrong JSON type, an unknown enum name, a 32-bit number out of
 * range) or add a field the type does not have. protobuf's parser reports the first problem without
 * a location, so every near miss is reported at the whole body.
 */
final class ProtobufValues implements SchemaValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 5;

  private final Descriptor type;

  ProtobufValues(Descriptor type) {
    this.type = type;
  }

  @Override
  public JsonNode valid(RandomStream random) {
    return message(type, random, 0);
  }

  private ObjectNode message(Descriptor descriptor, RandomStream random, int depth) {
    ObjectNode object = NODES.objectNode();
    List<OneofDescriptor> oneofsUsed = new ArrayList<>();
    for (FieldDescriptor field : descriptor.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null && oneofsUsed.contains(oneof)) {
        continue;
      }
      boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if ((message && depth >= MAX_DEPTH) || random.nextInt(4) == 0) {
        continue;
      }
      if (oneof != null) {
        oneofsUsed.add(oneof);
      }
      JsonNode value = field(field, random, depth);
      if (value != null) {
        object.set(field.getJsonName(), value);
      }
    }
    return object;
  }

  private JsonNode field(FieldDescriptor field, RandomStream random, int depth) {
    if (field.isMapField()) {
      FieldDescriptor key = field.getMessageType().findFieldByName("key");
      FieldDescriptor value = field.getMessageType().findFieldByName("value");
      ObjectNode map = NODES.objectNode();
      int entries = random.nextInt(3);
      for (int i = 0; i < entries; i++) {
        JsonNode item = single(value, random, depth + 1);
        if (item != null) {
          map.set(single(key, random, depth + 1).asString(), item);
        }
      }
      return map;
    }
    if (field.isRepeated()) {
      ArrayNode array = NODES.arrayNode();
      int items = random.nextInt(4);
      for (int i = 0; i < items; i++) {
        JsonNode item = single(field, random, depth + 1);
        if (item != null) {
          array.add(item);
        }
      }
      return array;
    }
    return single(field, random, depth);
  }

  /** One value of the field's type (a map key as a JSON string, as the mapping writes keys). */
  private JsonNode single(FieldDescriptor field, RandomStream random, int depth) {
    boolean edge = random.nextInt(4) == 0;
    return switch (field.getType()) {
      case INT32, SINT32, SFIXED32 ->
          numberOrKey(
              field,
              edge
                  ? (random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                  : random.nextLong(-1000, 1000));
      case UINT32, FIXED32 -> numberOrKey(field, edge ? 4294967295L : random.nextLong(0, 1000));
      case INT64, SINT64, SFIXED64 ->
          NODES.stringNode(Long.toString(edge ? Long.MAX_VALUE : random.nextLong(-1000, 1000)));
      case UINT64, FIXED64 ->
          NODES.stringNode(edge ? "18446744073709551615" : Long.toString(random.nextLong(0, 1000)));
      case FLOAT, DOUBLE -> NODES.numberNode(random.nextLong(-1000, 1000) / 4.0);
      case BOOL ->
          field.getContainingType().getOptions().getMapEntry()
              ? NODES.stringNode(Boolean.toString(random.nextBoolean()))
              : NODES.booleanNode(random.nextBoolean());
      case STRING -> NODES.stringNode("s" + random.nextInt(1000));
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(9)];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
        yield NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
      }
      case ENUM -> {
        List<EnumValueDescriptor> values = field.getEnumType().getValues();
        yield NODES.stringNode(values.get(random.nextInt(values.size())).getName());
      }
      case MESSAGE, GROUP -> wellKnown(field.getMessageType(), random, depth);
    };
  }

  private static JsonNode numberOrKey(FieldDescriptor field, long value) {
    return field.getContainingType().getOptions().getMapEntry()
        ? NODES.stringNode(Long.toString(value))
        : NODES.numberNode(value);
  }

  /**
   * The JSON forms of the well-known types; null for {@code Any} (left out: it needs a type URL).
   */
  private JsonNode wellKnown(Descriptor message, RandomStream random, int depth) {
    return switch (message.getFullName()) {
      case "google.protobuf.Timestamp" ->
          NODES.stringNode("2026-01-0" + (1 + random.nextInt(9)) + "T00:00:00Z");
      case "google.protobuf.Duration" -> NODES.stringNode(random.nextInt(3600) + "s");
      case "google.protobuf.FieldMask" -> NODES.stringNode("a.b");
      case "google.protobuf.Struct" -> NODES.objectNode();
      case "google.protobuf.Value" -> NODES.stringNode("v");
      case "google.protobuf.ListValue" -> NODES.arrayNode();
      case "google.protobuf.Any" -> null;
      case "google.protobuf.StringValue", "google.protobuf.BytesValue" -> NODES.stringNode("");
      case "google.protobuf.BoolValue" -> NODES.booleanNode(random.nextBoolean());
      case "google.protobuf.Int64Value", "google.protobuf.UInt64Value" ->
          NODES.stringNode(Long.toString(random.nextLong(0, 1000)));
      case "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.FloatValue",
          "google.protobuf.DoubleValue" ->
          NODES.numberNode(random.nextLong(0, 1000));
      default -> message(message, random, depth + 1);
    };
  }

  @Override
  public List<NearMiss> nearMisses(JsonNode valid) {
    List<NearMiss> found = new ArrayList<>();
    nearMisses(type, valid, "", found);
    return found;
  }

  private void nearMisses(
      Descriptor descriptor, JsonNode value, String pointer, List<NearMiss> found) {
    if (!value.isObject() || descriptor.getFullName().startsWith("google.protobuf.")) {
      return;
    }
    String unknown = "unknownField";
    while (descriptor.findFieldByName(unknown) != null || value.has(unknown)) {
      unknown += "X";
    }
    found.add(
        new NearMiss(
            pointer + "/" + unknown,
            "",
            "unknown-property",
            "field '" + unknown + "' that " + descriptor.getFullName() + " does not have",
            NODES.numberNode(1)));
    for (FieldDescriptor field : descriptor.getFields()) {
      String at = pointer + "/" + field.getJsonName();
      JsonNode present = value.get(field.getJsonName());
      if (field.isMapField() || (field.isRepeated() && present == null)) {
        continue;
      }
      if (field.isRepeated()) {
        found.add(
            new NearMiss(
                at, "", "type", "repeated field " + at + " not a list", NODES.stringNode("x")));
        continue;
      }
      JsonNode wrong =
          switch (field.getJavaType()) {
            case INT, LONG, FLOAT, DOUBLE -> NODES.stringNode("seven");
            case BOOLEAN -> NODES.stringNode("maybe");
            case STRING, BYTE_STRING, MESSAGE -> NODES.arrayNode();
            case ENUM ->
                NODES.stringNode(
                    "NOT_A_" + field.getEnumType().getName().toUpperCase(java.util.Locale.ROOT));
          };
      String mistake =
          field.getJavaType() == FieldDescriptor.JavaType.ENUM
              ? "unknown enum name at " + at
              : "wrong type at " + at + ": " + wrong;
      found.add(
          new NearMiss(
              at,
              "",
              field.getJavaType() == FieldDescriptor.JavaType.ENUM ? "enum" : "type",
              mistake,
              wrong));
      if (field.getType() == FieldDescriptor.Type.INT32
          || field.getType() == FieldDescriptor.Type.SINT32
          || field.getType() == FieldDescriptor.Type.SFIXED32) {
        found.add(
            new NearMiss(
                at, "", "range", "out of the int32 range at " + at, NODES.numberNode(2147483648L)));
      }
      if (present != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        nearMisses(field.getMessageType(), present, at, found);
      }
    }
  }
}
