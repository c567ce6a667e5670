package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.w9y.core.contract.Contract;
import dev.w9y.core.contract.ContractViolation;
import dev.w9y.core.contract.GeneratedRequest;
import dev.w9y.core.contract.RequestGenerator;
import dev.w9y.scheduler.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Requests generated from contracts of every format: valid ones pass the contract's own compiled
 * checks on every seed, near misses fail them at exactly the pointer their mistake names, the same
 * seed makes the same requests, and bounds are drawn.
 */
class RequestGenerationTest {
  static final Path CONTRACTS = Path.of("src/test/resources/contracts");
  static final int SEEDS = 200;

  @TempDir Path dir;

  /** Every operation, SEEDS seeds: valid requests pass, near misses fail exactly where named. */
  static Sweep sweep(Contract contract) {
    RequestGenerator generator = contract.requestGenerator();
    Sweep sweep = new Sweep();
    for (int operation = 0; operation < generator.operations().size(); operation++) {
      for (long seed = 1; seed <= SEEDS; seed++) {
        RandomStream random = RandomStream.root(seed);
        GeneratedRequest valid = generator.valid(operation, "http://svc", random);
        assertThat(valid.isNearMiss()).isFalse();
        assertThat(contract.checkRequest(valid.request()))
            .as("valid request %s, seed %d", valid.request(), seed)
            .isEmpty();
        sweep.valid.add(valid);
        GeneratedRequest miss = generator.nearMiss(operation, "http://svc", random);
        if (miss == null) {
          continue;
        }
        List<ContractViolation> violations = contract.checkRequest(miss.request());
        assertThat(violations).as("near miss %s (%s)", miss.request(), miss.mistake()).isNotEmpty();
        assertThat(violations)
            .as("near miss %s (%s)", miss.request(), miss.mistake())
            .allMatch(v -> v.pointer().equals(miss.pointer()));
        sweep.nearMisses.add(miss);
        sweep.mistakes.add(miss.pointer() + " " + miss.mistake());
      }
    }
    return sweep;
  }

  static final class Sweep {
    final List<GeneratedRequest> valid = new ArrayList<>();
    final List<GeneratedRequest> nearMisses = new ArrayList<>();
    final TreeSet<String> mistakes = new TreeSet<>();

    List<JsonNode> bodies(String operation) {
      List<JsonNode> bodies = new ArrayList<>();
      for (GeneratedRequest request : valid) {
        if (request.operation().equals(operation) && !request.request().body().isEmpty()) {
          bodies.add(request.request().body().json());
        }
      }
      return bodies;
    }

    boolean anyMistake(String text) {
      return mistakes.stream().anyMatch(m -> m.contains(text));
    }
  }

