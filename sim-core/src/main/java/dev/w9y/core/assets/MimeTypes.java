package dev.w9y.core.assets;

import java.util.Locale;
import java.util.TreeMap;

/**
 * The content type workerd's asset server gives a file by its extension (the {@code mime} package's
 * table, {@code ; charset=utf-8} added to {@code text/*}); null when the extension is not in the
 * table, and then the response has no content type, as in workerd.
 */
final class MimeTypes {
  private static final TreeMap<String, String> TYPES = new TreeMap<>();

  static {
    String[][] table = {
      {"html", "text/html"},
      {"htm", "text/html"},
      {"shtml", "text/html"},
      {"css", "text/css"},
      {"js", "text/javascript"},
      {"mjs", "text/javascript"},
      {"cjs", "application/node"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"jsonld", "application/ld+json"},
      {"webmanifest", "application/manifest+json"},
      {"txt", "text/plain"},
      {"text", "text/plain"},
      {"log", "text/plain"},
      {"conf", "text/plain"},
      {"ini", "text/plain"},
      {"md", "text/markdown"},
      {"markdown", "text/markdown"},
      {"csv", "text/csv"},
      {"xml", "application/xml"},
      {"xsl", "application/xml"},
      {"rss", "application/rss+xml"},
      {"atom", "application/atom+xml"},
      {"svg", "image/svg+xml"},
      {"svgz", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"jpe", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"ico", "image/vnd.microsoft.icon"},
      {"bmp", "image/bmp"},
      {"tif", "image/tiff"},
      {"tiff", "image/tiff"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"eot", "application/vnd.ms-fontobject"},
      {"wasm", "application/wasm"},
      {"pdf", "application/pdf"},
      {"zip", "application/zip"},
      {"gz", "application/gzip"},
      {"tar", "application/x-tar"},
      {"bin", "application/octet-stream"},
      {"mp3", "audio/mpeg"},
      {"wav", "audio/wav"},
      {"ogg", "audio/ogg"},
      {"mp4", "video/mp4"},
      {"webm", "video/webm"},
      {"ics", "text/calendar"},
      {"yaml", "text/yaml"},
      {"yml", "text/yaml"},
      {"vtt", "text/vtt"},
    };
    for (String[] row : table) {
      TYPES.put(row[0], row[1]);
    }
  }

  private MimeTypes() {}

  /** The content type for {@code path}, or null. */
  static String of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return null; // mime gives a path without an extension no type
    }
    String type = TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type != null && type.startsWith("text/")) {
      return type + "; charset=utf-8";
    }
    return type;
  }
}
