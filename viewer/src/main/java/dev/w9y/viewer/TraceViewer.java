package dev.w9y.viewer;

import dev.w9y.core.trace.TraceReader;
import dev.w9y.scheduler.W9yException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trace as one self-contained HTML page: the records, the styles and the script inline, no
 * network, so the page opens from a CI artifact over {@code file://}. The page is a timeline with a
 * lane per actor and arrows between the two ends of each message, a minimap, a virtualised event
 * list with search and filters, a detail panel (with a durable object's storage as the trace knows
 * it), and keyboard navigation; {@code ?} in the page lists the keys.
 *
 * <p>The same trace gives the same bytes. The trace is read with {@link TraceReader}, so a missing,
 * damaged or truncated file fails with its reader's one-line error before anything is written.
 */
public final class TraceViewer {
  private static final String RESOURCES = "/dev/w9y/viewer/";

  private TraceViewer() {}

  /** Reads and checks {@code trace}, then writes its viewer to {@code html}. */
  public static void writeHtml(Path trace, Path html) {
    TraceReader reader = ViewerData.read(trace);
    String fileName = trace.getFileName().toString();
    String template = resource("viewer.html");
    try {
      Path parent = html.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(html, StandardCharsets.UTF_8))) {
        int at = 0;
        // The template's markers, in order: title, styles, columns, details, script.
        at = copyUntil(template, at, "{{title}}", out);
        out.write(escapeHtml("W9Y trace " + fileName));
        at = copyUntil(template, at, "{{style}}", out);
        out.write(resource("viewer.css"));
        at = copyUntil(template, at, "{{data}}", out);
        ViewerData.writeColumns(reader, fileName, out);
        at = copyUntil(template, at, "{{details}}", out);
        ViewerData.writeDetails(reader, out);
        at = copyUntil(template, at, "{{script}}", out);
        out.write(resource("viewer.js"));
        out.write(template, at, template.length() - at);
      }
    } catch (IOException e) {
      throw new W9yException("cannot write viewer " + html + ": " + e.getMessage(), e);
    }
  }

  private static int copyUntil(String template, int from, String marker, Writer out)
      throws IOException {
    int found = template.indexOf(marker, from);
    if (found < 0) {
      throw new IllegalStateException("viewer.html lacks its " + marker + " marker");
    }
    out.write(template, from, found - from);
    return found + marker.length();
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String resource(String name) {
    try (InputStream in = TraceViewer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the viewer's resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
