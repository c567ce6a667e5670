package dev.w9y.contracts;

import com.google.protobuf.Descriptors.Descriptor;
import tools.jackson.databind.JsonNode;

/**
 * A schema of a loaded contract as data, for tools that compare or describe contracts ({@code
 * dev.w9y.contracts.diff}, {@code dev.w9y.contracts.types}): either a JSON Schema node where it is
 * written (a file and a JSON pointer, so {@code $ref}s resolve against the document they are in,
 * across files, through the files the loader already read) or a protobuf message type.
 */
public final class SchemaView {
  private final ContractFiles files;
  private final ContractFiles.Located at;
  private final Descriptor message;

  private SchemaView(ContractFiles files, ContractFiles.Located at, Descriptor message) {
    this.files = files;
    this.at = at;
    this.message = message;
  }

  static SchemaView of(ContractFiles files, ContractFiles.Located at) {
    return new SchemaView(files, at, null);
  }

  static SchemaView of(Descriptor message) {
    return new SchemaView(null, null, message);
  }

  /** The protobuf message type, or null for a JSON Schema. */
  public Descriptor message() {
    return message;
  }

  /** The schema node as written ({@code $ref} not followed); null for a protobuf message. */
  public JsonNode node() {
    return at == null ? null : at.node();
  }

  /** This schema with its {@code $ref} chain followed (itself when it has no {@code $ref}). */
  public SchemaView resolved() {
    if (at == null) {
      return this;
    }
    ContractFiles.Located target = files.deref(at);
    return target == at ? this : new SchemaView(files, target, null);
  }

  /**
   * The name of the schema this one's {@code $ref} names ({@code Order} of {@code
   * #/components/schemas/Order}, {@code order} of {@code order.json}), or null without a {@code
   * $ref}.
   */
  public String refName() {
    JsonNode ref = node() == null ? null : node().get("$ref");
    if (ref == null || !ref.isString()) {
      return null;
    }
    ContractFiles.Located target = files.deref(at);
    String pointer = target.pointer();
    if (!pointer.isEmpty()) {
      String last = pointer.substring(pointer.lastIndexOf('/') + 1);
      return last.replace("~1", "/").replace("~0", "~");
    }
    String file = target.file().getFileName().toString();
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /** The sub-schema under {@code key} of this node as written, or null. */
  public SchemaView child(String key) {
    ContractFiles.Located child = at == null ? null : at.child(key);
    return child == null ? null : new SchemaView(files, child, null);
  }

  /**
   * Where the schema is written, {@code schemas/order.yaml#/properties/id} (or a protobuf type's
   * full name): what tells two visits of one schema apart, for recursive schemas.
   */
  public String location() {
    return at == null ? message.getFullName() : files.name(at.file()) + "#" + at.pointer();
  }

  @Override
  public String toString() {
    return location();
  }
}
