package dev.w9y.contracts.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 1 of an orders API (resources contracts/diff/orders-v1.yaml) against a version 2 made by
 * one edit per change kind: each pair must give exactly the change it plants, with the severity a
 * caller of version 1 sees.
 */
class ContractDiffTest {
  private static final Path V1 = Path.of("src/test/resources/contracts/diff/orders-v1.yaml");

  @TempDir Path dir;

  /** Version 2: version 1 with {@code from} replaced by {@code to} (which must occur once). */
  private Path v2(String from, String to) {
    try {
      String text = Files.readString(V1);
      assertThat(text.indexOf(from)).as("fixture has " + from).isNotNegative();
      assertThat(text.indexOf(from, text.indexOf(from) + 1)).as("once: " + from).isNegative();
      Path file = dir.resolve("orders-v2.yaml");
      Files.writeString(file, text.replace(from, to));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> described(DiffReport report) {
    return report.changes().stream().map(Change::describe).toList();
  }

  private List<String> diff(String from, String to) {
    return described(ContractDiff.compare(V1, v2(from, to)));
  }

  @Test
  void aContractComparedWithItselfHasNoChanges() {
    DiffReport report = ContractDiff.compare(V1, V1);
    assertThat(report.changes()).isEmpty();
    assertThat(report.hasBreakingChanges()).isFalse();
  }

  @Test
  void aRemovedOperationBreaksAndAnAddedOneDoesNot() {
    assertThat(diff("    get:\n      operationId: getOrder", "    delete:\n      operationId: x"))
        .containsExactly(
            "NON_BREAKING operation-added DELETE /orders/{id}: operation added",
            "BREAKING operation-removed GET /orders/{id}: operation removed: old callers get no"
                + " such route or method");
  }

  @Test
  void aRenamedPathParameterIsTheSameOperation() {
    assertThat(
            diff(
                "/orders/{id}:\n    get:\n      operationId: getOrder\n      parameters:\n"
                    + "        - {name: id,",
                "/orders/{orderId}:\n    get:\n      operationId: getOrder\n      parameters:\n"
                    + "        - {name: orderId,"))
        .isEmpty();
  }

  @Test
  void aNewRequiredRequestFieldBreaks() {
    DiffReport report =
        ContractDiff.compare(
            V1, v2("required: [sku, quantity]\n", "required: [sku, quantity, note]\n"));
    assertThat(report.changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.kind()).isEqualTo(ChangeKind.PROPERTY_BECAME_REQUIRED);
              assertThat(change.operation()).isEqualTo("POST /orders");
              assertThat(change.pointer()).isEqualTo("/request/body/note");
              assertThat(change.severity()).isEqualTo(Severity.BREAKING);
              assertThat(change.message()).isEqualTo("request: property 'note' became required");
            });
    assertThat(report.hasBreakingChanges()).isTrue();
  }

  @Test
  void aRenamedRequiredRequestFieldBreaks() {
    assertThat(
            diff(
                "required: [sku, quantity]\n      properties:\n        sku: {type: string}\n"
                    + "        quantity:",
                "required: [sku, qty]\n      properties:\n        sku: {type: string}\n"
                    + "        qty:"))
        .containsExactly(
            "BREAKING property-became-required POST /orders /request/body/qty: request: new"
                + " required property 'qty'",
            "NON_BREAKING property-removed POST /orders /request/body/quantity: request: required"
                + " property 'quantity' removed");
  }

  @Test
  void aNarrowedRequestTypeBreaksAndANarrowedResponseTypeDoesNot() {
    assertThat(diff("weight: {type: number}", "weight: {type: integer}"))
        .containsExactly(
            "BREAKING type-changed POST /orders /request/body/weight: request: type narrowed from"
                + " number to integer");
    assertThat(diff("total: {type: number}", "total: {type: integer}"))
        .containsExactly(
            "NON_BREAKING type-changed POST /orders /responses/201/body/total: response: type"
                + " narrowed from number to integer",
            "NON_BREAKING type-changed GET /orders/{id} /responses/200/body/total: response: type"
                + " narrowed from number to integer");
  }

