package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.squareup.wire.schema.ErrorCollector;
import com.squareup.wire.schema.Linker;
import com.squareup.wire.schema.Loader;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Rpc;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.Service;
import com.squareup.wire.schema.internal.SchemaEncoder;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code .proto} sources compiled to descriptors on the JVM, with no protoc binary: Square's Wire
 * parses and links them (imports resolved against the root file's directory; {@code
 * google/protobuf/*.proto} from Wire itself, {@code google/api/annotations.proto} and {@code
 * http.proto} bundled here unless the directory has its own) and its schema encoder writes each
 * file as the {@code FileDescriptorProto} protoc would. Errors keep Wire's file, line and column.
 */
final class ProtoSources {
  /** Where errors say the bundled and well-known files lie: a path no real file system holds. */
  private static final String BUNDLED_ROOT = "/w9y-bundled-protos";

  private static final String BUNDLED_RESOURCES = "/dev/w9y/contracts/googleapis";
  private static final List<String> BUNDLED =
      List.of("google/api/http.proto", "google/api/annotations.proto");

  private ProtoSources() {}

  /**
   * The compiled files, dependencies first, the bytes of the contract's own files (for its
   * identity) and where each rpc is declared ({@code shop.v1.Shop.GetShelf} to {@code
   * shop.proto:12:3}).
   */
  record Compiled(
      List<FileDescriptorProto> files,
      SortedMap<String, byte[]> sources,
      Map<String, String> rpcLocations) {}

  static Compiled compile(Path rootFile) {
    Path root = rootFile.toAbsolutePath().normalize();
    Path dir = root.getParent();
    Imports imports = new Imports(dir, root.getFileName().toString());
    Schema schema;
    try {
      List<ProtoFile> sources = new ArrayList<>();
      sources.add(imports.load(root.getFileName().toString()));
      // The option's message types as sources too: Wire's encoder needs them linked to write
      // (google.api.http) into the method options.
      for (String file : BUNDLED) {
        sources.add(imports.load(file));
      }
      schema = new Linker(imports, new ErrorCollector(), false, true).link(sources);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(describe(e, dir));
    }
    SchemaEncoder encoder = new SchemaEncoder(schema);
    List<FileDescriptorProto> files = new ArrayList<>();
    Map<String, String> rpcs = new LinkedHashMap<>();
    for (ProtoFile file : schema.getProtoFiles()) {
      try {
        files.add(FileDescriptorProto.parseFrom(encoder.encode(file).toByteArray()));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("Wire wrote an unreadable descriptor", e);
      }
      for (Service service : file.getServices()) {
        for (Rpc rpc : service.rpcs()) {
          Location at = rpc.getLocation();
          rpcs.put(
              service.type() + "." + rpc.getName(),
              at.getPath() + ":" + at.getLine() + ":" + at.getColumn());
        }
      }
    }
    return new Compiled(files, imports.local, rpcs);
  }

  /**
   * What the linker imports: files relative to the contract's directory first (their bytes kept for
   * the identity), then the bundled googleapis files, then Wire's own {@code
   * google/protobuf/*.proto}. Read directly rather than through Wire's loader, which indexes every
   * jar on the class path on its first use (seconds with GraalVM's).
   */
  private static final class Imports implements Loader {
    private final Path dir;
    private final String rootName;
    private final SortedMap<String, byte[]> local = new TreeMap<>();
    private final Map<String, ProtoFile> parsed = new LinkedHashMap<>();

    Imports(Path dir, String rootName) {
      this.dir = dir;
      this.rootName = rootName;
    }

    @Override
    public ProtoFile load(String path) {
      ProtoFile done = parsed.get(path);
      if (done != null) {
        return done;
      }
      Path file = dir.resolve(path).normalize();
      byte[] bytes;
      String base;
      try {
        if (file.startsWith(dir) && Files.isRegularFile(file)) {
          bytes = Files.readAllBytes(file);
          local.put(path, bytes);
          base = dir.toString();
        } else {
          InputStream in =
              BUNDLED.contains(path)
                  ? ProtoSources.class.getResourceAsStream(BUNDLED_RESOURCES + "/" + path)
                  : ProtoFile.class.getClassLoader().getResourceAsStream(path);
          if (in == null) {
            throw new IllegalArgumentException(
                "contract "
                    + rootName
                    + ": imports "
                    + path
                    + ", which is neither under the directory of the contract nor a well-known"
                    + " file (google/protobuf/*, google/api/annotations.proto, http.proto)");
          }
          try (in) {
            bytes = in.readAllBytes();
          }
          base = BUNDLED_ROOT;
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "contract " + rootName + ": cannot read " + path + ": " + e.getMessage());
      }
      ProtoFile proto =
          ProtoFile.Companion.get(
              ProtoParser.Companion.parse(
                  Location.get(base, path), new String(bytes, StandardCharsets.UTF_8)));
      parsed.put(path, proto);
      return proto;
    }

    @Override
    public Loader withErrors(ErrorCollector errors) {
      return this;
    }
  }

  /**
   * Wire's message as one line naming the file relative to the contract's directory: {@code
   * contract shop.proto:6:28: does not parse: expected a word}, {@code contract shop.proto:6:140:
   * unable to resolve Mony (for field cash)}.
   */
  private static String describe(RuntimeException e, Path dir) {
    String message = relative(e.getMessage() == null ? e.toString() : e.getMessage(), dir);
    if (message.startsWith("contract ")) {
      return message;
    }
    if (message.startsWith("Syntax error in ")) {
      String rest = message.substring("Syntax error in ".length());
      int colon = rest.indexOf(": ");
      return colon < 0
          ? "contract " + rest
          : "contract "
              + rest.substring(0, colon)
              + ": does not parse: "
              + rest.substring(colon + 2);
    }
    String[] lines = message.split("\n");
    String first = lines[0].trim();
    if (lines.length > 1) {
      // "unable to resolve Mony\n  for field cash (shop.proto:6:140)\n  in message ...".
      String second = lines[1].trim();
      int open = second.lastIndexOf(" (");
      if (open > 0 && second.endsWith(")")) {
        return "contract "
            + second.substring(open + 2, second.length() - 1)
            + ": "
            + first
            + " ("
            + second.substring(0, open)
            + ")";
      }
    }
    return "contract " + first;
  }

  private static String relative(String message, Path dir) {
    return message
        .replace(dir + "/", "")
        .replace(BUNDLED_ROOT + "/", "")
        .replace(dir.toString(), ".");
  }
}