  @Test
  void openApi31ValidRequestsPassAndNearMissesFailExactlyWhereNamed() {
    Contract catalog = OpenApiContract.load(CONTRACTS.resolve("generate/catalog.openapi.yaml"));
    assertThat(catalog.requestGenerator().operations())
        .containsExactly("POST /carts/{cartId}/lines", "GET /products");
    Sweep sweep = sweep(catalog);
    List<JsonNode> lines = sweep.bodies("POST /carts/{cartId}/lines");
    assertThat(lines).hasSize(SEEDS); // the body is required
    // Boundary values: both ends of quantity's range, the exclusive minimum's first integer.
    TreeSet<Long> quantities = new TreeSet<>();
    TreeSet<Long> cents = new TreeSet<>();
    TreeSet<Integer> itemCounts = new TreeSet<>();
    for (JsonNode line : lines) {
      quantities.add(line.get("quantity").asLong());
      cents.add(line.get("price").get("cents").asLong());
      itemCounts.add(line.get("items").size());
      assertThat(line.get("sku").asString()).matches("[a-z][a-z0-9-]*").hasSizeBetween(3, 12);
      assertThat(line.get("price").get("currency").asString()).matches("[A-Z]{3}");
      line.get("items").forEach(item -> assertThat(item.get("qty").asLong() % 2).isZero());
    }
    assertThat(quantities).contains(1L, 2L, 98L, 99L);
    assertThat(cents).contains(1L, 1000000L);
    assertThat(itemCounts).contains(1, 4);
    assertThat(lines).anyMatch(line -> line.has("delivery") && line.get("delivery").has("pickup"));
    assertThat(lines).anyMatch(line -> line.has("delivery") && line.get("delivery").has("address"));
    // Near misses of every kind, nested ones included, and parameters.
    assertThat(sweep.mistakes)
        .anyMatch(m -> m.startsWith("/body required property 'sku' removed at /body/sku"))
        .anyMatch(m -> m.startsWith("/body/price required property 'cents' removed"))
        .anyMatch(m -> m.startsWith("/body/quantity wrong type"))
        .anyMatch(m -> m.startsWith("/body/quantity above the maximum"))
        .anyMatch(m -> m.startsWith("/body/price/cents below the minimum: 0"))
        .anyMatch(m -> m.startsWith("/body/items/0/qty below the minimum"))
        .anyMatch(m -> m.startsWith("/body/items fewer than minItems"))
        .anyMatch(m -> m.startsWith("/body/sku longer than maxLength"))
        .anyMatch(m -> m.startsWith("/body/channel not in the enum"))
        .anyMatch(m -> m.startsWith("/body/price property 'unexpected' added"))
        .anyMatch(m -> m.startsWith("/header/x-tenant required header parameter"))
        .anyMatch(
            m -> m.startsWith("/header/x-tenant header parameter 'x-tenant': not in the enum"))
        .anyMatch(m -> m.startsWith("/query/limit required query parameter 'limit' left out"))
        .anyMatch(m -> m.startsWith("/query/limit query parameter 'limit' not an integer"))
        .anyMatch(m -> m.startsWith("/query/limit query parameter 'limit': above the maximum"))
        .anyMatch(m -> m.startsWith("/path/cartId path parameter 'cartId': '~' does not match"))
        .anyMatch(m -> m.startsWith("/body required body left out"));
    // Optional parameters come and go; path parameters follow their pattern.
    assertThat(sweep.valid).anyMatch(r -> r.request().url().contains("dryRun="));
    assertThat(sweep.valid).anyMatch(r -> r.request().url().equals("http://svc/products?limit=1"));
    assertThat(sweep.valid)
        .filteredOn(r -> r.operation().startsWith("POST"))
        .allMatch(r -> r.request().url().matches("http://svc/carts/c-[0-9]{4}/lines.*"));
  }

  @Test
  void theSameSeedMakesTheSameRequests() {
    Contract catalog = OpenApiContract.load(CONTRACTS.resolve("generate/catalog.openapi.yaml"));
    RequestGenerator generator = catalog.requestGenerator();
    for (long seed = 1; seed <= 50; seed++) {
      RandomStream first = RandomStream.root(seed);
      RandomStream second = RandomStream.root(seed);
      for (int i = 0; i < 4; i++) {
        assertThat(generator.valid(i % 2, "http://svc", first))
            .isEqualTo(generator.valid(i % 2, "http://svc", second));
        assertThat(generator.nearMiss(i % 2, "http://svc", first))
            .isEqualTo(generator.nearMiss(i % 2, "http://svc", second));
      }
    }
    // Another seed, other requests.
    assertThat(generator.valid(0, "http://svc", RandomStream.root(1)))
        .isNotEqualTo(generator.valid(0, "http://svc", RandomStream.root(2)));
  }

  @Test
  void openApi30BoundsNullableAndRefsAcrossFiles() {
    Sweep sweep = sweep(OpenApiContract.load(CONTRACTS.resolve("openapi30/orders.yaml")));
    assertThat(sweep.bodies("POST /orders")).allMatch(order -> order.get("qty").asLong() >= 1);
    assertThat(sweep.mistakes)
        .anyMatch(m -> m.startsWith("/body required property 'qty' removed"))
        .anyMatch(m -> m.startsWith("/body/qty below the minimum: 0"))
        .anyMatch(
            m -> m.startsWith("/header/x-request-id header parameter 'x-request-id': shorter"))
        .anyMatch(m -> m.startsWith("/path/id path parameter 'id' not an integer"))
        .anyMatch(m -> m.startsWith("/query/limit query parameter 'limit': below the minimum"));
    // GET /orders/mine takes nothing that could be wrong.
    assertThat(sweep.nearMisses).noneMatch(r -> r.operation().equals("GET /orders/mine"));
    assertThat(sweep.valid).anyMatch(r -> r.request().url().equals("http://svc/orders/mine"));
  }

