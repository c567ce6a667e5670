package dev.w9y.contracts;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A value that must be a message type in the proto3 JSON mapping, checked by protobuf-java-util's
 * own parser (unknown fields, wrong types, bad enum names, out-of-range numbers are rejected). The
 * parser reports the first problem without a location, so a violation points at the whole value.
 *
 * <p>With a field path ({@link #field}) the value is one field of the message, as gRPC transcoding
 * carries it in a path variable, a query parameter or a {@code body: "shelf"} body: it is checked
 * by parsing {@code {"shelf": value}} as the message.
 */
final class ProtobufBody implements BodySchema {
  private final Descriptor type;
  private final List<String> path;
  private final String parameterType;
  private final JsonFormat.Parser parser;
  private final JsonNode example;
  private final SchemaValues values;

  ProtobufBody(Descriptor type, JsonFormat.TypeRegistry registry, JsonNode example) {
    this(type, List.of(), "string", registry, example);
  }

  private ProtobufBody(
      Descriptor type,
      List<String> path,
      String parameterType,
      JsonFormat.TypeRegistry registry,
      JsonNode example) {
    this.type = type;
    this.path = List.copyOf(path);
    this.parameterType = parameterType;
    this.parser = JsonFormat.parser().usingTypeRegistry(registry);
    this.example = example;
    this.values = new ProtobufValues(type);
  }

  @Override
  public SchemaValues values() {
    return values;
  }

  /**
   * The field {@code path} (proto field names, outermost first) of {@code type}, already checked to
   * exist; a repeated field's value is a JSON array.
   */
  static ProtobufBody field(
      Descriptor type, List<FieldDescriptor> path, JsonFormat.TypeRegistry registry) {
    List<String> names = path.stream().map(FieldDescriptor::getName).toList();
    FieldDescriptor leaf = path.get(path.size() - 1);
    return new ProtobufBody(type, names, leaf.isRepeated() ? "array" : "string", registry, null);
  }

  @Override
  public List<Problem> check(JsonNode value) {
    JsonNode whole = value;
    for (int i = path.size() - 1; i >= 0; i--) {
      ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
      wrapper.set(path.get(i), whole);
      whole = wrapper;
    }
    try {
      parser.merge(whole.toString(), DynamicMessage.newBuilder(type));
      return List.of();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      String of =
          path.isEmpty() ? type.getFullName() : type.getFullName() + "." + String.join(".", path);
      return List.of(
          new Problem("", "proto3 JSON of " + of, ContractFiles.firstLine(e.getMessage())));
    }
  }

  /** Path and query values are text; proto3 JSON accepts numbers and booleans quoted too. */
  @Override
  public String parameterType() {
    return parameterType;
  }

  @Override
  public SchemaView view() {
    return SchemaView.of(type);
  }

  @Override
  public JsonNode example() {
    return example;
  }
}