  @Test
  void aWidenedResponseTypeBreaksAndAnUnrelatedTypeBreaksBothWays() {
    assertThat(diff("        id: {type: integer}", "        id: {type: number}"))
        .containsExactly(
            "BREAKING type-changed POST /orders /responses/201/body/id: response: type widened"
                + " from integer to number",
            "BREAKING type-changed GET /orders/{id} /responses/200/body/id: response: type"
                + " widened from integer to number");
    assertThat(diff("note: {type: string}", "note: {type: boolean}"))
        .containsExactly(
            "BREAKING type-changed POST /orders /request/body/note: request: type changed from"
                + " string to boolean");
  }

  @Test
  void enumValuesRemovedFromRequestsAndAddedToResponsesBreak() {
    assertThat(diff("enum: [standard, express]", "enum: [standard]"))
        .containsExactly(
            "BREAKING enum-value-removed POST /orders /request/body/speed: request: enum value"
                + " \"express\" removed");
    assertThat(diff("enum: [standard, express]", "enum: [standard, express, drone]"))
        .containsExactly(
            "NON_BREAKING enum-value-added POST /orders /request/body/speed: request: enum value"
                + " \"drone\" added");
    assertThat(diff("enum: [open, shipped]", "enum: [open, shipped, lost]"))
        .containsExactly(
            "BREAKING enum-value-added POST /orders /responses/201/body/status: response: enum"
                + " value \"lost\" added",
            "BREAKING enum-value-added GET /orders/{id} /responses/200/body/status: response:"
                + " enum value \"lost\" added");
  }

  @Test
  void aRemovedRequiredResponseFieldBreaksAndAnAddedOptionalOneDoesNot() {
    assertThat(
            diff("required: [id, sku, quantity, status]\n", "required: [id, sku, quantity]\n")
                .get(0))
        .isEqualTo(
            "BREAKING property-became-optional POST /orders /responses/201/body/status:"
                + " response: property 'status' became optional");
    assertThat(diff("required: [id, sku, quantity, status]\n", "required: [id, sku, quantity]\n"))
        .hasSize(2);
    List<String> removed =
        diff(
            "required: [id, sku, quantity, status]\n      properties:\n        id: {type: integer}\n"
                + "        sku: {type: string}\n        quantity: {type: integer}\n"
                + "        status: {type: string, enum: [open, shipped]}\n",
            "required: [id, sku, quantity]\n      properties:\n        id: {type: integer}\n"
                + "        sku: {type: string}\n        quantity: {type: integer}\n");
    assertThat(removed)
        .containsExactly(
            "BREAKING property-removed POST /orders /responses/201/body/status: response:"
                + " required property 'status' removed",
            "BREAKING property-removed GET /orders/{id} /responses/200/body/status: response:"
                + " required property 'status' removed");
    assertThat(
            diff(
                "        total: {type: number}\n",
                "        total: {type: number}\n        eta: {type: string}\n"))
        .containsExactly(
            "NON_BREAKING property-added POST /orders /responses/201/body/eta: response:"
                + " optional property 'eta' added",
            "NON_BREAKING property-added GET /orders/{id} /responses/200/body/eta: response:"
                + " optional property 'eta' added");
  }

  @Test
  void statusCodesAddedBreakAndRemovedDoNot() {
    assertThat(diff("        \"409\":\n", "        \"503\":\n"))
        .containsExactly(
            "NON_BREAKING status-removed POST /orders /responses/409: response: status 409 no"
                + " longer declared",
            "BREAKING status-added POST /orders /responses/503: response: status 503 added: old"
                + " callers do not expect it");
  }

