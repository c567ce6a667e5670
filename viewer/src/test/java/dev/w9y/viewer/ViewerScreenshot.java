package dev.w9y.viewer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * A screenshot of a trace's viewer at its failure (as {@code f} shows it) or, given a third
 * argument, with that record selected after jumping to the failure; for the README's
 * docs/viewer.png (record 87 of the naive box office's seed 180846157: the third write of seat 1):
 *
 * <pre>
 * mvn -o -q -B test -pl samples -am -Dtest=NaiveBoxOfficeSimulation -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -o -q -B test-compile exec:java -pl viewer -am -Dviewer.main=dev.w9y.viewer.ViewerScreenshot \
 *   -Dexec.args="$PWD/samples/target/w9y/NaiveBoxOfficeSimulation/noSeatIsSoldTwice/seed-180846157.jsonl $PWD/docs/viewer.png 87"
 * </pre>
 */
public final class ViewerScreenshot {
  private ViewerScreenshot() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: ViewerScreenshot <trace.jsonl> <screenshot.png> [record to select after f]");
    }
    Path trace = Path.of(args[0]);
    Path png = Path.of(args[1]);
    Path html =
        Files.createDirectories(Path.of(System.getProperty("viewer.target", "target")))
            .resolve("screenshot.html");
    TraceViewer.writeHtml(trace, html);
    ChromeDriver browser = Browser.start();
    try {
      Browser.open(browser, html, Duration.ofMinutes(1));
      new Actions(browser).sendKeys("f").perform();
      if (args.length == 3) {
        browser.executeScript("window.w9yViewer.select(" + Integer.parseInt(args[2]) + ")");
      }
      Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
    out.println("wrote " + png + " (the viewer of " + trace + " at its failure)");
  }
}
