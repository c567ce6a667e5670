package dev.w9y.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.trace.TraceReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/** The viewer of a real failing run, driven in headless Chromium: no mock DOM. */
class ViewerBrowserTest {
  static ChromeDriver driver;
  static Path html;
  static List<JsonNode> records;

  @BeforeAll
  static void start(@TempDir Path dir) {
    Path trace = dir.resolve("tickets.jsonl");
    ViewerFixtures.failingRun(trace);
    records = TraceReader.read(trace).records();
    html = dir.resolve("tickets.html");
    TraceViewer.writeHtml(trace, html);
    driver = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void load() {
    Browser.open(driver, html, Duration.ofSeconds(30));
  }

  @AfterEach
  void noScriptErrors() {
    assertThat((List<?>) driver.executeScript("return window.w9yViewer.errors()")).isEmpty();
  }

  @Test
  void clickingAnEventShowsItsRecord() {
    int sent = first("request.sent");
    WebElement row = driver.findElement(By.cssSelector(".row[data-i='" + sent + "']"));
    row.click();
    String shown = driver.findElement(By.id("record")).getText();
    assertThat(shown)
        .contains("\"kind\": \"request.sent\"")
        .contains("\"id\": \"" + records.get(sent).path("id").asString() + "\"")
        .contains("\"url\": \"" + records.get(sent).path("url").asString() + "\"");
    // The list re-renders its visible rows: find the row again.
    assertThat(
            driver.findElement(By.cssSelector(".row[data-i='" + sent + "']")).getAttribute("class"))
        .contains("sel");
    // l follows the message to its delivery.
    new Actions(driver).sendKeys("l").perform();
    assertThat(driver.findElement(By.id("record")).getText())
        .contains("\"kind\": \"request.delivered\"")
        .contains("\"id\": \"" + records.get(sent).path("id").asString() + "\"");
  }

  @Test
  void searchFiltersByKindActorIdAndText() {
    search("kind:fault.");
    assertThat(count()).isEqualTo(matching(r -> r.path("kind").asString().startsWith("fault.")));
    assertThat(count()).isPositive();

    String id = records.get(first("request.sent")).path("id").asString();
    search("id:" + id);
    assertThat(count()).isEqualTo(matching(r -> r.path("id").asString("").equals(id)));
    assertThat(count()).isGreaterThanOrEqualTo(2);

    search("actor:audit kind:console");
    long consoles =
        matching(
            r ->
                r.path("actor").asString().contains("audit")
                    && r.path("kind").asString().startsWith("console"));
    assertThat(consoles).isPositive();
    assertThat(count()).isEqualTo(consoles);
    assertThat(driver.findElements(By.cssSelector(".row"))).isNotEmpty();

    // Plain text, any case, in the details: the audit's console lines read "audit <n>".
    search("AUDIT <1>");
    long audited = matching(r -> ViewerData.detailsLine(r).contains("audit <1>"));
    assertThat(audited).isPositive();
    assertThat(count()).isEqualTo(audited);
    assertThat(driver.findElement(By.cssSelector(".row .d")).getText()).contains("audit <1>");

    search("");
    assertThat(count()).isEqualTo(records.size());
  }

  @Test
  void keysJumpToTheFailureAndBetweenFaultsAndHelpListsThem() {
    new Actions(driver).sendKeys("f").perform();
    long selected = (Long) driver.executeScript("return window.w9yViewer.selected()");
    assertThat(records.get((int) selected).path("kind").asString()).isEqualTo("check.failed");
    assertThat(driver.findElement(By.id("record")).getText())
        .contains("\"check\": \"no number given twice\"");

    new Actions(driver).sendKeys("g").perform();
    new Actions(driver).sendKeys("n").perform();
    long fault = (Long) driver.executeScript("return window.w9yViewer.selected()");
    assertThat(fault).isEqualTo(firstAlarming());

    new Actions(driver).sendKeys("j").perform();
    assertThat((Long) driver.executeScript("return window.w9yViewer.selected()"))
        .isEqualTo(fault + 1);

    new Actions(driver).sendKeys("?").perform();
    WebElement help = driver.findElement(By.id("help"));
    assertThat(help.isDisplayed()).isTrue();
    assertThat(help.getText()).contains("next / previous fault").contains("jump to the failure");
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    assertThat(help.isDisplayed()).isFalse();
  }

  @Test
  void aDurableObjectsRecordShowsItsStorageAsTheTraceKnowsIt() {
    int lastWrite = -1;
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).path("kind").asString().equals("storage.write")) {
        lastWrite = i;
      }
    }
    driver.executeScript("document.getElementById('search').value = ''");
    // Select it the way a user would: the failure's neighbourhood is reached by keys, a link by a
    // click; here the row is brought into the list by searching its kind.
    search("kind:storage.write");
    driver.findElement(By.cssSelector(".row[data-i='" + lastWrite + "']")).click();
    String storage = driver.findElement(By.id("storage")).getText();
    assertThat(storage).contains("last").contains("buyer:");
    assertThat(driver.findElement(By.id("detail")).getText())
        .contains("the values themselves are not in the trace");
  }

  @Test
  void aScreenshotShowsTheTimeline() throws Exception {
    new Actions(driver).sendKeys("f").perform();
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    TreeSet<Integer> colours = new TreeSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    // A blank or unstyled page has a handful; lanes, event colours and text give hundreds.
    assertThat(colours.size()).isGreaterThan(50);
    Path out = Path.of("target", "viewer-screenshot.png");
    Files.createDirectories(out.getParent());
    Files.write(out, png);
  }

  @Test
  void clickingTheTimelineSelectsTheEventUnderThePointerByOrderAndByTime() {
    int delivered = first("request.delivered");
    for (String mode : new String[] {"order", "time"}) {
      if (mode.equals("time")) {
        new Actions(driver).sendKeys("t").perform();
      }
      clickOnTimeline(delivered);
      assertThat((Long) driver.executeScript("return window.w9yViewer.selected()"))
          .as("by %s", mode)
          .isEqualTo(delivered);
    }
  }

  @Test
  void aHundredThousandRecordTraceLoadsVirtualised(@TempDir Path dir) {
    Path big = dir.resolve("big.jsonl");
    SyntheticTrace.write(big, 100_000);
    List<JsonNode> bigRecords = TraceReader.read(big).records();
    Path bigHtml = dir.resolve("big.html");
    TraceViewer.writeHtml(big, bigHtml);
    Browser.open(driver, bigHtml, Duration.ofMinutes(2));
    try {
      // Only the visible rows are in the page, not a hundred thousand.
      assertThat(driver.findElements(By.cssSelector(".row")).size()).isBetween(10, 100);
      new Actions(driver).sendKeys("G").perform();
      assertThat((Long) driver.executeScript("return window.w9yViewer.selected()"))
          .isEqualTo(bigRecords.size() - 1);
      assertThat(driver.findElements(By.cssSelector(".row.sel"))).hasSize(1);
      search("kind:fault.");
      assertThat(count())
          .isEqualTo(
              bigRecords.stream()
                  .filter(r -> r.path("kind").asString().equals("fault.injected"))
                  .count())
          .isPositive();
      new Actions(driver).sendKeys(Keys.ESCAPE, "f").perform();
      long failure = (Long) driver.executeScript("return window.w9yViewer.selected()");
      assertThat(bigRecords.get((int) failure).path("kind").asString()).isEqualTo("check.failed");
    } finally {
      Browser.open(driver, html, Duration.ofSeconds(30));
    }
  }

  private void clickOnTimeline(int record) {
    WebElement canvas = driver.findElement(By.id("timeline"));
    driver.executeScript("window.w9yViewer.select(" + record + ")"); // brings it into the window
    driver.executeScript("window.w9yViewer.select(0)");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> point =
        (java.util.Map<String, Object>)
            driver.executeScript("return window.w9yViewer.pointOf(" + record + ")");
    int x = ((Number) point.get("x")).intValue();
    int y = ((Number) point.get("y")).intValue();
    org.openqa.selenium.Dimension size = canvas.getSize();
    new Actions(driver)
        .moveToElement(canvas, x - size.getWidth() / 2, y - size.getHeight() / 2)
        .click()
        .perform();
  }

  private void search(String text) {
    WebElement box = driver.findElement(By.id("search"));
    box.clear();
    box.sendKeys(text, Keys.ENTER);
  }

  private long count() {
    return (Long) driver.executeScript("return window.w9yViewer.shown()");
  }

  private static long matching(java.util.function.Predicate<JsonNode> test) {
    return records.stream().filter(test).count();
  }

  private static int first(String kind) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).path("kind").asString().equals(kind)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " record");
  }

  private static long firstAlarming() {
    for (int i = 1; i < records.size(); i++) { // after the first record, where g puts us
      if (EventCategory.of(records.get(i).path("kind").asString()).alarming()) {
        return i;
      }
    }
    throw new AssertionError("no fault");
  }
}
