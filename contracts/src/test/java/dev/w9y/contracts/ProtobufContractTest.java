package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protobuf messages over HTTP/JSON: a descriptor set (built here as protoc would write it) and a
 * routes file; bodies checked in the proto3 JSON mapping.
 */
class ProtobufContractTest {
  @TempDir Path dir;
  Contract orders;

  static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
        .build();
  }

  @BeforeEach
  void writeContract() throws IOException {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("shop.proto")
            .setPackage("shop.v1")
            .setSyntax("proto3")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("CreateOrder")
                    .addField(field("item", 1, FieldDescriptorProto.Type.TYPE_STRING))
                    .addField(field("quantity", 2, FieldDescriptorProto.Type.TYPE_INT32)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Order")
                    .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_INT64))
                    .addField(field("item", 2, FieldDescriptorProto.Type.TYPE_STRING)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Error")
                    .addField(field("code", 1, FieldDescriptorProto.Type.TYPE_STRING)))
            .build();
    Files.write(
        dir.resolve("shop.desc"),
        FileDescriptorSet.newBuilder().addFile(file).build().toByteArray());
    Files.writeString(
        dir.resolve("routes.yaml"),
        "descriptorSet: shop.desc\n"
            + "routes:\n"
            + "  - route: POST /v1/orders\n"
            + "    request: shop.v1.CreateOrder\n"
            + "    responses:\n"
            + "      200: shop.v1.Order\n"
            + "      503: {message: shop.v1.Error, example: {code: UNAVAILABLE}}\n");
    orders = ProtobufContract.load(dir.resolve("routes.yaml"));
  }

  static Request create(String json) {
    return Request.post("http://orders/v1/orders", Body.ofText(json))
        .withHeader("content-type", "application/json");
  }

  @Test
  void proto3JsonBodies() {
    assertThat(orders.checkRequest(create("{\"item\":\"tea\",\"quantity\":2}"))).isEmpty();
    // proto3 JSON accepts a quoted int32 but no unknown field and no fractional int.
    assertThat(orders.checkRequest(create("{\"item\":\"tea\",\"quantity\":\"2\"}"))).isEmpty();
    assertThat(orders.checkRequest(create("{\"item\":\"tea\",\"qty\":2}")))
        .extracting(
            ContractViolation::kind, ContractViolation::pointer, ContractViolation::expected)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "request-body", "/body", "proto3 JSON of shop.v1.CreateOrder"));
    assertThat(orders.checkRequest(create("{\"quantity\":2.5}")).get(0).actual()).isNotEmpty();
    Response order =
        new Response(
            200, Headers.of("content-type", "application/json"), Body.ofText("{\"id\":\"7\"}"));
    assertThat(orders.checkResponse(create("{}"), order)).isEmpty();
    assertThat(orders.checkResponse(create("{}"), Response.text(404, "missing")))
        .extracting(ContractViolation::kind)
        .containsExactly("response-status");
    Response error = orders.declaredError(create("{}"), 502);
    assertThat(error.status()).isEqualTo(503);
    assertThat(error.body().text()).isEqualTo("{\"code\":\"UNAVAILABLE\"}");
    assertThat(orders.identity()).startsWith("protobuf:routes.yaml sha256:");
  }

  @Test
  void unknownMessageTypeAndBadDescriptorSet() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "descriptorSet: shop.desc\nroutes:\n  - route: POST /x\n    request: shop.v1.Nope\n");
    assertThatThrownBy(() -> ProtobufContract.load(dir.resolve("bad.yaml")))
        .hasMessageStartingWith(
            "contract bad.yaml at /routes/0/request: no message type 'shop.v1.Nope'");
    Files.writeString(dir.resolve("junk.desc"), "not a descriptor set");
    Files.writeString(dir.resolve("junk.yaml"), "descriptorSet: junk.desc\nroutes: []\n");
    assertThatThrownBy(() -> ProtobufContract.load(dir.resolve("junk.yaml")))
        .hasMessageStartingWith("contract junk.yaml at /descriptorSet: not a descriptor set");
  }
}
