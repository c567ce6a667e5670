package dev.w9y.core.assets;

import dev.w9y.core.http.Body;
import dev.w9y.core.http.Headers;
import dev.w9y.core.http.Request;
import dev.w9y.core.http.Response;
import dev.w9y.core.http.Url;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * workerd's asset server and router for one Worker's {@link StaticAssets}, as Miniflare
 * 4.20260426.0 runs them with a compatibility date of 2025-10-08 (measured by the {@code compat}
 * suite's {@code StaticAssetsCompatTest}):
 *
 * <ul>
 *   <li>{@link #front}: which requests the assets answer before the Worker runs — with {@code
 *       run_worker_first} routes, a negated route sends the request to the assets and a plain one
 *       to the Worker; {@code run_worker_first = true} sends everything to the Worker; otherwise a
 *       request (any method) whose path resolves to an asset or an html_handling redirect goes to
 *       the assets, and, for a navigation ({@code Sec-Fetch-Mode: navigate}), one the not-found
 *       handling answers (a 404 page, the single-page application's index.html);
 *   <li>{@link #fetch}: the asset server itself ({@code env.ASSETS.fetch}, and what {@link #front}
 *       returns): 405 for methods other than GET and HEAD, 307 redirects of html_handling (query
 *       kept), 404 with no body, or the file with {@code content-type} (by extension, {@code
 *       charset=utf-8} for text types), {@code etag} (a quoted hash of the content) and {@code
 *       cache-control: public, max-age=0, must-revalidate}; 304 when {@code If-None-Match} names
 *       the ETag; HEAD without the body.
 * </ul>
 *
 * Pure functions of the assets and the request: deterministic.
 */
public final class AssetServer {
  private static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";

  private final StaticAssets assets;
  private final Redirects redirects;
  private final SortedMap<String, String> etags = new TreeMap<>();
  private final List<Pattern> workerRoutes;
  private final List<Pattern> assetRoutes;

  public AssetServer(StaticAssets assets) {
    this.assets = assets;
    this.redirects = assets.redirects();
    for (var file : assets.files().entrySet()) {
      if (assets.served(file.getKey())) {
        etags.put(file.getKey(), etagOf(file.getValue()));
      }
    }
    List<Pattern> worker = new java.util.ArrayList<>();
    List<Pattern> asset = new java.util.ArrayList<>();
    for (String route : assets.runWorkerFirstRoutes()) {
      if (route.startsWith("!")) {
        asset.add(glob(route.substring(1)));
      } else {
        worker.add(glob(route));
      }
    }
    this.workerRoutes = List.copyOf(worker);
    this.assetRoutes = List.copyOf(asset);
  }

  public StaticAssets assets() {
    return assets;
  }

  /**
   * The answer of the assets to a request at the Worker's front door, or null: the Worker's (never
   * for an assets-only Worker).
   */
  public Response front(Request request) {
    if (assets.assetsOnly()) {
      return fetch(request); // no Worker: workerd's router sends everything to the assets
    }
    String rawPath = Url.parse(request.url()).path();
    for (Pattern route : assetRoutes) {
      if (route.matcher(rawPath).matches()) {
        return fetch(request);
      }
    }
    for (Pattern route : workerRoutes) {
      if (route.matcher(rawPath).matches()) {
        return null;
      }
    }
    if (assets.runWorkerFirst()) {
      return null;
    }
    return canFetch(request) ? fetch(request) : null;
  }

  /**
   * Whether the asset server, not the Worker, takes a request the routes leave to it: its path
   * resolves to an asset or a redirect, counting not-found handling only for a navigation or when
   * run_worker_first has routes (workerd's {@code has_static_routing}).
   */
  boolean canFetch(Request request) {
    boolean navigation =
        request.headers().get("sec-fetch-mode").map("navigate"::equals).orElse(false);
    boolean keepNotFound = navigation || !assets.runWorkerFirstRoutes().isEmpty();
    Redirects.Outcome rules = rules(request);
    if (rules.redirect() != null || rules.proxied()) {
      return true; // a _redirects rule matched: the asset server answers, even with a 404
    }
    return intent(
            decodePath(rules.pathname()),
            keepNotFound ? assets.notFoundHandling() : StaticAssets.NotFoundHandling.NONE)
        != null;
  }

  private Redirects.Outcome rules(Request request) {
    Url url = Url.parse(request.url());
    return redirects.apply(rawPath(url), searchOf(url));
  }

  private static String searchOf(Url url) {
    int query = url.pathAndQuery().indexOf('?');
    String search = query < 0 ? "" : url.pathAndQuery().substring(query);
    return search.equals("?") ? "" : search;
  }

  /** The asset server's answer ({@code env.ASSETS.fetch}), with the {@code _headers} rules. */
  public Response fetch(Request request) {
    return assets.headerRules().apply(rawPath(Url.parse(request.url())), answer(request));
  }

  private Response answer(Request request) {
    Redirects.Outcome rules = rules(request);
    if (rules.redirect() != null) {
      return rules.redirect(); // _redirects come first, whatever the method
    }
    String pathname = rules.pathname();
    String path = decodePath(pathname);
    Intent intent = intent(path, assets.notFoundHandling());
    if (intent == null) {
      return Response.status(404); // whatever the method, as in workerd
    }
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Response.status(405);
    }
    String destination = encodePath(intent.redirect != null ? intent.redirect : path);
    if (intent.redirect != null || !destination.equals(pathname)) {
      // html_handling's redirects, and a path spelled otherwise than its canonical encoding
      return new Response(
          307,
          Headers.of("location", destination + searchOf(Url.parse(request.url()))),
          Body.EMPTY);
    }
    String etag = '"' + etags.get(intent.file) + '"';
    Headers headers = Headers.EMPTY;
    String type = MimeTypes.of(intent.file);
    if (type != null) {
      headers = headers.with("content-type", type);
    }
    headers = headers.with("etag", etag);
    if (!request.headers().has("authorization") && !request.headers().has("range")) {
      headers = headers.with("cache-control", CACHE_CONTROL);
    }
    String ifNoneMatch = request.headers().get("if-none-match").orElse("");
    if (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag)) {
      return new Response(304, headers, Body.EMPTY);
    }
    Body body = method.equals("HEAD") ? Body.EMPTY : Body.of(assets.files().get(intent.file));
    return new Response(intent.status, headers, body);
  }

  /** The path of the asset a request names (as {@link #fetch} would serve it), or null. */
  public String assetOf(Request request) {
    Redirects.Outcome rules = rules(request);
    if (rules.redirect() != null) {
      return null;
    }
    Intent intent = intent(decodePath(rules.pathname()), assets.notFoundHandling());
    return intent == null || intent.redirect != null ? null : intent.file;
  }

  // ---------------------------------------------------------------- intents

  /** What a path resolves to: a file served with a status, or a redirect. */
  private record Intent(String file, int status, String redirect) {
    static Intent serve(String file) {
      return new Intent(file, 200, null);
    }
  }

  private boolean exists(String path) {
    return etags.containsKey(path);
  }

  private Intent intent(String path, StaticAssets.NotFoundHandling notFound) {
    return intent(path, notFound, false);
  }

  private Intent intent(String p, StaticAssets.NotFoundHandling notFound, boolean skipRedirects) {
    Intent r;
    switch (assets.htmlHandling()) {
      case NONE -> {
        return exists(p) ? Intent.serve(p) : notFound(p, notFound);
      }
      case AUTO_TRAILING_SLASH -> {
        if (p.endsWith("/index")) {
          if (exists(p)) {
            return Intent.serve(p);
          }
          if ((r = redirect(p + ".html", cut(p, "index"), notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(cut(p, "/index") + ".html", cut(p, "/index"), notFound, skipRedirects))
              != null) {
            return r;
          }
        } else if (p.endsWith("/index.html")) {
          if ((r = redirect(p, cut(p, "index.html"), notFound, skipRedirects)) != null) {
            return r;
          }
          String base = cut(p, "/index.html");
          if ((r = redirect(base + ".html", base, notFound, skipRedirects)) != null) {
            return r;
          }
        } else if (p.endsWith("/")) {
          if (exists(p + "index.html")) {
            return Intent.serve(p + "index.html");
          }
          String base = cut(p, "/");
          if ((r = redirect(base + ".html", base, notFound, skipRedirects)) != null) {
            return r;
          }
        } else if (p.endsWith(".html")) {
          String base = cut(p, ".html");
          if ((r = redirect(p, base, notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(base + "/index.html", base + "/", notFound, skipRedirects)) != null) {
            return r;
          }
        }
        if (exists(p)) {
          return Intent.serve(p);
        }
        if (exists(p + ".html")) {
          return Intent.serve(p + ".html");
        }
        if ((r = redirect(p + "/index.html", p + "/", notFound, skipRedirects)) != null) {
          return r;
        }
        return notFound(p, notFound);
      }
      case FORCE_TRAILING_SLASH -> {
        if (p.endsWith("/index")) {
          if (exists(p)) {
            return Intent.serve(p);
          }
          if ((r = redirect(p + ".html", cut(p, "index"), notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(cut(p, "/index") + ".html", cut(p, "index"), notFound, skipRedirects))
              != null) {
            return r;
          }
        } else if (p.endsWith("/index.html")) {
          String dir = cut(p, "index.html");
          if ((r = redirect(p, dir, notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(cut(p, "/index.html") + ".html", dir, notFound, skipRedirects))
              != null) {
            return r;
          }
        } else if (p.endsWith("/")) {
          if (exists(p + "index.html")) {
            return Intent.serve(p + "index.html");
          }
          if (exists(cut(p, "/") + ".html")) {
            return Intent.serve(cut(p, "/") + ".html");
          }
        } else if (p.endsWith(".html")) {
          String base = cut(p, ".html");
          if ((r = redirect(p, base + "/", notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(base + "/index.html", base + "/", notFound, skipRedirects)) != null) {
            return r;
          }
        }
        if (exists(p)) {
          return Intent.serve(p);
        }
        if ((r = redirect(p + ".html", p + "/", notFound, skipRedirects)) != null) {
          return r;
        }
        if ((r = redirect(p + "/index.html", p + "/", notFound, skipRedirects)) != null) {
          return r;
        }
        return notFound(p, notFound);
      }
      case DROP_TRAILING_SLASH -> {
        if (p.endsWith("/index")) {
          if (exists(p)) {
            return Intent.serve(p);
          }
          if (p.equals("/index")) {
            if ((r = redirect("/index.html", "/", notFound, skipRedirects)) != null) {
              return r;
            }
          } else {
            String base = cut(p, "/index");
            if ((r = redirect(base + ".html", base, notFound, skipRedirects)) != null) {
              return r;
            }
            if ((r = redirect(p + ".html", base, notFound, skipRedirects)) != null) {
              return r;
            }
          }
        } else if (p.equals("/index.html")) {
          if ((r = redirect("/index.html", "/", notFound, skipRedirects)) != null) {
            return r;
          }
        } else if (p.endsWith("/index.html")) {
          String base = cut(p, "/index.html");
          if ((r = redirect(p, base, notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(base + ".html", base, notFound, skipRedirects)) != null) {
            return r;
          }
        } else if (p.equals("/")) {
          if (exists("/index.html")) {
            return Intent.serve("/index.html");
          }
        } else if (p.endsWith("/")) {
          String base = cut(p, "/");
          if ((r = redirect(p + "index.html", base, notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(base + ".html", base, notFound, skipRedirects)) != null) {
            return r;
          }
        } else if (p.endsWith(".html")) {
          String base = cut(p, ".html");
          if ((r = redirect(p, base, notFound, skipRedirects)) != null) {
            return r;
          }
          if ((r = redirect(base + "/index.html", base, notFound, skipRedirects)) != null) {
            return r;
          }
        }
        if (exists(p)) {
          return Intent.serve(p);
        }
        if (exists(p + ".html")) {
          return Intent.serve(p + ".html");
        }
        if (exists(p + "/index.html")) {
          return Intent.serve(p + "/index.html");
        }
        return notFound(p, notFound);
      }
      default -> throw new IllegalStateException(assets.htmlHandling().toString());
    }
  }

  /**
   * A redirect to {@code destination} when {@code file} exists, {@code destination} is not itself
   * an asset, and {@code destination} would serve that same content (workerd's "safe redirect").
   */
  private Intent redirect(
      String file,
      String destination,
      StaticAssets.NotFoundHandling notFound,
      boolean skipRedirects) {
    if (skipRedirects || destination.isEmpty() || exists(destination) || !exists(file)) {
      return null;
    }
    Intent there = intent(destination, notFound, true);
    if (there != null
        && there.redirect == null
        && there.status == 200
        && etags.get(there.file).equals(etags.get(file))) {
      return new Intent(there.file, 200, destination);
    }
    return null;
  }

  private Intent notFound(String path, StaticAssets.NotFoundHandling notFound) {
    switch (notFound) {
      case SINGLE_PAGE_APPLICATION -> {
        return exists("/index.html") ? Intent.serve("/index.html") : null;
      }
      case PAGE_404 -> {
        String cwd = path;
        while (!cwd.isEmpty()) {
          cwd = cwd.substring(0, cwd.lastIndexOf('/'));
          if (exists(cwd + "/404.html")) {
            return new Intent(cwd + "/404.html", 404, null);
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static String cut(String text, String suffix) {
    return text.substring(0, text.length() - suffix.length());
  }

  // ---------------------------------------------------------------- paths

  private static String rawPath(Url url) {
    String raw = url.path();
    return raw.isEmpty() ? "/" : raw;
  }

  /**
   * The request's path decoded as workerd decodes it: each segment by {@code decodeURIComponent} (a
   * malformed one kept as it is), runs of {@code /} made one.
   */
  private static String decodePath(String raw) {
    StringBuilder out = new StringBuilder();
    String[] segments = raw.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      String decoded = decodeComponent(segments[i]);
      out.append(decoded == null ? segments[i] : decoded);
    }
    return out.toString().replaceAll("/+", "/");
  }

  /** JavaScript's decodeURIComponent; null where it would throw. */
  private static String decodeComponent(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c != '%') {
        if (bytes.size() > 0) {
          String chunk = utf8(bytes.toByteArray());
          if (chunk == null) {
            return null;
          }
          out.append(chunk);
          bytes.reset();
        }
        out.append(c);
        i++;
        continue;
      }
      if (i + 2 >= text.length()) {
        return null;
      }
      int value;
      try {
        value = Integer.parseInt(text.substring(i + 1, i + 3), 16);
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        return null;
      }
      bytes.write(value);
      i += 3;
    }
    if (bytes.size() > 0) {
      String chunk = utf8(bytes.toByteArray());
      if (chunk == null) {
        return null;
      }
      out.append(chunk);
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** Each segment by JavaScript's encodeURIComponent, as workerd encodes redirect targets. */
  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "/-_.!~*'()".indexOf(c) >= 0;
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** A run_worker_first route as a pattern: {@code *} matches anything, the rest literally. */
  private static Pattern glob(String route) {
    StringBuilder regex = new StringBuilder();
    for (String part : route.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** 32 hex digits of the content's SHA-256 (workerd hashes content too, with its own hash). */
  private static String etagOf(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