  @Test
  void aRangeThatReplacesAStatusIsNewButTheStatusItCoversIsUnchanged() {
    // 409 becomes 4XX: old callers' 409 falls under it with the same body, but 400, 404, ... are
    // new to them.
    assertThat(diff("        \"409\":\n", "        \"4XX\":\n"))
        .containsExactly(
            "BREAKING status-added POST /orders /responses/4XX: response: status 4XX added: old"
                + " callers do not expect it");
  }

  @Test
  void parametersThatBecomeRequiredOrAreNewAndRequiredBreak() {
    assertThat(
            diff(
                "{name: dryRun, in: query, schema: {type: boolean}}",
                "{name: dryRun, in: query, required: true, schema: {type: boolean}}"))
        .containsExactly(
            "BREAKING parameter-became-required POST /orders /request/query/dryRun: request: query"
                + " parameter 'dryRun' became required");
    assertThat(
            diff(
                "{name: dryRun, in: query, schema: {type: boolean}}",
                "{name: dryRun, in: query, schema: {type: boolean}}\n"
                    + "        - {name: x-tenant, in: header, required: true, schema: {type: string}}"))
        .containsExactly(
            "BREAKING parameter-added POST /orders /request/header/x-tenant: request: required"
                + " header parameter 'x-tenant' added");
    assertThat(
            diff(
                "{name: id, in: path, required: true, schema: {type: integer}}",
                "{name: id, in: path, required: true, schema: {type: integer, maximum: 999}}"))
        .containsExactly(
            "BREAKING constraint-changed GET /orders/{id} /request/path/id: request: maximum 999"
                + " added");
  }

  @Test
  void boundsTightenedOnRequestsBreakAndLoosenedDoNot() {
    assertThat(diff("minimum: 1}", "minimum: 2}"))
        .containsExactly(
            "BREAKING constraint-changed POST /orders /request/body/quantity: request: minimum"
                + " changed from 1 to 2");
    assertThat(diff("minimum: 1}", "minimum: 0}"))
        .containsExactly(
            "NON_BREAKING constraint-changed POST /orders /request/body/quantity: request: minimum"
                + " changed from 1 to 0");
  }

  @Test
  void recursiveAndArraySchemasAreFollowedThroughTheirRefs() {
    assertThat(
            diff(
                "      required: [sku]\n      properties:\n        sku: {type: string}\n        parent:",
                "      required: [sku]\n      properties:\n        sku: {type: string, minLength: 3}\n        parent:"))
        .containsExactly(
            "NON_BREAKING constraint-changed POST /orders /responses/201/body/lines/*/sku:"
                + " response: minLength 3 added",
            "NON_BREAKING constraint-changed GET /orders/{id} /responses/200/body/lines/*/sku:"
                + " response: minLength 3 added");
  }

  @Test
  void aRemovedRequestBodyBreaks() {
    assertThat(
            diff(
                "      requestBody:\n        required: true\n        content:\n          application/json:\n"
                    + "            schema: {$ref: \"#/components/schemas/NewOrder\"}\n",
                ""))
        .containsExactly(
            "BREAKING request-body-removed POST /orders /request/body: request: request body"
                + " removed: a body old callers send is refused");
  }

  @Test
  void jsonSchemaRoutesFilesAreComparedToo() throws IOException {
    Path v1 = Files.createDirectories(dir.resolve("v1"));
    Path v2 = Files.createDirectories(dir.resolve("v2"));
    String routes =
        "routes:\n"
            + "  - route: POST /payments\n"
            + "    request: payment.json\n"
            + "    responses:\n"
            + "      201: {schema: {type: object, required: [id], properties: {id: {type: string}}}}\n";
    Files.writeString(v1.resolve("routes.yaml"), routes);
    Files.writeString(v2.resolve("routes.yaml"), routes);
    Files.writeString(
        v1.resolve("payment.json"),
        "{\"type\":\"object\",\"required\":[\"amount\"],"
            + "\"properties\":{\"amount\":{\"type\":\"integer\"},"
            + "\"currency\":{\"enum\":[\"EUR\",\"USD\"]}}}");
    Files.writeString(
        v2.resolve("payment.json"),
        "{\"type\":\"object\",\"required\":[\"amount\",\"currency\"],"
            + "\"properties\":{\"amount\":{\"type\":\"integer\"},"
            + "\"currency\":{\"enum\":[\"EUR\"]}}}");
    assertThat(
            described(ContractDiff.compare(v1.resolve("routes.yaml"), v2.resolve("routes.yaml"))))
        .containsExactly(
            "BREAKING property-became-required POST /payments /request/body/currency: request:"
                + " property 'currency' became required",
            "BREAKING enum-value-removed POST /payments /request/body/currency: request: enum"
                + " value \"USD\" removed");
  }

