package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.w9y.core.contract.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Protocol Buffers over HTTP/JSON: message types from a descriptor set (what {@code protoc
 * --include_imports --descriptor_set_out=api.desc} writes; {@code .proto} sources are not compiled
 * here, there is no protoc on the JVM) mapped to routes by a routes file, bodies checked in the
 * proto3 JSON mapping:
 *
 * <pre>{@code
 * descriptorSet: api.desc
 * routes:
 *   - route: POST /v1/orders
 *     request: shop.v1.CreateOrder
 *     responses:
 *       200: shop.v1.Order
 *       503: {message: shop.v1.Error, example: {code: "UNAVAILABLE"}}
 * }</pre>
 *
 * Routes come from this file, not from {@code google.api.http} annotations.
 */
public final class ProtobufContract {
  private ProtobufContract() {}

  /**
   * Loads the routes file and the descriptor set it names.
   *
   * @throws IllegalArgumentException one line naming the file and the line or JSON pointer
   */
  public static Contract load(Path routes) {
    ContractFiles files = ContractFiles.read(routes);
    String name = files.name(files.root());
    ContractFiles.Located setNode = files.at(files.root(), "/descriptorSet");
    if (!setNode.node().isString()) {
      throw new IllegalArgumentException(
          "contract " + name + " at /descriptorSet: expected the descriptor set's file");
    }
    Path setFile = files.root().getParent().resolve(setNode.node().asString()).normalize();
    Map<String, Descriptor> types = messageTypes(setFile, name, files);
    JsonFormat.TypeRegistry registry =
        JsonFormat.TypeRegistry.newBuilder().add(types.values()).build();
    List<Operation> operations =
        RoutesFile.operations(
            files,
            name,
            (route, method, template) -> route(types, registry, name, route, method, template));
    return new OperationContract(files.identity("protobuf"), "contract " + name, operations);
  }

  private static Operation route(
      Map<String, Descriptor> types,
      JsonFormat.TypeRegistry registry,
      String name,
      ContractFiles.Located route,
      String method,
      PathTemplate template) {
    Map<String, BodySchema> request = new LinkedHashMap<>();
    ContractFiles.Located body = route.child("request");
    if (body != null) {
      request.put("application/json", body(types, registry, name, body, null));
    }
    Map<String, Operation.ResponseSpec> responses = new LinkedHashMap<>();
    ContractFiles.Located declared = route.child("responses");
    if (declared != null) {
      for (Map.Entry<String, JsonNode> entry : declared.node().properties()) {
        ContractFiles.Located response = declared.child(entry.getKey());
        Map<String, BodySchema> content = new LinkedHashMap<>();
        if (response.node().isString()) {
          content.put("application/json", body(types, registry, name, response, null));
        } else if (response.child("message") != null) {
          content.put(
              "application/json",
              body(
                  types,
                  registry,
                  name,
                  response.child("message"),
                  response.node().get("example")));
        }
        responses.put(entry.getKey(), new Operation.ResponseSpec(content, List.of()));
      }
    }
    return new Operation(method, template, List.of(), body != null, request, responses);
  }

  private static BodySchema body(
      Map<String, Descriptor> types,
      JsonFormat.TypeRegistry registry,
      String name,
      ContractFiles.Located at,
      JsonNode example) {
    Descriptor type = types.get(at.node().asString());
    if (type == null) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at "
              + at.pointer()
              + ": no message type '"
              + at.node().asString()
              + "' in the descriptor set (types: "
              + types.keySet()
              + ")");
    }
    ProtobufBody body = new ProtobufBody(type, registry, null);
    if (example != null && !body.check(example).isEmpty()) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at "
              + at.pointer()
              + ": the example is not a "
              + type.getFullName());
    }
    return new ProtobufBody(type, registry, example != null ? example : emptyObject());
  }

  private static JsonNode emptyObject() {
    return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  /** Every message type of the set by full name, nested ones included, in file order. */
  private static Map<String, Descriptor> messageTypes(
      Path setFile, String name, ContractFiles files) {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(Files.readAllBytes(setFile));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "contract " + name + " at /descriptorSet: not a descriptor set: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at /descriptorSet: cannot read "
              + setFile.getFileName()
              + ": "
              + e.getMessage());
    }
    files.include(setFile);
    Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    for (FileDescriptorProto proto : set.getFileList()) {
      protos.put(proto.getName(), proto);
    }
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    Map<String, Descriptor> types = new LinkedHashMap<>();
    for (String file : protos.keySet()) {
      for (Descriptor type : build(file, protos, built, name).getMessageTypes()) {
        collect(type, types);
      }
    }
    return types;
  }

  private static FileDescriptor build(
      String file,
      Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built,
      String name) {
    FileDescriptor done = built.get(file);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(file);
    if (proto == null) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at /descriptorSet: imports "
              + file
              + ", which the set does not hold (write it with protoc --include_imports)");
    }
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : proto.getDependencyList()) {
      dependencies.add(build(dependency, protos, built, name));
    }
    try {
      FileDescriptor descriptor =
          FileDescriptor.buildFrom(proto, dependencies.toArray(new FileDescriptor[0]));
      built.put(file, descriptor);
      return descriptor;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(
          "contract " + name + " at /descriptorSet: " + file + ": " + e.getMessage());
    }
  }

  private static void collect(Descriptor type, Map<String, Descriptor> into) {
    into.put(type.getFullName(), type);
    for (Descriptor nested : type.getNestedTypes()) {
      collect(nested, into);
    }
  }
}