  @Test
  void jsonSchemaRoutesDraft07AndRefsToSchemaFiles() {
    Sweep sweep = sweep(JsonSchemaContract.load(CONTRACTS.resolve("jsonschema/routes.yaml")));
    assertThat(sweep.valid).isNotEmpty();
    assertThat(sweep.nearMisses).isNotEmpty();
    assertThat(sweep.mistakes).anyMatch(m -> m.contains("required property"));
  }

  @Test
  void protobufMessagesInTheJsonMapping() throws IOException {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("shop.proto")
            .setPackage("shop.v1")
            .setSyntax("proto3")
            .addEnumType(
                EnumDescriptorProto.newBuilder()
                    .setName("Kind")
                    .addValue(
                        EnumValueDescriptorProto.newBuilder().setName("KIND_UNSET").setNumber(0))
                    .addValue(
                        EnumValueDescriptorProto.newBuilder().setName("KIND_GIFT").setNumber(1)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Line")
                    .addField(
                        ProtobufContractTest.field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING))
                    .addField(
                        ProtobufContractTest.field("qty", 2, FieldDescriptorProto.Type.TYPE_INT32)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("CreateOrder")
                    .addField(
                        ProtobufContractTest.field("id", 1, FieldDescriptorProto.Type.TYPE_INT64))
                    .addField(
                        ProtobufContractTest.field("paid", 2, FieldDescriptorProto.Type.TYPE_BOOL))
                    .addField(
                        ProtobufContractTest.field("note", 3, FieldDescriptorProto.Type.TYPE_BYTES))
                    .addField(
                        ProtobufContractTest.field("kind", 4, FieldDescriptorProto.Type.TYPE_ENUM)
                            .toBuilder()
                            .setTypeName(".shop.v1.Kind"))
                    .addField(
                        ProtobufContractTest.field(
                                "lines", 5, FieldDescriptorProto.Type.TYPE_MESSAGE)
                            .toBuilder()
                            .setTypeName(".shop.v1.Line")
                            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                    .addField(
                        ProtobufContractTest.field(
                                "first", 6, FieldDescriptorProto.Type.TYPE_MESSAGE)
                            .toBuilder()
                            .setTypeName(".shop.v1.Line")))
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
            + "      200: shop.v1.Line\n");
    Sweep sweep = sweep(ProtobufContract.load(dir.resolve("routes.yaml")));
    List<JsonNode> orders = sweep.bodies("POST /v1/orders");
    assertThat(orders).anyMatch(o -> o.path("kind").asString("").equals("KIND_GIFT"));
    assertThat(orders).anyMatch(o -> o.path("lines").size() > 1);
    assertThat(orders).anyMatch(o -> o.path("first").path("qty").asLong(0) == Integer.MAX_VALUE);
    assertThat(orders).anyMatch(o -> o.path("id").isString()); // int64 as a string
    // The parser names no location: every near miss is reported at the whole body.
    assertThat(sweep.nearMisses).allMatch(r -> r.pointer().equals("/body"));
    assertThat(sweep.mistakes)
        .anyMatch(m -> m.contains("unknown enum name at /kind"))
        .anyMatch(m -> m.contains("wrong type at /first/qty"))
        .anyMatch(m -> m.contains("out of the int32 range at /first/qty"))
        .anyMatch(m -> m.contains("field 'unknownField' that shop.v1.CreateOrder does not have"));
  }

  @Test
  void patternsOfTheCommonSyntaxAreGenerated() {
    List<String> patterns =
        List.of(
            "^[A-Z]{3}$",
            "^c-[0-9]{4}$",
            "^(ab|cd)+x?$",
            "^[^,]{2,5}$",
            "\\d{3}-\\w+",
            "^[a-f0-9]{8}(?:-[a-f0-9]{4}){3}$",
            "^\\.[a-z]*\\$$");
    for (String pattern : patterns) {
      for (long seed = 1; seed <= 50; seed++) {
        String text = RegexStrings.generate(pattern, RandomStream.root(seed));
        assertThat(text).as(pattern).isNotNull();
        assertThat(java.util.regex.Pattern.compile(pattern).matcher(text).find())
            .as("%s generated %s", pattern, text)
            .isTrue();
      }
    }
    assertThat(RegexStrings.generate("^(a)\\1$", RandomStream.root(1))).isNull();
    assertThat(RegexStrings.generate("^(?=a)a$", RandomStream.root(1))).isNull();
  }
}
