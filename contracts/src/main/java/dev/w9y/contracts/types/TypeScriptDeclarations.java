package dev.w9y.contracts.types;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.w9y.contracts.ContractModel;
import dev.w9y.contracts.ContractModel.OperationView;
import dev.w9y.contracts.ContractModel.ParameterView;
import dev.w9y.contracts.ContractModel.ResponseView;
import dev.w9y.contracts.SchemaView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * TypeScript declarations ({@code .d.ts}) for a contract, for editor support in Workers that call
 * or implement it: one declaration per named schema (a {@code $ref} target, or a protobuf message),
 * one interface per operation (its method, path, parameters, request body and response bodies by
 * status), an {@code Operations} map from {@code "METHOD /path"} to them, and the typed face of
 * {@code w9y.contract(service)}. Declarations follow the schemas as the loaders read them; what
 * TypeScript cannot say (bounds, formats, patterns) is left out.
 */
public final class TypeScriptDeclarations {
  // Named declarations by schema location, in the order first met: the output's order.
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Set<String> taken = new LinkedHashSet<>();
  private final List<String> declarations = new ArrayList<>();

  private TypeScriptDeclarations() {}

  /** Writes {@code <contract file name without extension>.d.ts} into {@code outDir}. */
  public static Path write(Path contract, Path outDir) {
    String file = contract.getFileName().toString();
    String base = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
    String text = of(ContractModel.load(contract), file);
    try {
      Files.createDirectories(outDir);
      Path out = outDir.resolve(base + ".d.ts");
      Files.writeString(out, text, StandardCharsets.UTF_8);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the declarations into " + outDir, e);
    }
  }

  /** The declarations of {@code model}; {@code source} names it in the header comment. */
  public static String of(ContractModel model, String source) {
    TypeScriptDeclarations types = new TypeScriptDeclarations();
    List<String> operations = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (OperationView operation : model.operations()) {
      String name = types.unique(operationName(operation) + "Operation");
      operations.add(types.operation(operation, name));
      entries.add("  " + quote(operation.name()) + ": " + name + ";");
    }
    StringBuilder out = new StringBuilder();
    out.append("// Declarations for the contract ")
        .append(source)
        .append(" (")
        .append(model.format())
        .append("), written by w9y contract types.\n\n");
    for (String declaration : types.declarations) {
      out.append(declaration).append('\n');
    }
    for (String operation : operations) {
      out.append(operation).append('\n');
    }
    out.append("/** Every operation of the contract by \"METHOD /path\". */\n");
    out.append("export interface Operations {\n");
    entries.forEach(entry -> out.append(entry).append('\n'));
    out.append("}\n\n");
    out.append(CLIENT);
    return out.toString();
  }

  private static final String CLIENT =
      """
      /** The body of operation K's response with status S. */
      export type ResponseBody<K extends keyof Operations, S extends keyof Operations[K]["responses"] =
        keyof Operations[K]["responses"]> = Operations[K]["responses"][S];

      /** What w9y.contract(service) returns for a service with this contract. */
      export interface ServiceContract {
        readonly service: string;
        parse<K extends keyof Operations>(
          response: Response, request?: Request | { method: string; path?: string; url?: string }
        ): Promise<ResponseBody<K>>;
        parseRequest<K extends keyof Operations>(request: Request): Promise<Operations[K]["request"]>;
        validate<K extends keyof Operations>(operation: K, value: Operations[K]["request"]): Operations[K]["request"];
        validate(
          operation: string | { method: string; path: string; status?: number }, value: unknown
        ): unknown;
      }
      """;

