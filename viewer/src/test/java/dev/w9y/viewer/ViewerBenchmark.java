package dev.w9y.viewer;

import dev.w9y.scheduler.AllowNondeterminism;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The viewer's figures for docs/PERFORMANCE.md ("Viewer"): for synthetic traces of 100,000 and
 * 1,000,000 records, the time to write the HTML and the Perfetto JSON (wall, this thread's CPU and
 * the whole process's CPU), the files' sizes, and in headless Chromium the time from navigation to
 * the first drawing, then a search and a key press on the loaded page. Reading and checking the
 * trace (which both writers do first) is also timed on its own.
 *
 * <pre>
 * mvn -o -q -B test-compile exec:java -pl viewer -am            # both sizes
 * mvn -o -q -B test-compile exec:java -pl viewer -am -Dexec.args=100000
 * </pre>
 */
@AllowNondeterminism(reason = "a benchmark: it reads the clock around whole writes, never in a run")
public final class ViewerBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ViewerBenchmark() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    int[] sizes =
        args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {100_000, 1_000_000};
    Path dir =
        Files.createDirectories(
            Path.of(System.getProperty("viewer.target", "target"), "viewer-benchmark"));
    // Warm up the JIT on a small trace first, so the figures are of compiled code.
    Path warm = dir.resolve("warm.jsonl");
    SyntheticTrace.write(warm, 20_000);
    for (int i = 0; i < 3; i++) {
      TraceViewer.writeHtml(warm, dir.resolve("warm.html"));
      PerfettoExport.write(warm, dir.resolve("warm.json"));
    }
    ChromeDriver browser = Browser.start();
    try {
      for (int size : sizes) {
        Path trace = dir.resolve("synthetic-" + size + ".jsonl");
        SyntheticTrace.write(trace, size);
        Path html = dir.resolve("synthetic-" + size + ".html");
        Path json = dir.resolve("synthetic-" + size + ".json");
        out.printf(Locale.ROOT, "%,d records, trace %s%n", size, mb(trace));
        // What reading and checking alone costs (TraceReader: every line parsed and hashed).
        Timed read = timed(() -> ViewerData.read(trace));
        out.printf(Locale.ROOT, "  read     %s%n", read);
        Timed viewer = timed(() -> TraceViewer.writeHtml(trace, html));
        out.printf(Locale.ROOT, "  html     %s  %s%n", viewer, mb(html));
        Timed perfetto = timed(() -> PerfettoExport.write(trace, json));
        out.printf(Locale.ROOT, "  perfetto %s  %s%n", perfetto, mb(json));
        for (int round = 1; round <= 2; round++) {
          Browser.open(browser, html, Duration.ofMinutes(5));
          @SuppressWarnings("unchecked")
          Map<String, Object> page =
              (Map<String, Object>)
                  browser.executeScript(
                      "var v = window.w9yViewer; var t0 = performance.now();"
                          + " v.search('kind:fault.'); var search = performance.now() - t0;"
                          + " var shown = v.shown();"
                          + " t0 = performance.now(); v.search('r=4242');"
                          + " var text = performance.now() - t0; var textShown = v.shown();"
                          + " v.search('');"
                          + " t0 = performance.now();"
                          + " document.dispatchEvent(new KeyboardEvent('keydown', {key: 'f'}));"
                          + " var key = performance.now() - t0;"
                          + " return {first: v.firstRenderMs, script: v.scriptMs, search: search,"
                          + " shown: shown, key: key, text: text, textShown: textShown,"
                          + " heap: performance.memory ? performance.memory.usedJSHeapSize : -1};");
          out.printf(
              Locale.ROOT,
              "  browser round %d: first render %.0f ms after navigation (script %.0f ms),"
                  + " search 'kind:fault.' %.0f ms (%s shown), text search 'r=4242' %.0f ms"
                  + " (%s shown), key f %.0f ms, JS heap %.0f MB%n",
              round,
              number(page.get("first")),
              number(page.get("script")),
              number(page.get("search")),
              page.get("shown"),
              number(page.get("text")),
              page.get("textShown"),
              number(page.get("key")),
              number(page.get("heap")) / 1e6);
        }
      }
    } finally {
      browser.quit();
    }
  }

  private record Timed(double wallSeconds, double threadCpuSeconds, double processCpuSeconds) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%.2f s wall, %.2f s thread CPU, %.2f s process CPU",
          wallSeconds,
          threadCpuSeconds,
          processCpuSeconds);
    }
  }

  private static Timed timed(Runnable work) {
    long wall = System.nanoTime();
    long thread = THREADS.getCurrentThreadCpuTime();
    long process = processCpuNanos();
    work.run();
    return new Timed(
        (System.nanoTime() - wall) / 1e9,
        (THREADS.getCurrentThreadCpuTime() - thread) / 1e9,
        (processCpuNanos() - process) / 1e9);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private static String mb(Path file) throws java.io.IOException {
    return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
  }
}
