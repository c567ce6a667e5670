package dev.w9y.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Rpc;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.SchemaLoader;
import com.squareup.wire.schema.Service;
import com.squareup.wire.schema.internal.SchemaEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import okio.FileMetadata;
import okio.FileSystem;
import okio.ForwardingFileSystem;
import okio.Source;

/**
 * {@code .proto} sources compiled to descriptors on the JVM, with no protoc binary: Square's Wire
 * parses and links them (imports resolved against the root file's directory; {@code
 * google/protobuf/*.proto} from Wire itself, {@code google/api/annotations.proto} and {@code
 * http.proto} bundled here unless the directory has its own) and its schema encoder writes each
 * file as the {@code FileDescriptorProto} protoc would. Errors keep Wire's file, line and column.
 */
final class ProtoSources {
  /** Where the bundled googleapis files appear to Wire: a path no real file system holds. */
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
    boolean ownGoogleApi = Files.isRegularFile(dir.resolve("google/api/http.proto"));
    List<Location> sources = new ArrayList<>();
    sources.add(Location.get(dir.toString(), root.getFileName().toString()));
    List<Location> imports = new ArrayList<>();
    imports.add(Location.get(dir.toString()));
    if (!ownGoogleApi) {
      // As sources, not only on the import path: Wire's encoder needs the option's message types
      // linked to write (google.api.http) into the method options.
      for (String file : BUNDLED) {
        sources.add(Location.get(BUNDLED_ROOT, file));
      }
      imports.add(Location.get(BUNDLED_ROOT));
    }
    SchemaLoader loader = new SchemaLoader(new WithBundled(FileSystem.SYSTEM));
    // Imported files whole: by default Wire keeps of them only what the sources reference by name,
    // leaving a Book without its fields.
    loader.setLoadExhaustively(true);
    loader.initRoots(sources, imports);
    Schema schema;
    try {
      schema = loader.loadSchema();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(describe(e, dir));
    } catch (Exception e) { // Kotlin throws IOExceptions undeclared

      throw new IllegalArgumentException(
          "contract " + root.getFileName() + ": cannot read: " + relative(e.getMessage(), dir));
    }
    SchemaEncoder encoder = new SchemaEncoder(schema);
    List<FileDescriptorProto> files = new ArrayList<>();
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    Map<String, String> rpcs = new LinkedHashMap<>();
    for (ProtoFile file : schema.getProtoFiles()) {
      try {
        files.add(FileDescriptorProto.parseFrom(encoder.encode(file).toByteArray()));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("Wire wrote an unreadable descriptor", e);
      }
      Location location = file.getLocation();
      if (location.getBase().equals(dir.toString())) {
        try {
          bytes.put(location.getPath(), Files.readAllBytes(dir.resolve(location.getPath())));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "contract " + location.getPath() + ": cannot read: " + e.getMessage());
        }
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
    return new Compiled(files, bytes, rpcs);
  }

  /**
   * Wire's message as one line naming the file relative to the contract's directory: {@code
   * contract shop.proto:6:28: does not parse: expected a word}, {@code contract shop.proto:6:140:
   * unable to resolve Mony (for field cash)}.
   */
  private static String describe(RuntimeException e, Path dir) {
    String message = relative(e.getMessage() == null ? e.toString() : e.getMessage(), dir);
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

  /**
   * The system file system, plus the bundled googleapis files under {@link #BUNDLED_ROOT}, read
   * from this module's resources.
   */
  private static final class WithBundled extends ForwardingFileSystem {
    WithBundled(FileSystem delegate) {
      super(delegate);
    }

    private static okio.Path bundled(okio.Path path) {
      String text = path.toString();
      if (text.equals(BUNDLED_ROOT) || text.startsWith(BUNDLED_ROOT + "/")) {
        return okio.Path.get(BUNDLED_RESOURCES + text.substring(BUNDLED_ROOT.length()));
      }
      return null;
    }

    @Override
    public FileMetadata metadataOrNull(okio.Path path) throws IOException {
      okio.Path bundled = bundled(path);
      return bundled == null
          ? super.metadataOrNull(path)
          : FileSystem.RESOURCES.metadataOrNull(bundled);
    }

    @Override
    public Source source(okio.Path file) throws IOException {
      okio.Path bundled = bundled(file);
      return bundled == null ? super.source(file) : FileSystem.RESOURCES.source(bundled);
    }
  }
}
