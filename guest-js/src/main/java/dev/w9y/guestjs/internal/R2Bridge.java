package dev.w9y.guestjs.internal;

import dev.w9y.core.r2.R2Handle;
import dev.w9y.core.r2.R2Object;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host functions behind an R2 bucket binding (prelude: r2.js). Options cross as JSON text (as
 * workerd sends them to R2), bodies as binary strings, objects come back as JSON text; each
 * operation is a promise settled when its event has run.
 */
final class R2Bridge implements PlatformBridge {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public String kind() {
    return "r2";
  }

  @Override
  public void define(
      Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define) {
    R2Handle r2 = (R2Handle) handle;
    // head(key, resolve, reject) -> null or object JSON
    define.accept(
        "head",
        args -> {
          instance.settleLater(
              "r2.head", r2.head(args[0].asString()), args[1], args[2], R2Bridge::object);
          return null;
        });
    // get(key, options JSON, resolve, reject) -> null or [object JSON, body or null]
    define.accept(
        "get",
        args -> {
          JsonNode options = parse(args[1]);
          instance.settleLater(
              "r2.get",
              r2.get(args[0].asString(), conditional(options.get("onlyIf")), range(options)),
              args[2],
              args[3],
              read ->
                  read == null
                      ? null
                      : ProxyArray.fromArray(
                          object(read.object()),
                          read.body() == null ? null : Wire.binary(read.body())));
          return null;
        });
    // put(key, body, options JSON, resolve, reject) -> null or object JSON
    define.accept(
        "put",
        args -> {
          JsonNode options = parse(args[2]);
          Map<String, String> checksums = strings(options.get("checksums"));
          R2Handle.PutOptions put =
              new R2Handle.PutOptions(
                  httpMetadata(options.get("httpMetadata")),
                  strings(options.get("customMetadata")),
                  conditional(options.get("onlyIf")),
                  checksums);
          instance.settleLater(
              "r2.put",
              r2.put(args[0].asString(), Wire.bytes(args[1].asString()), put),
              args[3],
              args[4],
              R2Bridge::object);
          return null;
        });
    // delete(keys JSON, resolve, reject)
    define.accept(
        "delete",
        args -> {
          List<String> keys = new ArrayList<>();
          for (JsonNode key : parse(args[0])) {
            keys.add(key.asString());
          }
          instance.settleLater("r2.delete", r2.delete(keys), args[1], args[2], v -> null);
          return null;
        });
    // list(options JSON, resolve, reject) -> page JSON
    define.accept(
        "list",
        args -> {
          JsonNode options = parse(args[0]);
          List<String> include = new ArrayList<>();
          options.path("include").forEach(value -> include.add(value.asString()));
          R2Handle.ListOptions list =
              new R2Handle.ListOptions(
                  text(options, "prefix"),
                  options.hasNonNull("limit") ? options.get("limit").asInt() : null,
                  text(options, "cursor"),
                  text(options, "delimiter"),
                  text(options, "startAfter"),
                  include.contains("httpMetadata"),
                  include.contains("customMetadata"));
          instance.settleLater("r2.list", r2.list(list), args[1], args[2], R2Bridge::page);
          return null;
        });
    // createMultipartUpload(key, options JSON, resolve, reject) -> upload id
    define.accept(
        "createMultipartUpload",
        args -> {
          JsonNode options = parse(args[1]);
          instance.settleLater(
              "r2.createMultipartUpload",
              r2.createMultipartUpload(
                  args[0].asString(),
                  httpMetadata(options.get("httpMetadata")),
                  strings(options.get("customMetadata"))),
              args[2],
              args[3],
              id -> id);
          return null;
        });
    // uploadPart(key, uploadId, partNumber, body, resolve, reject) -> etag
    define.accept(
        "uploadPart",
        args -> {
          instance.settleLater(
              "r2.uploadPart",
              r2.uploadPart(
                  args[0].asString(),
                  args[1].asString(),
                  args[2].asInt(),
                  Wire.bytes(args[3].asString())),
              args[4],
              args[5],
              etag -> etag);
          return null;
        });
    // completeMultipartUpload(key, uploadId, parts JSON, resolve, reject) -> object JSON
    define.accept(
        "completeMultipartUpload",
        args -> {
          List<R2Handle.UploadedPart> parts = new ArrayList<>();
          for (JsonNode part : parse(args[2])) {
            parts.add(
                new R2Handle.UploadedPart(part.get("part").asInt(), part.get("etag").asString()));
          }
          instance.settleLater(
              "r2.completeMultipartUpload",
              r2.completeMultipartUpload(args[0].asString(), args[1].asString(), parts),
              args[3],
              args[4],
              R2Bridge::object);
          return null;
        });
    // abortMultipartUpload(key, uploadId, resolve, reject)
    define.accept(
        "abortMultipartUpload",
        args -> {
          instance.settleLater(
              "r2.abortMultipartUpload",
              r2.abortMultipartUpload(args[0].asString(), args[1].asString()),
              args[2],
              args[3],
              v -> null);
          return null;
        });
  }

