package dev.w9y.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .proto} contract compiled on the JVM (imports, well-known types, the bundled
 * google/api/annotations.proto) with its routes from {@code google.api.http} annotations as gRPC
 * transcoding maps them; the same annotations read from a descriptor set; load errors.
 */
class ProtoSourceContractTest {
  static final Path LIBRARY = Path.of("src/test/resources/contracts/protobuf/library.proto");
  static final Contract library = ProtobufContract.load(LIBRARY);

  @TempDir Path dir;

  static Request get(String pathAndQuery) {
    return Request.get("http://library" + pathAndQuery);
  }

  static Request post(String path, String json) {
    return Request.post("http://library" + path, Body.ofText(json))
        .withHeader("content-type", "application/json");
  }

  static Response json(int status, String json) {
    return OpenApiContractTest.json(status, json);
  }

  @Test
  void pathVariablesSpanSegmentsAndTheResponseIsTheOutputMessage() {
    Request shelf = get("/v1/shelves/7");
    assertThat(library.checkRequest(shelf)).isEmpty();
    assertThat(
            library.checkResponse(shelf, json(200, "{\"name\":\"shelves/7\",\"theme\":\"sea\"}")))
        .isEmpty();
    assertThat(library.checkResponse(shelf, json(200, "{\"name\":\"shelves/7\",\"colour\":1}")))
        .extracting(
            ContractViolation::kind, ContractViolation::operation, ContractViolation::pointer)
        .containsExactly(tuple("response-body", "GET /v1/{name=shelves/*}", "/body"));
    // An error is a JSON google.rpc.Status with any other status.
    assertThat(library.checkResponse(shelf, json(404, "{\"code\":5,\"message\":\"no shelf\"}")))
        .isEmpty();
    // The variable's pattern is literal 'shelves' then one segment.
    assertThat(library.checkRequest(get("/v1/racks/7")))
        .extracting(ContractViolation::kind)
        .containsExactly("unknown-route");
    assertThat(library.checkRequest(get("/v1/shelves/7/extra")))
        .extracting(ContractViolation::kind)
        .containsExactly("unknown-route");
  }

