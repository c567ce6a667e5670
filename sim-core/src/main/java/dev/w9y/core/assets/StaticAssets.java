package dev.w9y.core.assets;

import dev.w9y.core.guest.CodeIdentity;
import dev.w9y.core.http.Body;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Worker's static assets (wrangler's {@code assets} key): the files, keyed by their path from the
 * site root ({@code /index.html}), and how they are served. Immutable; the files are read into
 * memory when made, so a run never touches the file system and its trace names the assets by a hash
 * of their names and bytes ({@link #identity()}), never by where they lie.
 */
public final class StaticAssets {
  /** Most bytes one asset may have: what one simulated response body may carry. */
  public static final int MAX_ASSET_BYTES = Body.MAX_BYTES;

  /**
   * Files of the directory that configure the assets: their rules apply, and they are not served
   * unless {@code .assetsignore} re-includes them ({@code !_headers}), as with wrangler. ({@code
   * _routes.json} and {@code _worker.js} are served as any file, as in workerd.)
   */
  public static final List<String> CONFIGURATION_FILES =
      List.of("/.assetsignore", "/_headers", "/_redirects");

  /** {@code assets.html_handling}. */
  public enum HtmlHandling {
    AUTO_TRAILING_SLASH,
    FORCE_TRAILING_SLASH,
    DROP_TRAILING_SLASH,
    NONE;

    /** The wrangler spelling, e.g. {@code auto-trailing-slash}. */
    public String wranglerName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** By wrangler spelling; null if none is. */
    public static HtmlHandling byWranglerName(String name) {
      for (HtmlHandling value : values()) {
        if (value.wranglerName().equals(name)) {
          return value;
        }
      }
      return null;
    }
  }

  /** {@code assets.not_found_handling}. */
  public enum NotFoundHandling {
    NONE("none"),
    PAGE_404("404-page"),
    SINGLE_PAGE_APPLICATION("single-page-application");

    private final String wranglerName;

    NotFoundHandling(String wranglerName) {
      this.wranglerName = wranglerName;
    }

    /** The wrangler spelling, e.g. {@code 404-page}. */
    public String wranglerName() {
      return wranglerName;
    }

    /** By wrangler spelling; null if none is. */
    public static NotFoundHandling byWranglerName(String name) {
      for (NotFoundHandling value : values()) {
        if (value.wranglerName.equals(name)) {
          return value;
        }
      }
      return null;
    }
  }

  private final SortedMap<String, byte[]> files;
  private final AssetsIgnore ignore;
  private final Redirects redirects;
  private final HeaderRules headerRules;
  private String binding;
  private HtmlHandling htmlHandling;
  private NotFoundHandling notFoundHandling;
  private boolean runWorkerFirst;
  private List<String> runWorkerFirstRoutes;
  private boolean assetsOnly;

  private StaticAssets(
      SortedMap<String, byte[]> files,
      AssetsIgnore ignore,
      Redirects redirects,
      HeaderRules headerRules,
      String binding,
      HtmlHandling htmlHandling,
      NotFoundHandling notFoundHandling,
      boolean runWorkerFirst,
      List<String> runWorkerFirstRoutes,
      boolean assetsOnly) {
    this.assetsOnly = assetsOnly;
    this.files = Collections.unmodifiableSortedMap(files);
    this.ignore = ignore;
    this.redirects = redirects;
    this.headerRules = headerRules;
    this.binding = binding;
    this.htmlHandling = Objects.requireNonNull(htmlHandling, "htmlHandling");
    this.notFoundHandling = Objects.requireNonNull(notFoundHandling, "notFoundHandling");
    this.runWorkerFirst = runWorkerFirst;
    this.runWorkerFirstRoutes = List.copyOf(runWorkerFirstRoutes);
  }

  /**
   * The assets of {@code files} (path from the site root, starting with {@code /}, to bytes),
   * served with wrangler's defaults: no binding, {@code auto-trailing-slash}, not-found {@code
   * none}, assets before the Worker.
   */
  public static StaticAssets of(SortedMap<String, byte[]> files) {
    SortedMap<String, byte[]> copy = new TreeMap<>();
    for (var file : files.entrySet()) {
      String path = file.getKey();
      if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
        throw new IllegalArgumentException(
            "asset path '" + path + "' must start with '/' and name a file");
      }
      byte[] bytes = file.getValue();
      if (bytes.length > MAX_ASSET_BYTES) {
        throw new IllegalArgumentException(
            "asset " + path + " has " + bytes.length + " bytes; at most " + MAX_ASSET_BYTES);
      }
      copy.put(path, bytes.clone());
    }
    AssetsIgnore ignore = ignoreOf(copy);
    copy.keySet().removeIf((path) -> !CONFIGURATION_FILES.contains(path) && ignore.ignored(path));
    Redirects redirects = Redirects.NONE;
    if (copy.containsKey("/_redirects")) {
      redirects = Redirects.parse(new String(copy.get("/_redirects"), StandardCharsets.UTF_8));
    }
    HeaderRules headers = HeaderRules.NONE;
    if (copy.containsKey("/_headers")) {
      headers = HeaderRules.parse(new String(copy.get("/_headers"), StandardCharsets.UTF_8));
    }
    return new StaticAssets(
        copy,
        ignore,
        redirects,
        headers,
        null,
        HtmlHandling.AUTO_TRAILING_SLASH,
        NotFoundHandling.NONE,
        false,
        List.of(),
        false);
  }

  /**
   * Reads every file under {@code directory} (recursively, in name order) into memory.
   *
   * @throws IllegalArgumentException naming the directory or file and the cause
   */
  public static StaticAssets read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("assets directory not found: " + directory);
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(Files::isRegularFile).forEach(paths::add);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("cannot read assets directory " + directory + ": " + e);
    }
    AssetsIgnore ignore;
    try {
      Path rules = directory.resolve(".assetsignore");
      ignore =
          AssetsIgnore.parse(
              Files.isRegularFile(rules) ? Files.readString(rules, StandardCharsets.UTF_8) : null);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + directory.resolve(".assetsignore") + ": " + e);
    }
    for (Path path : paths) {
      StringBuilder key = new StringBuilder();
      for (Path part : directory.relativize(path)) {
        key.append('/').append(part.toString());
      }
      if (!CONFIGURATION_FILES.contains(key.toString()) && ignore.ignored(key.toString())) {
        continue; // not an asset: never read, whatever its size
      }
      try {
        if (Files.size(path) > MAX_ASSET_BYTES) {
          throw new IllegalArgumentException(
              "asset "
                  + path
                  + " has "
                  + Files.size(path)
                  + " bytes; W9Y serves assets of at most "
                  + MAX_ASSET_BYTES);
        }
        files.put(key.toString(), Files.readAllBytes(path));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read asset " + path + ": " + e);
      }
    }
    try {
      return of(files);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("assets directory " + directory + ": " + e.getMessage());
    }
  }

  private static AssetsIgnore ignoreOf(SortedMap<String, byte[]> files) {
    byte[] rules = files.get("/.assetsignore");
    return AssetsIgnore.parse(rules == null ? null : new String(rules, StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code path} (from the site root) is an asset the server answers with: a file of the
   * directory that {@code .assetsignore} (and wrangler's defaults: itself, {@code _redirects},
   * {@code _headers}) does not leave out.
   */
  public boolean served(String path) {
    return files.containsKey(path) && !ignore.ignored(path);
  }

  /** The same assets, also reachable from the Worker as {@code env.<binding>}. */
  public StaticAssets withBinding(String name) {
    Objects.requireNonNull(name, "binding");
    return new StaticAssets(
        files,
        ignore,
        redirects,
        headerRules,
        name,
        htmlHandling,
        notFoundHandling,
        runWorkerFirst,
        runWorkerFirstRoutes,
        assetsOnly);
  }

  public StaticAssets withHtmlHandling(HtmlHandling value) {
    Objects.requireNonNull(value, "htmlHandling");
    return changed(copy -> copy.htmlHandling = value);
  }

  public StaticAssets withNotFoundHandling(NotFoundHandling value) {
    Objects.requireNonNull(value, "notFoundHandling");
    return changed(copy -> copy.notFoundHandling = value);
  }

  /** {@code run_worker_first = true/false}: every request reaches the Worker first (or not). */
  public StaticAssets withRunWorkerFirst(boolean value) {
    return changed(
        copy -> {
          copy.runWorkerFirst = value;
          copy.runWorkerFirstRoutes = List.of();
        });
  }

  /**
   * {@code run_worker_first = ["/api/*", "!/api/docs/*"]}: requests whose path matches a pattern
   * reach the Worker first, unless a negated pattern ({@code !}) matches; {@code *} matches any
   * characters, {@code /} included.
   */
  public StaticAssets withRunWorkerFirst(List<String> routes) {
    for (String route : routes) {
      String pattern = route.startsWith("!") ? route.substring(1) : route;
      if (!pattern.startsWith("/")) {
        throw new IllegalArgumentException(
            "run_worker_first route '" + route + "' must start with '/' (or '!/')");
      }
    }
    List<String> copied = List.copyOf(routes);
    return changed(
        copy -> {
          copy.runWorkerFirst = false;
          copy.runWorkerFirstRoutes = copied;
        });
  }

  /**
   * Path from the site root to bytes, in name order: the assets and the configuration files present
   * (see {@link #served}); files {@code .assetsignore} leaves out are not here.
   */
  public SortedMap<String, byte[]> files() {
    return files;
  }

  /**
   * The same assets as an assets-only Worker's (wrangler's {@code assets} without {@code main}):
   * there is no Worker, so the assets answer every request, a not-found one as {@code
   * not_found_handling} says, navigation or not (workerd's router without a user Worker).
   *
   * @throws IllegalArgumentException if there is a binding or run_worker_first, which need a Worker
   */
  public StaticAssets asAssetsOnly() {
    if (binding != null) {
      throw new IllegalArgumentException(
          "an assets-only Worker cannot have an assets binding (" + binding + ")");
    }
    if (runWorkerFirst || !runWorkerFirstRoutes.isEmpty()) {
      throw new IllegalArgumentException("an assets-only Worker cannot have run_worker_first");
    }
    return changed(copy -> copy.assetsOnly = true);
  }

  /**
   * A copy with {@code change} made to it before anyone else sees it: each {@code with...} names
   * only what it changes (the settings' fields are assigned only here and in the constructor).
   */
  private StaticAssets changed(java.util.function.Consumer<StaticAssets> change) {
    StaticAssets copy =
        new StaticAssets(
            files,
            ignore,
            redirects,
            headerRules,
            binding,
            htmlHandling,
            notFoundHandling,
            runWorkerFirst,
            runWorkerFirstRoutes,
            assetsOnly);
    change.accept(copy);
    return copy;
  }

  /** Whether these are an assets-only Worker's: no Worker behind them. */
  public boolean assetsOnly() {
    return assetsOnly;
  }

  /** The rules of {@code /_redirects} (none without the file). */
  Redirects redirects() {
    return redirects;
  }

  /** The rules of {@code /_headers} (none without the file). */
  HeaderRules headerRules() {
    return headerRules;
  }

  /** The {@code env} binding name, or null when the Worker has none. */
  public String binding() {
    return binding;
  }

  public HtmlHandling htmlHandling() {
    return htmlHandling;
  }

  public NotFoundHandling notFoundHandling() {
    return notFoundHandling;
  }

  public boolean runWorkerFirst() {
    return runWorkerFirst;
  }

  public List<String> runWorkerFirstRoutes() {
    return runWorkerFirstRoutes;
  }

  /**
   * How the trace header names these assets: a hash of every file's path and bytes and the
   * settings, e.g. {@code assets:/ sha256:1f0c9a3e5b7d2c44 html=auto-trailing-slash
   * not_found=none}; the same from any directory.
   */
  public String identity() {
    StringBuilder out = new StringBuilder(CodeIdentity.of("assets", "/", files));
    out.append(" files=").append(files.size());
    out.append(" html=").append(htmlHandling.wranglerName());
    out.append(" not_found=").append(notFoundHandling.wranglerName());
    if (runWorkerFirst) {
      out.append(" run_worker_first=true");
    } else if (!runWorkerFirstRoutes.isEmpty()) {
      out.append(" run_worker_first=").append(String.join(",", runWorkerFirstRoutes));
    }
    if (binding != null) {
      out.append(" binding=").append(binding);
    }
    if (assetsOnly) {
      out.append(" assets_only");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return identity();
  }
}
