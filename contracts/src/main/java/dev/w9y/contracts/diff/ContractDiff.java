package dev.w9y.contracts.diff;

import dev.w9y.contracts.ContractModel;
import dev.w9y.contracts.ContractModel.OperationView;
import dev.w9y.contracts.ContractModel.ParameterView;
import dev.w9y.contracts.ContractModel.ResponseView;
import dev.w9y.contracts.SchemaView;
import dev.w9y.contracts.diff.Effect.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes from one version of a contract to the next, operation by operation, each judged from
 * the old version's callers' side: a request the callee accepts must not shrink (a new required
 * field, a removed enum value, a narrowed type, a parameter that became required), a response it
 * may send must not grow (a removed required field, an added enum value, a widened type, a status
 * it did not declare). {@code w9y contract diff} prints this.
 */
public final class ContractDiff {
  private final List<Change> changes = new ArrayList<>();

  private ContractDiff() {}

  /**
   * Loads both files (the same format) and compares them.
   *
   * @throws IllegalArgumentException when either does not load, or their formats differ
   */
  public static DiffReport compare(Path before, Path after) {
    return compare(ContractModel.load(before), ContractModel.load(after));
  }

  public static DiffReport compare(ContractModel before, ContractModel after) {
    boolean protobuf = before.format().equals("protobuf");
    if (protobuf != after.format().equals("protobuf")
        || before.format().startsWith("openapi") != after.format().startsWith("openapi")) {
      throw new IllegalArgumentException(
          "cannot compare a " + before.format() + " contract with a " + after.format() + " one");
    }
    ContractDiff diff = new ContractDiff();
    Map<String, OperationView> old = byKey(before);
    Map<String, OperationView> now = byKey(after);
    TreeSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      diff.operation(old.get(key), now.get(key));
    }
    return new DiffReport(diff.changes);
  }

  /**
   * Operations by path (parameter names dropped: {@code /orders/{id}} is {@code /orders/{orderId}})
   * then method, so the report lists them in that order.
   */
  private static Map<String, OperationView> byKey(ContractModel model) {
    Map<String, OperationView> byKey = new TreeMap<>();
    for (OperationView operation : model.operations()) {
      byKey.put(
          operation.path().replaceAll("\\{[^}/]*}", "{}") + " " + operation.method(), operation);
    }
    return byKey;
  }

  private void operation(OperationView before, OperationView after) {
    if (after == null) {
      add(
          before,
          Direction.REQUEST,
          ChangeKind.OPERATION_REMOVED,
          "",
          Effect.NARROWS,
          "operation removed: old callers get no such route or method");
      return;
    }
    if (before == null) {
      add(
          after,
          Direction.REQUEST,
          ChangeKind.OPERATION_ADDED,
          "",
          Effect.WIDENS,
          "operation added");
      return;
    }
    parameters(before, after);
    requestBody(before, after);
    responses(before, after);
  }

  private void parameters(OperationView before, OperationView after) {
    Map<String, ParameterView> old = parametersByKey(before);
    Map<String, ParameterView> now = parametersByKey(after);
    TreeSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      ParameterView a = old.get(key);
      ParameterView b = now.get(key);
      ParameterView either = b != null ? b : a;
      String at = "/request/" + either.in() + "/" + escape(either.name());
      String name = either.in() + " parameter '" + either.name() + "'";
      if (b == null) {
        add(
            after,
            Direction.REQUEST,
            ChangeKind.PARAMETER_REMOVED,
            at,
            Effect.WIDENS,
            name + " removed");
      } else if (a == null) {
        add(
            after,
            Direction.REQUEST,
            ChangeKind.PARAMETER_ADDED,
            at,
            b.required() ? Effect.NARROWS : Effect.NEUTRAL,
            (b.required() ? "required " : "optional ") + name + " added");
      } else {
        if (!a.required() && b.required()) {
          add(
              after,
              Direction.REQUEST,
              ChangeKind.PARAMETER_BECAME_REQUIRED,
              at,
              Effect.NARROWS,
              name + " became required");
        } else if (a.required() && !b.required()) {
          add(
              after,
              Direction.REQUEST,
              ChangeKind.PARAMETER_BECAME_OPTIONAL,
              at,
              Effect.WIDENS,
              name + " became optional");
        }
        schemas(after, Direction.REQUEST, a.schema(), b.schema(), at);
      }
    }
  }

  /** Path parameters by position (their names may change), the others by where and name. */
  private static Map<String, ParameterView> parametersByKey(OperationView operation) {
    List<String> pathNames = new ArrayList<>();
    java.util.regex.Matcher names =
        java.util.regex.Pattern.compile("\\{([^}/]*)}").matcher(operation.path());
    while (names.find()) {
      pathNames.add(names.group(1));
    }
    Map<String, ParameterView> byKey = new LinkedHashMap<>();
    for (ParameterView parameter : operation.parameters()) {
      String key =
          parameter.in().equals("path")
              ? "path #" + pathNames.indexOf(parameter.name())
              : parameter.in() + " " + parameter.name().toLowerCase(Locale.ROOT);
      byKey.put(key, parameter);
    }
    return byKey;
  }

  private void requestBody(OperationView before, OperationView after) {
    boolean hadBody = !before.requestBodies().isEmpty();
    boolean hasBody = !after.requestBodies().isEmpty();
    if (hadBody && !hasBody) {
      add(
          after,
          Direction.REQUEST,
          ChangeKind.REQUEST_BODY_REMOVED,
          "/request/body",
          Effect.NARROWS,
          "request body removed: a body old callers send is refused");
      return;
    }
    if (!hadBody && hasBody) {
      add(
          after,
          Direction.REQUEST,
          ChangeKind.REQUEST_BODY_ADDED,
          "/request/body",
          after.bodyRequired() ? Effect.NARROWS : Effect.WIDENS,
          (after.bodyRequired() ? "required" : "optional") + " request body added");
      return;
    }
    if (!before.bodyRequired() && after.bodyRequired()) {
      add(
          after,
          Direction.REQUEST,
          ChangeKind.REQUEST_BODY_BECAME_REQUIRED,
          "/request/body",
          Effect.NARROWS,
          "request body became required");
    } else if (before.bodyRequired() && !after.bodyRequired()) {
      add(
          after,
          Direction.REQUEST,
          ChangeKind.REQUEST_BODY_BECAME_OPTIONAL,
          "/request/body",
          Effect.WIDENS,
          "request body became optional");
    }
    content(after, Direction.REQUEST, before.requestBodies(), after.requestBodies(), "/request");
  }

  /** Bodies by media type: {@code /request/body} for JSON, {@code /request/content/TYPE} else. */
  private void content(
      OperationView operation,
      Direction direction,
      Map<String, SchemaView> before,
      Map<String, SchemaView> after,
      String prefix) {
    TreeSet<String> types = new TreeSet<>(before.keySet());
    types.addAll(after.keySet());
    for (String type : types) {
      String at =
          type.equalsIgnoreCase("application/json")
              ? prefix + "/body"
              : prefix + "/content/" + escape(type);
      if (!after.containsKey(type)) {
        add(
            operation,
            direction,
            ChangeKind.MEDIA_TYPE_REMOVED,
            at,
            Effect.NARROWS,
            "media type " + type + " removed");
      } else if (!before.containsKey(type)) {
        add(
            operation,
            direction,
            ChangeKind.MEDIA_TYPE_ADDED,
            at,
            Effect.WIDENS,
            "media type " + type + " added");
      } else {
        schemas(operation, direction, before.get(type), after.get(type), at);
      }
    }
  }

  private void responses(OperationView before, OperationView after) {
    TreeSet<String> statuses = new TreeSet<>(before.responses().keySet());
    statuses.addAll(after.responses().keySet());
    for (String status : statuses) {
      ResponseView old = before.responses().get(status);
      ResponseView now = after.responses().get(status);
      String at = "/responses/" + status;
      if (now == null && covering(after, status) == null) {
        add(
            after,
            Direction.RESPONSE,
            ChangeKind.STATUS_REMOVED,
            at,
            Effect.NARROWS,
            "status " + status + " no longer declared");
      } else if (old == null && covering(before, status) == null) {
        add(
            after,
            Direction.RESPONSE,
            ChangeKind.STATUS_ADDED,
            at,
            Effect.WIDENS,
            "status " + status + " added: old callers do not expect it");
      } else {
        response(
            after,
            old != null ? old : covering(before, status),
            now != null ? now : covering(after, status),
            at);
      }
    }
  }

  /** The response a status with no entry of its own falls under: its range, then default. */
  private static ResponseView covering(OperationView operation, String status) {
    if (status.length() == 3
        && Character.isDigit(status.charAt(0))
        && Character.isDigit(status.charAt(2))) {
      ResponseView range = operation.responses().get(status.charAt(0) + "XX");
      if (range == null) {
        range = operation.responses().get(status.charAt(0) + "xx");
      }
      if (range != null) {
        return range;
      }
    }
    return status.equals("default") ? null : operation.responses().get("default");
  }

  private void response(
      OperationView operation, ResponseView before, ResponseView after, String at) {
    TreeSet<String> headers = new TreeSet<>(before.headers());
    headers.addAll(after.headers());
    for (String header : headers) {
      String where = at + "/header/" + escape(header.toLowerCase(Locale.ROOT));
      if (!after.headers().contains(header)) {
        add(
            operation,
            Direction.RESPONSE,
            ChangeKind.RESPONSE_HEADER_REMOVED,
            where,
            Effect.WIDENS,
            "required header " + header + " no longer promised");
      } else if (!before.headers().contains(header)) {
        add(
            operation,
            Direction.RESPONSE,
            ChangeKind.RESPONSE_HEADER_ADDED,
            where,
            Effect.NARROWS,
            "required header " + header + " added");
      }
    }
    content(operation, Direction.RESPONSE, before.content(), after.content(), at);
  }

  private void schemas(
      OperationView operation,
      Direction direction,
      SchemaView before,
      SchemaView after,
      String at) {
    SchemaDiff.Sink sink =
        (kind, pointer, effect, message) ->
            add(operation, direction, kind, pointer, effect, message);
    if (before != null && after != null && before.message() != null && after.message() != null) {
      new MessageDiff(sink).compare(before.message(), after.message(), at);
    } else {
      new SchemaDiff(sink).compare(before, after, at);
    }
  }

  private void add(
      OperationView operation,
      Direction direction,
      ChangeKind kind,
      String pointer,
      Effect effect,
      String message) {
    String where = direction == Direction.REQUEST ? "request" : "response";
    changes.add(
        new Change(
            kind,
            operation.name(),
            pointer,
            effect.severity(direction),
            kind == ChangeKind.OPERATION_ADDED || kind == ChangeKind.OPERATION_REMOVED
                ? message
                : where + ": " + message));
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
