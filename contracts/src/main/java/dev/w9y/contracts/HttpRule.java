package dev.w9y.contracts;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One binding of an rpc's {@code option (google.api.http)} ({@code google/api/http.proto}'s
 * HttpRule): the HTTP method and path template, which request field is the body ({@code "*"}: the
 * whole message, empty: none) and which response field is the response body (empty: the whole
 * message). Read from the method options' bytes (extension 72295728), so neither the generated
 * googleapis classes nor an extension registry are needed, for descriptor sets and .proto sources
 * alike.
 */
record HttpRule(String method, String path, String body, String responseBody) {
  /** The extension number of {@code google.api.http} on {@code MethodOptions}. */
  static final int EXTENSION = 72295728;

  /** {@code get: ...} etc. by HttpRule field number (2..6); 8 is {@code custom}. */
  private static final String[] METHODS = {null, null, "GET", "PUT", "POST", "DELETE", "PATCH"};

  /**
   * The rule and its {@code additional_bindings}, in order; empty if the method has no annotation.
   *
   * @throws IllegalArgumentException when the annotation names no pattern or several
   */
  static List<HttpRule> of(MethodOptions options) {
    UnknownFieldSet.Field field = options.getUnknownFields().getField(EXTENSION);
    List<HttpRule> rules = new ArrayList<>();
    if (field != null) {
      for (ByteString bytes : field.getLengthDelimitedList()) {
        read(bytes, true, rules);
      }
    }
    return rules;
  }

  private static void read(ByteString bytes, boolean top, List<HttpRule> into) {
    UnknownFieldSet rule = parse(bytes);
    String method = null;
    String path = null;
    for (int number = 2; number <= 6; number++) {
      String value = string(rule, number);
      if (value != null) {
        if (method != null) {
          throw new IllegalArgumentException(
              "sets both "
                  + method.toLowerCase(Locale.ROOT)
                  + " and "
                  + METHODS[number].toLowerCase(Locale.ROOT));
        }
        method = METHODS[number];
        path = value;
      }
    }
    if (rule.hasField(8)) {
      if (method != null) {
        throw new IllegalArgumentException(
            "sets both " + method.toLowerCase(Locale.ROOT) + " and custom");
      }
      UnknownFieldSet custom = parse(rule.getField(8).getLengthDelimitedList().get(0));
      method = string(custom, 1);
      path = string(custom, 2);
      if (method == null || method.isEmpty() || path == null) {
        throw new IllegalArgumentException("custom needs both kind and path");
      }
      method = method.toUpperCase(Locale.ROOT);
    }
    if (method == null) {
      throw new IllegalArgumentException(
          "names no HTTP method (one of get, put, post, delete, patch, custom)");
    }
    String body = string(rule, 7);
    String responseBody = string(rule, 12);
    into.add(
        new HttpRule(
            method, path, body == null ? "" : body, responseBody == null ? "" : responseBody));
    if (rule.hasField(11)) {
      if (!top) {
        throw new IllegalArgumentException("additional_bindings may not nest");
      }
      for (ByteString nested : rule.getField(11).getLengthDelimitedList()) {
        read(nested, false, into);
      }
    }
  }

  private static UnknownFieldSet parse(ByteString bytes) {
    try {
      return UnknownFieldSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("is not a google.api.HttpRule: " + e.getMessage());
    }
  }

  /** The last value of string field {@code number} (proto3: the last one wins), or null. */
  private static String string(UnknownFieldSet message, int number) {
    if (!message.hasField(number)) {
      return null;
    }
    List<ByteString> values = message.getField(number).getLengthDelimitedList();
    return values.isEmpty() ? null : values.get(values.size() - 1).toStringUtf8();
  }

  /** {@code get: "/v1/x" body: "*"}: how errors name the binding. */
  String describe() {
    return method.toLowerCase(Locale.ROOT)
        + " '"
        + path
        + "'"
        + (body.isEmpty() ? "" : " body '" + body + "'");
  }
}
