package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message types of a protobuf contract, linked from its {@code FileDescriptorProto}s (a
 * descriptor set, or what {@link ProtoSources} compiled): every file with its protobuf-java
 * descriptor, every message type by full name, and the type registry the JSON parser resolves
 * {@code Any} with.
 */
final class ProtoTypes {
  /** A file as written (its options keep the {@code google.api.http} bytes) and as linked. */
  record File(FileDescriptorProto proto, FileDescriptor descriptor) {}

  private final List<File> files = new ArrayList<>();
  private final Map<String, Descriptor> types = new LinkedHashMap<>();
  private final JsonFormat.TypeRegistry registry;

  /**
   * @param where how errors name the contract ({@code contract api.yaml at /descriptorSet})
   * @throws IllegalArgumentException when a file imports one the set lacks or does not link
   */
  ProtoTypes(List<FileDescriptorProto> protos, String where) {
    Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
    for (FileDescriptorProto proto : protos) {
      byName.put(proto.getName(), proto);
    }
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    for (String file : byName.keySet()) {
      FileDescriptor descriptor = build(file, byName, built, where);
      files.add(new File(byName.get(file), descriptor));
      for (Descriptor type : descriptor.getMessageTypes()) {
        collect(type);
      }
    }
    registry = JsonFormat.TypeRegistry.newBuilder().add(types.values()).build();
  }

  List<File> files() {
    return Collections.unmodifiableList(files);
  }

  /** The message type {@code fullName}, or null. */
  Descriptor type(String fullName) {
    return types.get(fullName);
  }

  java.util.Set<String> typeNames() {
    return Collections.unmodifiableSet(types.keySet());
  }

  JsonFormat.TypeRegistry registry() {
    return registry;
  }

  private static FileDescriptor build(
      String file,
      Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built,
      String where) {
    FileDescriptor done = built.get(file);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(file);
    if (proto == null) {
      throw new IllegalArgumentException(
          where
              + ": imports "
              + file
              + ", which the set does not hold (write it with protoc --include_imports)");
    }
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : proto.getDependencyList()) {
      dependencies.add(build(dependency, protos, built, where));
    }
    try {
      FileDescriptor descriptor =
          FileDescriptor.buildFrom(proto, dependencies.toArray(new FileDescriptor[0]));
      built.put(file, descriptor);
      return descriptor;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(where + ": " + file + ": " + e.getMessage());
    }
  }

  private void collect(Descriptor type) {
    types.put(type.getFullName(), type);
    for (Descriptor nested : type.getNestedTypes()) {
      collect(nested);
    }
  }
}