  private Path protobuf(String name, DescriptorProto order) throws IOException {
    Path version = Files.createDirectories(dir.resolve(name));
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("shop.proto")
            .setPackage("shop.v1")
            .setSyntax("proto3")
            .addMessageType(order)
            .build();
    Files.write(
        version.resolve("shop.desc"),
        FileDescriptorSet.newBuilder().addFile(file).build().toByteArray());
    Files.writeString(
        version.resolve("routes.yaml"),
        "descriptorSet: shop.desc\n"
            + "routes:\n"
            + "  - route: POST /v1/orders\n"
            + "    request: shop.v1.Order\n"
            + "    responses:\n"
            + "      200: shop.v1.Order\n");
    return version.resolve("routes.yaml");
  }

  private static FieldDescriptorProto field(
      String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
        .build();
  }

  @Test
  void protobufFieldsRemovedRetypedOrRenumberedAreFound() throws IOException {
    Path v1 =
        protobuf(
            "p1",
            DescriptorProto.newBuilder()
                .setName("Order")
                .addField(field("item", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("quantity", 2, FieldDescriptorProto.Type.TYPE_INT32))
                .addField(field("note", 3, FieldDescriptorProto.Type.TYPE_STRING))
                .build());
    Path v2 =
        protobuf(
            "p2",
            DescriptorProto.newBuilder()
                .setName("Order")
                .addField(field("item", 4, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("quantity", 2, FieldDescriptorProto.Type.TYPE_STRING))
                .build());
    assertThat(described(ContractDiff.compare(v1, v2)))
        .containsExactly(
            "BREAKING field-number-changed POST /v1/orders /request/body/item: request: field"
                + " 'item' number changed from 1 to 4",
            "BREAKING property-removed POST /v1/orders /request/body/note: request: field 'note'"
                + " (3) removed",
            "BREAKING type-changed POST /v1/orders /request/body/quantity: request: field"
                + " 'quantity' type changed from int32 to string",
            "BREAKING field-number-changed POST /v1/orders /responses/200/body/item: response:"
                + " field 'item' number changed from 1 to 4",
            "NON_BREAKING property-removed POST /v1/orders /responses/200/body/note: response:"
                + " field 'note' (3) removed",
            "BREAKING type-changed POST /v1/orders /responses/200/body/quantity: response: field"
                + " 'quantity' type changed from int32 to string");
  }

  @Test
  void differentFormatsAreNotCompared() throws IOException {
    Path routes = dir.resolve("routes.yaml");
    Files.writeString(routes, "routes:\n  - route: GET /x\n    responses: {200: {}}\n");
    assertThatThrownBy(() -> ContractDiff.compare(V1, routes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot compare a openapi3.0 contract with a jsonschema one");
  }

  @Test
  void theOrderIsTheSameWhicheverWayTheFilesAreRead() {
    Path v2 = v2("required: [sku, quantity]\n", "required: [sku, quantity, note, weight]\n");
    List<String> first = described(ContractDiff.compare(V1, v2));
    assertThat(first)
        .containsExactly(
            "BREAKING property-became-required POST /orders /request/body/note: request: property"
                + " 'note' became required",
            "BREAKING property-became-required POST /orders /request/body/weight: request:"
                + " property 'weight' became required");
    assertThat(described(ContractDiff.compare(V1, v2))).isEqualTo(first);
  }
}