  @Test
  void everyUnboundFieldIsAQueryParameterByProtoOrJsonName() {
    assertThat(
            library.checkRequest(
                get(
                    "/v1/shelves/7/books?page_size=10&filter.genre=FICTION"
                        + "&filter.since=2026-01-01T00:00:00Z")))
        .isEmpty();
    assertThat(library.checkRequest(get("/v1/shelves/7/books?pageSize=ten")))
        .extracting(ContractViolation::kind, ContractViolation::pointer)
        .containsExactly(tuple("parameter", "/query/pageSize"));
    assertThat(library.checkRequest(get("/v1/shelves/7/books?filter.genre=POETRY")))
        .extracting(ContractViolation::pointer, ContractViolation::expected)
        .containsExactly(
            tuple(
                "/query/filter.genre", "proto3 JSON of library.v1.ListBooksRequest.filter.genre"));
    assertThat(library.checkRequest(get("/v1/shelves/7/books?filter.since=yesterday")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/query/filter.since");
  }

  @Test
  void bodyFieldBodyStarAndAdditionalBindings() {
    // body: "book": the body is the Book, the parent comes from the path.
    assertThat(
            library.checkRequest(
                post(
                    "/v1/shelves/7/books",
                    "{\"title\":\"Dune\",\"genre\":\"FICTION\",\"pages\":\"412\"}")))
        .isEmpty();
    assertThat(
            library.checkRequest(
                post("/v1/shelves/7/books", "{\"title\":\"Dune\",\"pages\":\"many\"}")))
        .extracting(
            ContractViolation::kind, ContractViolation::pointer, ContractViolation::expected)
        .containsExactly(
            tuple("request-body", "/body", "proto3 JSON of library.v1.CreateBookRequest.book"));
    // The whole CreateBookRequest is not a Book.
    assertThat(
            library.checkRequest(
                post(
                    "/v1/shelves/7/books",
                    "{\"parent\":\"shelves/7\",\"book\":{\"title\":\"Dune\"}}")))
        .extracting(ContractViolation::kind)
        .containsExactly("request-body");
    // additional_bindings: POST /v1/books with body "*" takes exactly that.
    assertThat(
            library.checkRequest(
                post("/v1/books", "{\"parent\":\"shelves/7\",\"book\":{\"title\":\"Dune\"}}")))
        .isEmpty();
    Request book = post("/v1/books", "{}");
    assertThat(
            library.checkResponse(
                book, json(200, "{\"name\":\"b\",\"published\":\"2026-01-01T00:00:00Z\"}")))
        .isEmpty();
    assertThat(library.checkResponse(book, json(200, "{\"published\":\"soon\"}")))
        .extracting(ContractViolation::kind)
        .containsExactly("response-body");
  }

  @Test
  void verbsAndResponseBodyField() {
    Request move = post("/v1/shelves/7/books/3:move", "{\"destination\":\"shelves/9\"}");
    assertThat(library.checkRequest(move)).isEmpty();
    // response_body: "book": the answer is the Book, not the MoveBookResponse.
    assertThat(library.checkResponse(move, json(200, "{\"title\":\"Dune\"}"))).isEmpty();
    assertThat(library.checkResponse(move, json(200, "{\"book\":{\"title\":\"Dune\"}}")))
        .extracting(ContractViolation::kind)
        .containsExactly("response-body");
    assertThat(library.checkRequest(post("/v1/shelves/7/books/3:burn", "{}")))
        .extracting(ContractViolation::kind)
        .containsExactly("unknown-route");
    assertThat(library.checkRequest(get("/v1/shelves/7/books/3:move")))
        .extracting(ContractViolation::kind)
        .containsExactly("method-not-allowed");
  }

  @Test
  void identityHashesTheImportedFilesToo() throws IOException {
    assertThat(library.identity()).startsWith("protobuf:library.proto sha256:");
    Path copy = dir.resolve("library.proto");
    Files.copy(LIBRARY, copy);
    Files.createDirectories(dir.resolve("types"));
    Path book = LIBRARY.resolveSibling("types/book.proto");
    Files.writeString(dir.resolve("types/book.proto"), Files.readString(book));
    assertThat(ProtobufContract.load(copy).identity()).isEqualTo(library.identity());
    Files.writeString(dir.resolve("types/book.proto"), Files.readString(book) + "\n// edited\n");
    assertThat(ProtobufContract.load(copy).identity()).isNotEqualTo(library.identity());
  }

  @Test
  void theSameAnnotationsFromADescriptorSetOrUnderARoutesFile() throws IOException {
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    set.addAllFile(ProtoSources.compile(LIBRARY).files());
    Files.write(dir.resolve("library.desc"), set.build().toByteArray());
    Files.writeString(dir.resolve("api.yaml"), "descriptorSet: library.desc\n");
    Contract fromSet = ProtobufContract.load(dir.resolve("api.yaml"));
    assertThat(fromSet.checkRequest(get("/v1/shelves/7/books?page_size=10"))).isEmpty();
    assertThat(fromSet.checkRequest(get("/v1/shelves/7/books?page_size=ten")))
        .extracting(ContractViolation::pointer)
        .containsExactly("/query/page_size");

    // proto: with explicit routes instead of the annotations.
    Files.copy(LIBRARY, dir.resolve("library.proto"));
    Files.createDirectories(dir.resolve("types"));
    Files.copy(LIBRARY.resolveSibling("types/book.proto"), dir.resolve("types/book.proto"));
    Files.writeString(
        dir.resolve("routes.yaml"),
        "proto: library.proto\n"
            + "routes:\n"
            + "  - route: PUT /books/{id}\n"
            + "    request: library.v1.Book\n"
            + "    responses: {200: library.v1.Book}\n");
    Contract routed = ProtobufContract.load(dir.resolve("routes.yaml"));
    assertThat(routed.checkRequest(put("/books/1", "{\"pages\":3}"))).isEmpty();
    assertThat(routed.checkRequest(put("/books/1", "{\"pages\":\"x\"}")))
        .extracting(ContractViolation::kind)
        .containsExactly("request-body");
    assertThat(routed.checkRequest(get("/v1/shelves/7")))
        .extracting(ContractViolation::kind)
        .containsExactly("unknown-route");
  }

  static Request put(String path, String json) {
    return new Request(
        "PUT",
        "http://library" + path,
        Headers.of("content-type", "application/json"),
        Body.ofText(json));
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  static String service(String option) {
    return "syntax = \"proto3\";\n"
        + "package t;\n"
        + "import \"google/api/annotations.proto\";\n"
        + "message Req { string name = 1; Inner inner = 2; }\n"
        + "message Inner { int32 n = 1; }\n"
        + "service S {\n"
        + "  rpc Get(Req) returns (Req) {\n"
        + "    option (google.api.http) = "
        + option
        + ";\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void syntaxAndLinkErrorsNameFileLineAndColumn() throws IOException {
    Path bad = write("bad.proto", "syntax = \"proto3\";\nmessage A {\n  int32 id = ;\n}\n");
    assertThatThrownBy(() -> ProtobufContract.load(bad))
        .hasMessage("contract bad.proto:3:14: does not parse: expected a word");
    Path unresolved =
        write("unresolved.proto", "syntax = \"proto3\";\nmessage A {\n  Missing m = 1;\n}\n");
    assertThatThrownBy(() -> ProtobufContract.load(unresolved))
        .hasMessage("contract unresolved.proto:3:3: unable to resolve Missing (for field m)");
    Path missingImport =
        write("imports.proto", "syntax = \"proto3\";\nimport \"nowhere/x.proto\";\n");
    assertThatThrownBy(() -> ProtobufContract.load(missingImport))
        .hasMessageStartingWith(
            "contract imports.proto: imports nowhere/x.proto, which is neither");
  }

  @Test
  void aBadAnnotationNamesTheRpcAndWhatIsWrong() throws IOException {
    String prefix = "contract s.proto:7:3: rpc t.S.Get option (google.api.http) ";
    assertThatThrownBy(
            () -> ProtobufContract.load(write("s.proto", service("{get: \"/v1/{nme}\"}"))))
        .hasMessage(prefix + "get '/v1/{nme}': no field 'nme' in t.Req (fields: [name, inner])");
    assertThatThrownBy(
            () ->
                ProtobufContract.load(write("s.proto", service("{post: \"/v1/x\" body: \"bdy\"}"))))
        .hasMessage(
            prefix
                + "post '/v1/x' body 'bdy': body names no field of t.Req (fields: [name, inner])");
    assertThatThrownBy(() -> ProtobufContract.load(write("s.proto", service("{get: \"v1/x\"}"))))
        .hasMessage(prefix + "get 'v1/x': path template 'v1/x' must start with '/'");
    assertThatThrownBy(() -> ProtobufContract.load(write("s.proto", service("{body: \"*\"}"))))
        .hasMessage(prefix + "names no HTTP method (one of get, put, post, delete, patch, custom)");
    assertThatThrownBy(
            () -> ProtobufContract.load(write("s.proto", service("{get: \"/v1/{inner}\"}"))))
        .hasMessage(
            prefix + "get '/v1/{inner}': path variable 'inner' must be a singular scalar field");
    assertThatThrownBy(
            () -> ProtobufContract.load(write("s.proto", service("{get: \"/v1/**/x\"}"))))
        .hasMessage(
            prefix + "get '/v1/**/x': path template '/v1/**/x': '**' must be the last segment");
    // A nested field as a path variable is fine; so is a custom method.
    Contract ok =
        ProtobufContract.load(
            write("s.proto", service("{custom: {kind: \"HEAD\" path: \"/v1/{inner.n}\"}}")));
    assertThat(ok.checkRequest(new Request("HEAD", "http://s/v1/5", Headers.EMPTY, Body.EMPTY)))
        .isEmpty();
    assertThat(ok.checkRequest(new Request("HEAD", "http://s/v1/five", Headers.EMPTY, Body.EMPTY)))
        .extracting(ContractViolation::pointer)
        .containsExactly("/path/inner.n");
  }
}
