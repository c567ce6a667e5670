package dev.w9y.contracts;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A body that must be a message type in the proto3 JSON mapping, checked by protobuf-java-util's
 * own parser (unknown fields, wrong types, bad enum names, out-of-range numbers are rejected). The
 * parser reports the first problem without a location, so a violation points at the whole body.
 */
final class ProtobufBody implements BodySchema {
  private final Descriptor type;
  private final JsonFormat.Parser parser;
  private final JsonNode example;

  ProtobufBody(Descriptor type, JsonFormat.TypeRegistry registry, JsonNode example) {
    this.type = type;
    this.parser = JsonFormat.parser().usingTypeRegistry(registry);
    this.example = example;
  }

  @Override
  public List<Problem> check(JsonNode value) {
    try {
      parser.merge(value.toString(), DynamicMessage.newBuilder(type));
      return List.of();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return List.of(
          new Problem(
              "", "proto3 JSON of " + type.getFullName(), ContractFiles.firstLine(e.getMessage())));
    }
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