  private String operation(OperationView operation, String name) {
    StringBuilder out = new StringBuilder();
    out.append("/** ")
        .append(operation.name())
        .append(operation.operationId() == null ? "" : " (" + operation.operationId() + ")")
        .append(" */\n");
    out.append("export interface ").append(name).append(" {\n");
    out.append("  method: ").append(quote(operation.method())).append(";\n");
    out.append("  path: ").append(quote(operation.path())).append(";\n");
    out.append("  params: {\n");
    for (String in : List.of("path", "query", "header")) {
      List<String> fields = new ArrayList<>();
      for (ParameterView parameter : operation.parameters()) {
        if (parameter.in().equals(in)) {
          fields.add(
              property(parameter.name(), parameter.required())
                  + ": "
                  + type(parameter.schema(), "      ")
                  + ";");
        }
      }
      out.append("    ").append(in).append(": {");
      if (fields.isEmpty()) {
        out.append("};\n");
      } else {
        out.append('\n');
        fields.forEach(field -> out.append("      ").append(field).append('\n'));
        out.append("    };\n");
      }
    }
    out.append("  };\n");
    out.append("  request: ")
        .append(
            operation.requestBodies().isEmpty()
                ? "undefined"
                : bodies(operation.requestBodies(), "  "))
        .append(
            operation.requestBodies().isEmpty() || operation.bodyRequired() ? "" : " | undefined")
        .append(";\n");
    out.append("  responses: {");
    if (operation.responses().isEmpty()) {
      out.append("};\n");
    } else {
      out.append('\n');
      for (Map.Entry<String, ResponseView> response : operation.responses().entrySet()) {
        String key =
            response.getKey().matches("[0-9]+") ? response.getKey() : quote(response.getKey());
        ResponseView view = response.getValue();
        out.append("    ")
            .append(key)
            .append(": ")
            .append(view.content().isEmpty() ? "null" : bodies(view.content(), "    "))
            .append(";\n");
      }
      out.append("  };\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /** The body types of the media types, as one union (JSON bodies typed, others a string). */
  private String bodies(Map<String, SchemaView> content, String indent) {
    Set<String> types = new LinkedHashSet<>();
    for (Map.Entry<String, SchemaView> entry : content.entrySet()) {
      String mediaType = entry.getKey().toLowerCase(Locale.ROOT);
      boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
      types.add(json ? type(entry.getValue(), indent) : "string");
    }
    return String.join(" | ", types);
  }

  /** The TypeScript type of {@code schema} (null: any value), written at {@code indent}. */
  String type(SchemaView schema, String indent) {
    if (schema == null) {
      return "unknown";
    }
    if (schema.message() != null) {
      return named(schema.location(), schema.message().getName(), () -> message(schema.message()));
    }
    String ref = schema.refName();
    if (ref != null) {
      SchemaView target = schema.resolved();
      return named(target.location(), ref, () -> declaration(target));
    }
    return inline(schema, indent);
  }

  private String inline(SchemaView schema, String indent) {
    JsonNode node = schema.node();
    if (node.isBoolean()) {
      return node.asBoolean() ? "unknown" : "never";
    }
    if (!node.isObject()) {
      return "unknown";
    }
    if (node.has("const")) {
      return literal(node.get("const"));
    }
    if (node.has("enum") && node.get("enum").isArray()) {
      Set<String> values = new LinkedHashSet<>();
      node.get("enum").forEach(value -> values.add(literal(value)));
      return nullable(node, String.join(" | ", values));
    }
    for (String union : List.of("oneOf", "anyOf", "allOf")) {
      JsonNode branches = node.get(union);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
          types.add(paren(type(schema.child(union).child(String.valueOf(i)), indent)));
        }
        return nullable(node, String.join(union.equals("allOf") ? " & " : " | ", types));
      }
    }
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = node.get("type");
    List<String> declared = new ArrayList<>();
    if (type != null && type.isString()) {
      declared.add(type.asString());
    } else if (type != null && type.isArray()) {
      type.forEach(item -> declared.add(item.asString()));
    } else if (node.has("properties")) {
      declared.add("object");
    } else if (node.has("items")) {
      declared.add("array");
    }
    for (String one : declared) {
      types.add(
          switch (one) {
            case "string" -> "string";
            case "integer", "number" -> "number";
            case "boolean" -> "boolean";
            case "null" -> "null";
            case "array" ->
                node.has("items") ? paren(type(schema.child("items"), indent)) + "[]" : "unknown[]";
            case "object" -> object(schema, indent);
            default -> "unknown";
          });
    }
    return types.isEmpty() ? "unknown" : nullable(node, String.join(" | ", types));
  }

  private String object(SchemaView schema, String indent) {
    JsonNode node = schema.node();
    Set<String> required = new LinkedHashSet<>();
    node.path("required").forEach(name -> required.add(name.asString()));
    StringBuilder out = new StringBuilder("{\n");
    for (String name : node.path("properties").propertyNames()) {
      out.append(indent)
          .append("  ")
          .append(property(name, required.contains(name)))
          .append(": ")
          .append(type(schema.child("properties").child(name), indent + "  "))
          .append(";\n");
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null && (additional.isObject() || additional.asBoolean(false))) {
      out.append(indent)
          .append("  [key: string]: ")
          .append(
              additional.isObject()
                  ? type(schema.child("additionalProperties"), indent + "  ")
                  : "unknown")
          .append(";\n");
    }
    return out.append(indent).append('}').toString();
  }

  /** A named declaration: made once per schema location, referred to by name. */
  private String named(String location, String wanted, java.util.function.Supplier<String> body) {
    String name = names.get(location);
    if (name != null) {
      return name;
    }
    name = unique(identifier(wanted));
    names.put(location, name);
    int slot = declarations.size();
    declarations.add(""); // keeps first-met order even when the body names more schemas
    declarations.set(slot, "export type " + name + " = " + body.get() + ";\n");
    return name;
  }

  private String declaration(SchemaView schema) {
    return inline(schema, "");
  }

  /** A protobuf message in the proto3 JSON mapping: every field optional, by its JSON name. */
  private String message(Descriptor message) {
    StringBuilder out = new StringBuilder("{\n");
    for (FieldDescriptor field : message.getFields()) {
      String type;
      if (field.isMapField()) {
        FieldDescriptor value = field.getMessageType().findFieldByName("value");
        type = "Record<string, " + scalar(value) + ">";
      } else {
        type = scalar(field);
        if (field.isRepeated()) {
          type = paren(type) + "[]";
        }
      }
      out.append("  ")
          .append(property(field.getJsonName(), false))
          .append(": ")
          .append(type)
          .append(";\n");
    }
    return out.append('}').toString();
  }

  private String scalar(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case INT, FLOAT, DOUBLE -> "number";
      case LONG -> "string | number"; // proto3 JSON writes 64-bit integers as strings
      case BOOLEAN -> "boolean";
      case STRING, BYTE_STRING -> "string";
      case ENUM -> {
        Set<String> values = new LinkedHashSet<>();
        field.getEnumType().getValues().forEach(value -> values.add(quote(value.getName())));
        yield String.join(" | ", values);
      }
      case MESSAGE ->
          named(
              field.getMessageType().getFullName(),
              field.getMessageType().getName(),
              () -> message(field.getMessageType()));
    };
  }

  private String unique(String wanted) {
    String name = wanted;
    for (int i = 2; !taken.add(name); i++) {
      name = wanted + i;
    }
    return name;
  }

  /** {@code createOrder} becomes {@code CreateOrder}; without an id, {@code PostOrdersId}. */
  private static String operationName(OperationView operation) {
    if (operation.operationId() != null) {
      return identifier(operation.operationId());
    }
    return identifier(operation.method().toLowerCase(Locale.ROOT) + " " + operation.path());
  }

  /** PascalCase of the letters and digits of {@code text}, never starting with a digit. */
  static String identifier(String text) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : text.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
      out.insert(0, 'T');
    }
    return out.toString();
  }

  private static String property(String name, boolean required) {
    String key = name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : quote(name);
    return required ? key : key + "?";
  }

  private static String nullable(JsonNode node, String type) {
    return node.path("nullable").asBoolean(false) && !type.contains("null")
        ? type + " | null"
        : type;
  }

  private static String paren(String type) {
    return type.contains(" | ") || type.contains(" & ") ? "(" + type + ")" : type;
  }

  private static String literal(JsonNode value) {
    return value.isString() ? quote(value.asString()) : value.toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
