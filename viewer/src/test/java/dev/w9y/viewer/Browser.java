package dev.w9y.viewer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the viewer's tests and benchmark: Debian's {@code chromium} and {@code
 * chromium-driver} at their fixed paths, so Selenium never downloads a browser. Missing, they fail
 * the test with how to install them (CI's {@code .ci/run} does) rather than skip it.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  static ChromeDriver start() {
    requireInstalled(CHROMIUM, CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,900",
        "--force-device-scale-factor=1",
        "--enable-precise-memory-info"); // performance.memory for the benchmark
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** Fails (never skips) when the browser or its driver is missing, saying how to install them. */
  static void requireInstalled(Path... programs) {
    for (Path needed : programs) {
      if (!Files.isExecutable(needed)) {
        throw new AssertionError(
            needed
                + " is missing: the viewer's browser tests need headless Chromium; install it with"
                + " `sudo apt-get install chromium chromium-driver` (.ci/run does)");
      }
    }
  }

  /** Opens a viewer page and waits until it has drawn (its script marks the body ready). */
  static void open(ChromeDriver driver, Path html, Duration timeout) {
    driver.get(html.toUri().toString());
    new WebDriverWait(driver, timeout)
        .until(
            d ->
                "true"
                    .equals(
                        ((ChromeDriver) d).executeScript("return document.body.dataset.ready")));
  }
}
