package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Operations from the rpcs' {@code option (google.api.http)} annotations, mapped as gRPC
 * transcoding maps them (google/api/http.proto): path variables are request fields, {@code body:
 * "*"} is the whole request message, {@code body: "field"} that field, and every other field
 * reachable through singular messages may be a query parameter ({@code
 * ?page_size=10&filter.kind=BOOK}, by proto or JSON name); the answer is the response message
 * ({@code response_body: "field"}: that field) with status 200, and any JSON error (transcoding's
 * {@code google.rpc.Status}) with another status. Rpcs without the annotation are not HTTP
 * operations and are left out.
 */
final class TranscodedRoutes {
  /** How deep query parameters follow nested messages (recursive types stop here too). */
  private static final int MAX_QUERY_DEPTH = 8;

  private TranscodedRoutes() {}

  /**
   * @param where how errors name the contract ({@code contract shop.proto})
   * @param rpcLocations {@code shop.v1.Shop.Get} to {@code shop.proto:12:3}, where known
   */
  static List<Operation> operations(
      ProtoTypes types, String where, Map<String, String> rpcLocations) {
    List<Operation> operations = new ArrayList<>();
    for (ProtoTypes.File file : types.files()) {
      List<ServiceDescriptor> services = file.descriptor().getServices();
      for (int s = 0; s < services.size(); s++) {
        ServiceDescriptorProto serviceProto = file.proto().getService(s);
        List<MethodDescriptor> methods = services.get(s).getMethods();
        for (int m = 0; m < methods.size(); m++) {
          MethodDescriptor method = methods.get(m);
          MethodDescriptorProto methodProto = serviceProto.getMethod(m);
          String location = rpcLocations.get(method.getFullName());
          String rpc =
              (location == null ? where : "contract " + location)
                  + ": rpc "
                  + method.getFullName()
                  + " option (google.api.http)";
          List<HttpRule> rules;
          try {
            rules = HttpRule.of(methodProto.getOptions());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rpc + " " + e.getMessage());
          }
          if (!rules.isEmpty() && (method.isClientStreaming() || method.isServerStreaming())) {
            throw new IllegalArgumentException(
                rpc + ": streaming rpcs are not checked over HTTP/JSON");
          }
          for (HttpRule rule : rules) {
            try {
              operations.add(operation(types, method, rule));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  rpc + " " + rule.describe() + ": " + e.getMessage());
            }
          }
        }
      }
    }
    return operations;
  }

  private static Operation operation(ProtoTypes types, MethodDescriptor method, HttpRule rule) {
    PathTemplate template = PathTemplate.transcoding(rule.path());
    Descriptor input = method.getInputType();
    List<Operation.Parameter> parameters = new ArrayList<>();
    Set<String> bound = new TreeSet<>();
    for (String variable : template.variables()) {
      List<FieldDescriptor> path = fieldPath(input, variable);
      FieldDescriptor leaf = path.get(path.size() - 1);
      if (leaf.isRepeated() || isPlainMessage(leaf)) {
        throw new IllegalArgumentException(
            "path variable '" + variable + "' must be a singular scalar field");
      }
      bound.add(variable);
      parameters.add(
          new Operation.Parameter(
              variable, "path", true, ProtobufBody.field(input, path, types.registry())));
    }
    Map<String, BodySchema> request = new LinkedHashMap<>();
    if (rule.body().equals("*")) {
      request.put("application/json", new ProtobufBody(input, types.registry(), null));
    } else if (!rule.body().isEmpty()) {
      FieldDescriptor field = input.findFieldByName(rule.body());
      if (field == null) {
        throw new IllegalArgumentException(
            "body names no field of " + input.getFullName() + " (fields: " + names(input) + ")");
      }
      request.put("application/json", ProtobufBody.field(input, List.of(field), types.registry()));
      bound.add(field.getName());
    }
    if (!rule.body().equals("*")) {
      queryParameters(types, input, input, new ArrayList<>(), bound, parameters);
    }
    Descriptor output = method.getOutputType();
    BodySchema answer;
    if (rule.responseBody().isEmpty()) {
      answer = new ProtobufBody(output, types.registry(), JsonNodeFactory.instance.objectNode());
    } else {
      FieldDescriptor field = output.findFieldByName(rule.responseBody());
      if (field == null) {
        throw new IllegalArgumentException(
            "response_body names no field of "
                + output.getFullName()
                + " (fields: "
                + names(output)
                + ")");
      }
      answer = ProtobufBody.field(output, List.of(field), types.registry());
    }
    Map<String, Operation.ResponseSpec> responses = new LinkedHashMap<>();
    responses.put("200", spec(answer));
    // An error is transcoding's google.rpc.Status in JSON; its details are not checked.
    responses.put("default", spec(null));
    return new Operation(rule.method(), template, parameters, false, request, responses);
  }

  private static Operation.ResponseSpec spec(BodySchema body) {
    Map<String, BodySchema> content = new LinkedHashMap<>();
    content.put("application/json", body);
    return new Operation.ResponseSpec(content, List.of());
  }

  /** {@code book.name} in {@code type}: each step but the last a singular message field. */
  private static List<FieldDescriptor> fieldPath(Descriptor type, String dotted) {
    List<FieldDescriptor> path = new ArrayList<>();
    Descriptor current = type;
    for (String name : dotted.split("\\.")) {
      if (current == null) {
        throw new IllegalArgumentException(
            "'"
                + dotted
                + "' goes through "
                + path.get(path.size() - 1).getName()
                + ", not a message");
      }
      FieldDescriptor field = current.findFieldByName(name);
      if (field == null) {
        throw new IllegalArgumentException(
            "no field '"
                + name
                + "' in "
                + current.getFullName()
                + " (fields: "
                + names(current)
                + ")");
      }
      path.add(field);
      current =
          field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
              ? field.getMessageType()
              : null;
    }
    return path;
  }

  /**
   * Every field a query parameter may set: scalars, enums, well-known types written as one JSON
   * string or number ({@code Timestamp}, wrappers), repeated scalars; nested singular messages by
   * dotted name. Fields the path or body binds are left out.
   */
  private static void queryParameters(
      ProtoTypes types,
      Descriptor root,
      Descriptor type,
      List<FieldDescriptor> prefix,
      Set<String> bound,
      List<Operation.Parameter> into) {
    for (FieldDescriptor field : type.getFields()) {
      List<FieldDescriptor> path = new ArrayList<>(prefix);
      path.add(field);
      String protoName = dotted(path, false);
      if (bound.contains(protoName) || field.isMapField()) {
        continue;
      }
      if (isPlainMessage(field)) {
        if (!field.isRepeated() && prefix.size() + 1 < MAX_QUERY_DEPTH) {
          queryParameters(types, root, field.getMessageType(), path, bound, into);
        }
        continue;
      }
      ProtobufBody schema = ProtobufBody.field(root, path, types.registry());
      into.add(new Operation.Parameter(protoName, "query", false, schema));
      String jsonName = dotted(path, true);
      if (!jsonName.equals(protoName)) {
        into.add(new Operation.Parameter(jsonName, "query", false, schema));
      }
    }
  }

  /** A message field that is not a well-known type with a scalar JSON form. */
  private static boolean isPlainMessage(FieldDescriptor field) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return false;
    }
    String name = field.getMessageType().getFullName();
    return !(name.startsWith("google.protobuf.")
        && (name.endsWith("Value") && !name.equals("google.protobuf.Value")
            || name.equals("google.protobuf.Timestamp")
            || name.equals("google.protobuf.Duration")
            || name.equals("google.protobuf.FieldMask")));
  }

  private static String dotted(List<FieldDescriptor> path, boolean json) {
    List<String> names = new ArrayList<>();
    for (FieldDescriptor field : path) {
      names.add(json ? field.getJsonName() : field.getName());
    }
    return String.join(".", names);
  }

  private static List<String> names(Descriptor type) {
    return type.getFields().stream().map(FieldDescriptor::getName).toList();
  }
}
