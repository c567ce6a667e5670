package dev.w9y.guestjs.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only files a JavaScript guest can read: its own modules, copied into memory when the
 * service's code is loaded, under a virtual root. Read-only; nothing here touches the real disk, so
 * module loading during a simulation is as deterministic as the rest of it.
 *
 * <p>Bare specifiers ({@code import "lodash"}) resolve only through {@code specifiers}: the
 * built-in modules ({@code w9y}, {@code cloudflare:workers}) and whatever the topology maps to a
 * local file; any other is an error that says so.
 */
public final class ModuleFileSystem implements FileSystem {
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private final String serviceName;
  private final Path root;
  private final TreeMap<String, byte[]> files;
  private final SortedMap<String, String> specifiers;
  private final ModuleLoader loader;

  /**
   * @param serviceName for errors
   * @param root the virtual directory the files live under (absolute)
   * @param files absolute virtual path to content
   * @param specifiers bare specifier to the absolute virtual path it stands for
   */
  public ModuleFileSystem(
      String serviceName,
      Path root,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> specifiers) {
    this(serviceName, root, files, specifiers, null);
  }

  /**
   * @param loader module types and resolution of the files under {@code root} (null: files are read
   *     as they are and bare specifiers resolve only through {@code specifiers})
   */
  public ModuleFileSystem(
      String serviceName,
      Path root,
      SortedMap<String, byte[]> files,
      SortedMap<String, String> specifiers,
      ModuleLoader loader) {
    this.serviceName = serviceName;
    this.root = root;
    this.files = new TreeMap<>(files);
    this.specifiers = new TreeMap<>(specifiers);
    this.loader = loader;
  }

  /** A file system with no files at all (contexts that load no modules). */
  public static ModuleFileSystem empty(String serviceName) {
    return new ModuleFileSystem(
        serviceName, Path.of("/w9y", serviceName), new TreeMap<>(), new TreeMap<>());
  }

  @Override
  public Path parsePath(URI uri) {
    if ("file".equals(uri.getScheme())) {
      return Path.of(uri.getPath());
    }
    return parsePath(uri.toString());
  }

  @Override
  public Path parsePath(String path) {
    String mapped = specifiers.get(path);
    if (mapped != null) {
      return Path.of(mapped);
    }
    if (path.isEmpty()
        || path.equals(".")
        || path.equals("..")
        || path.startsWith("/")
        || path.startsWith("./")
        || path.startsWith("../")) {
      return Path.of(path);
    }
    if (path.startsWith("file:")) {
      return Path.of(URI.create(path).getPath());
    }
    if (loader != null) {
      // A package from node_modules, looked up from the service's root (GraalJS does not say
      // which module imports it; a hoisted node_modules tree resolves the same either way).
      String found = loader.resolve("", path, false);
      if (found != null) {
        return root.resolve(found);
      }
    }
    throw new IllegalArgumentException(
        "service '"
            + serviceName
            + "': cannot import '"
            + path
            + "': it is a bare specifier (an npm package or a built-in W9Y does not provide);"
            + " bundle it, import it by relative path, or map it to a local file in the"
            + " topology's modules");
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions)
      throws IOException {
    String key = key(path);
    if (!files.containsKey(key) && !isDirectory(key)) {
      throw new NoSuchFileException(display(path));
    }
    if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
      throw new AccessDeniedException(display(path), null, "guest module files are read-only");
    }
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new AccessDeniedException(display(dir), null, "guest module files are read-only");
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new AccessDeniedException(display(path), null, "guest module files are read-only");
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    for (OpenOption option : options) {
      if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
        throw new AccessDeniedException(display(path), null, "guest module files are read-only");
      }
    }
    byte[] content = content(key(path));
    if (content == null) {
      throw new NoSuchFileException(display(path));
    }
    return new ReadOnlyChannel(content);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    throw new AccessDeniedException(display(dir), null, "guests cannot list directories");
  }

  /**
   * Every file is read as an ES module: a JSON, Text, Data or CommonJS file is read as the module
   * that stands for it (see {@link ModuleLoader}), so {@code import config from "./config.json"}
   * works without an import attribute, as in a wrangler bundle.
   */
  @Override
  public String getMimeType(Path path) {
    return loader == null ? null : "application/javascript+module";
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : root.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... linkOptions) {
    return Path.of(key(path));
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    String key = key(path);
    byte[] content = content(key);
    boolean directory = content == null && isDirectory(key);
    if (content == null && !directory) {
      throw new NoSuchFileException(display(path));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("lastModifiedTime", EPOCH);
    result.put("lastAccessTime", EPOCH);
    result.put("creationTime", EPOCH);
    result.put("isRegularFile", !directory);
    result.put("isDirectory", directory);
    result.put("isSymbolicLink", false);
    result.put("isOther", false);
    result.put("size", directory ? 0L : (long) content.length);
    result.put("fileKey", null);
    return result;
  }

  private String key(Path path) {
    Path absolute = toAbsolutePath(path).normalize();
    String key = absolute.toString();
    if (loader != null && !files.containsKey(key) && absolute.startsWith(root)) {
      // import "./util" finds util.js, util/index.js, as a bundler would
      String found = loader.probe(root.relativize(absolute).toString(), false);
      if (found != null) {
        return root.resolve(found).toString();
      }
    }
    return key;
  }

  /** What GraalJS reads at {@code key}: an ES module's bytes or the facade of another type. */
  private byte[] content(String key) {
    byte[] content = files.get(key);
    if (content == null) {
      return null;
    }
    Path absolute = Path.of(key);
    if (loader != null && absolute.startsWith(root)) {
      return loader.moduleBytes(root.relativize(absolute).toString());
    }
    return content;
  }

  private boolean isDirectory(String key) {
    String prefix = key.endsWith("/") ? key : key + "/";
    String next = files.ceilingKey(prefix);
    return next != null && next.startsWith(prefix);
  }

  /** The path as the guest's author knows it: relative to the service's directory. */
  private String display(Path path) {
    Path absolute = toAbsolutePath(path).normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }

  /** A read-only channel over bytes already in memory. */
  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] content;
    private int position;
    private boolean open = true;

    ReadOnlyChannel(byte[] content) {
      this.content = content;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= content.length) {
        return -1;
      }
      int count = Math.min(dst.remaining(), content.length - position);
      dst.put(content, position, count);
      position += count;
      return count;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, content.length);
      return this;
    }

    @Override
    public long size() {
      return content.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
