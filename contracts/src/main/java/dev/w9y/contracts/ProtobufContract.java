package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.guest.CodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Protocol Buffers over HTTP/JSON, bodies checked in the proto3 JSON mapping. The message types
 * come from {@code .proto} sources (compiled on the JVM by {@link ProtoSources}, no protoc needed)
 * or a descriptor set (what {@code protoc --include_imports --descriptor_set_out=api.desc} writes);
 * the routes from the rpcs' {@code google.api.http} annotations as gRPC transcoding reads them
 * ({@link TranscodedRoutes}) or from a routes file:
 *
 * <pre>{@code
 * descriptorSet: api.desc        # or proto: api.proto
 * routes:                        # leave out to take the google.api.http annotations
 *   - route: POST /v1/orders
 *     request: shop.v1.CreateOrder
 *     responses:
 *       200: shop.v1.Order
 *       503: {message: shop.v1.Error, example: {code: "UNAVAILABLE"}}
 * }</pre>
 *
 * A topology can also name the {@code .proto} file itself ({@code contract: {protobuf:
 * shop.proto}}): its annotations are the routes.
 */
public final class ProtobufContract {
  private ProtobufContract() {}

  /**
   * Loads a {@code .proto} file (routes from its annotations) or a routes file and what it names.
   *
   * @throws IllegalArgumentException one line naming the file and the line or JSON pointer
   */
  public static Contract load(Path file) {
    if (file.getFileName().toString().endsWith(".proto")) {
      ProtoSources.Compiled compiled = ProtoSources.compile(file);
      String name = "contract " + file.getFileName();
      ProtoTypes types = new ProtoTypes(compiled.files(), name);
      return new OperationContract(
          CodeIdentity.of("protobuf", file.getFileName().toString(), compiled.sources()),
          name,
          TranscodedRoutes.operations(types, name, compiled.rpcLocations()));
    }
    ContractFiles files = ContractFiles.read(file);
    String name = files.name(files.root());
    ProtoTypes types;
    Map<String, String> rpcLocations = new LinkedHashMap<>();
    if (files.tree().has("proto")) {
      ContractFiles.Located protoNode = fileKey(files, name, "/proto", "the .proto file");
      Path protoFile = files.root().getParent().resolve(protoNode.node().asString()).normalize();
      ProtoSources.Compiled compiled = ProtoSources.compile(protoFile);
      Path protoDir = protoFile.toAbsolutePath().getParent();
      for (String source : compiled.sources().keySet()) {
        files.include(protoDir.resolve(source));
      }
      types = new ProtoTypes(compiled.files(), "contract " + name + " at /proto");
      rpcLocations.putAll(compiled.rpcLocations());
    } else {
      ContractFiles.Located setNode =
          fileKey(files, name, "/descriptorSet", "the descriptor set's file (or proto:)");
      Path setFile = files.root().getParent().resolve(setNode.node().asString()).normalize();
      types =
          new ProtoTypes(
              descriptorSet(setFile, name, files), "contract " + name + " at /descriptorSet");
    }
    List<Operation> operations =
        files.tree().has("routes")
            ? RoutesFile.operations(
                files,
                name,
                (route, method, template) -> route(types, name, route, method, template))
            : TranscodedRoutes.operations(types, "contract " + name, rpcLocations);
    return new OperationContract(files.identity("protobuf"), "contract " + name, operations);
  }

  private static ContractFiles.Located fileKey(
      ContractFiles files, String name, String pointer, String expected) {
    ContractFiles.Located node = files.at(files.root(), pointer);
    if (!node.node().isString()) {
      throw new IllegalArgumentException(
          "contract " + name + " at " + pointer + ": expected " + expected);
    }
    return node;
  }

  private static Operation route(
      ProtoTypes types,
      String name,
      ContractFiles.Located route,
      String method,
      PathTemplate template) {
    Map<String, BodySchema> request = new LinkedHashMap<>();
    ContractFiles.Located body = route.child("request");
    if (body != null) {
      request.put("application/json", body(types, name, body, null));
    }
    Map<String, Operation.ResponseSpec> responses = new LinkedHashMap<>();
    ContractFiles.Located declared = route.child("responses");
    if (declared != null) {
      for (Map.Entry<String, JsonNode> entry : declared.node().properties()) {
        ContractFiles.Located response = declared.child(entry.getKey());
        Map<String, BodySchema> content = new LinkedHashMap<>();
        if (response.node().isString()) {
          content.put("application/json", body(types, name, response, null));
        } else if (response.child("message") != null) {
          content.put(
              "application/json",
              body(types, name, response.child("message"), response.node().get("example")));
        }
        responses.put(entry.getKey(), new Operation.ResponseSpec(content, List.of()));
      }
    }
    return new Operation(method, template, List.of(), body != null, request, responses);
  }

  private static BodySchema body(
      ProtoTypes types, String name, ContractFiles.Located at, JsonNode example) {
    Descriptor type = types.type(at.node().asString());
    if (type == null) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at "
              + at.pointer()
              + ": no message type '"
              + at.node().asString()
              + "' in the descriptor set (types: "
              + types.typeNames()
              + ")");
    }
    ProtobufBody body = new ProtobufBody(type, types.registry(), null);
    if (example != null && !body.check(example).isEmpty()) {
      throw new IllegalArgumentException(
          "contract "
              + name
              + " at "
              + at.pointer()
              + ": the example is not a "
              + type.getFullName());
    }
    return new ProtobufBody(type, types.registry(), example != null ? example : emptyObject());
  }

  private static JsonNode emptyObject() {
    return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  /** The files of the descriptor set in {@code setFile}, counted in the contract's identity. */
  private static List<FileDescriptorProto> descriptorSet(
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
    return set.getFileList();
  }
}
