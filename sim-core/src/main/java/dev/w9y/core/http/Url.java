package dev.w9y.core.http;

import java.util.Locale;

/**
 * The parts of an absolute {@code http:} or {@code https:} URL that routing needs: scheme, host
 * (lower-cased), port and path-with-query. Guests with their own URL standard (the WHATWG parser in
 * guest-js) normalize URLs before they reach the network; this parser only has to be strict.
 */
public record Url(String scheme, String host, int port, String pathAndQuery) {

  /** Parses {@code text}, or throws IllegalArgumentException saying what is wrong with it. */
  public static Url parse(String text) {
    int colon = text.indexOf("://");
    if (colon <= 0) {
      throw new IllegalArgumentException("not an absolute URL: '" + text + "'");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "unsupported URL scheme '" + scheme + "' in '" + text + "' (http and https only)");
    }
    int authorityStart = colon + 3;
    int pathStart = authorityStart;
    while (pathStart < text.length() && "/?#".indexOf(text.charAt(pathStart)) < 0) {
      pathStart++;
    }
    String authority = text.substring(authorityStart, pathStart);
    if (authority.indexOf('@') >= 0) {
      authority = authority.substring(authority.lastIndexOf('@') + 1);
    }
    String host = authority;
    int port = scheme.equals("https") ? 443 : 80;
    int portColon = authority.lastIndexOf(':');
    if (portColon >= 0 && authority.indexOf(']') < portColon) {
      host = authority.substring(0, portColon);
      String portText = authority.substring(portColon + 1);
      if (!portText.isEmpty()) {
        try {
          port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid port '" + portText + "' in '" + text + "'");
        }
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("port " + port + " out of range in '" + text + "'");
        }
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("URL has no host: '" + text + "'");
    }
    String rest = pathStart < text.length() ? text.substring(pathStart) : "/";
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    if (rest.isEmpty() || rest.charAt(0) != '/') {
      rest = "/" + rest;
    }
    return new Url(scheme, host.toLowerCase(Locale.ROOT), port, rest);
  }

  /** The path without the query. */
  public String path() {
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
  }
}