  private static JsonNode parse(Value json) {
    return JSON.readTree(json.asString());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    }
    return map;
  }

  private static R2Object.HttpMetadata httpMetadata(JsonNode node) {
    if (node == null || node.isNull()) {
      return R2Object.HttpMetadata.NONE;
    }
    return new R2Object.HttpMetadata(
        text(node, "contentType"),
        text(node, "contentLanguage"),
        text(node, "contentDisposition"),
        text(node, "contentEncoding"),
        text(node, "cacheControl"),
        number(node, "cacheExpiry"));
  }

  private static R2Handle.Conditional conditional(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return new R2Handle.Conditional(
        etags(node.get("etagMatches")),
        etags(node.get("etagDoesNotMatch")),
        number(node, "uploadedBefore"),
        number(node, "uploadedAfter"),
        node.path("secondsGranularity").asBoolean(false));
  }

  private static List<R2Handle.Etag> etags(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    List<R2Handle.Etag> etags = new ArrayList<>();
    for (JsonNode etag : node) {
      R2Handle.Etag.Type type =
          R2Handle.Etag.Type.valueOf(
              etag.get("type").asString().toUpperCase(java.util.Locale.ROOT));
      etags.add(new R2Handle.Etag(type, text(etag, "value")));
    }
    return etags;
  }

  private static R2Handle.RangeRequest range(JsonNode options) {
    if (options.hasNonNull("rangeHeader")) {
      return new R2Handle.RangeRequest(null, null, null, options.get("rangeHeader").asString());
    }
    JsonNode range = options.get("range");
    if (range == null || range.isNull()) {
      return null;
    }
    return new R2Handle.RangeRequest(
        number(range, "offset"), number(range, "length"), number(range, "suffix"), null);
  }

  /** An object as r2.js reads it: null fields left out. */
  private static String object(R2Object object) {
    return object == null ? null : objectNode(object).toString();
  }

  private static ObjectNode objectNode(R2Object object) {
    ObjectNode node = JSON.createObjectNode();
    node.put("key", object.key());
    node.put("version", object.version());
    node.put("size", object.size());
    node.put("etag", object.etag());
    node.put("uploaded", object.uploadedMillis());
    ObjectNode http = node.putObject("httpMetadata");
    R2Object.HttpMetadata h = object.httpMetadata();
    putIfSet(http, "contentType", h.contentType());
    putIfSet(http, "contentLanguage", h.contentLanguage());
    putIfSet(http, "contentDisposition", h.contentDisposition());
    putIfSet(http, "contentEncoding", h.contentEncoding());
    putIfSet(http, "cacheControl", h.cacheControl());
    if (h.cacheExpiryMillis() != null) {
      http.put("cacheExpiry", h.cacheExpiryMillis());
    }
    ObjectNode custom = node.putObject("customMetadata");
    object.customMetadata().forEach(custom::put);
    ObjectNode checksums = node.putObject("checksums");
    object.checksums().forEach(checksums::put);
    if (object.range() != null) {
      ObjectNode range = node.putObject("range");
      range.put("offset", object.range().offset());
      range.put("length", object.range().length());
    }
    return node;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String page(R2Handle.ListPage page) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode objects = node.putArray("objects");
    page.objects().forEach(object -> objects.add(objectNode(object)));
    node.put("truncated", page.truncated());
    if (page.cursor() != null) {
      node.put("cursor", page.cursor());
    }
    ArrayNode prefixes = node.putArray("delimitedPrefixes");
    page.delimitedPrefixes().forEach(prefixes::add);
    return node.toString();
  }
}
