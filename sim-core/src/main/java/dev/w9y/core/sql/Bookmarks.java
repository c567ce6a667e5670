package dev.w9y.core.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bookmarks of a SQLite database's history (point-in-time recovery of SQLite-backed durable
 * objects, D1 sessions), in workerd's format: four hexadecimal fields, {@code
 * 00000000-00000003-00000000-00000000000000000000000000000000}. Local workerd keeps a counter in
 * the second field (moved on each time a bookmark is asked for) and leaves the others zero; W9Y
 * numbers its states in the same field, so bookmarks compare in history order as plain strings, as
 * Cloudflare documents.
 */
public final class Bookmarks {
  private static final Pattern FORMAT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}");

  private Bookmarks() {}

  /** The bookmark of commit {@code sequence} (0: the empty database before any commit). */
  public static String format(long sequence) {
    if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("bookmark sequence out of range: " + sequence);
    }
    return String.format(Locale.ROOT, "00000000-%08x-00000000-%032d", sequence, 0);
  }

  /** The commit a bookmark names, or -1 if {@code bookmark} is not one W9Y made. */
  public static long parse(String bookmark) {
    if (bookmark == null || !FORMAT.matcher(bookmark).matches()) {
      return -1;
    }
    if (!bookmark.startsWith("00000000-") || !bookmark.endsWith("-00000000-" + "0".repeat(32))) {
      return -1;
    }
    return Long.parseLong(bookmark.substring(9, 17), 16);
  }
}
