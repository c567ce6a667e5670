package dev.w9y.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.w9y.core.SimulationResult;
import dev.w9y.core.http.Json;
import dev.w9y.core.trace.TraceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TraceViewerTest {
  static Path dir;
  static Path trace;
  static SimulationResult run;

  @BeforeAll
  static void run(@TempDir Path temp) {
    dir = temp;
    trace = temp.resolve("tickets.jsonl");
    run = ViewerFixtures.failingRun(trace);
  }

  @Test
  void theSameTraceGivesTheSameHtmlAndTheSameSeedTheSameTrace() throws Exception {
    Path again = dir.resolve("again.jsonl");
    SimulationResult replay = ViewerFixtures.simulation(run.seed(), again).run();
    assertThat(replay.traceSha256()).isEqualTo(run.traceSha256());

    TraceViewer.writeHtml(trace, dir.resolve("a.html"));
    TraceViewer.writeHtml(again, dir.resolve("b.html"));
    String a = Files.readString(dir.resolve("a.html"));
    String b = Files.readString(dir.resolve("b.html"));
    // Only the file name in the title and data differs.
    assertThat(a.replace("tickets.jsonl", "again.jsonl")).isEqualTo(b);
  }

  @Test
  void thePageIsSelfContainedAndItsDataIsTheTrace() throws Exception {
    Path html = dir.resolve("view.html");
    TraceViewer.writeHtml(trace, html);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    // No network: nothing loaded from elsewhere.
    assertThat(page).doesNotContain("src=\"http", "href=\"http", "<link", "import(");
    // Exactly the page's own three scripts: no record (the audit log writes "<n>") closes one.
    assertThat(Pattern.compile("<script").matcher(page).results().count()).isEqualTo(3);
    assertThat(Pattern.compile("</script>").matcher(page).results().count()).isEqualTo(3);

    TraceReader reader = TraceReader.read(trace);
    List<JsonNode> records = reader.records();
    JsonNode data = Json.MAPPER.readTree(between(page, "type=\"application/json\">", "</script>"));
    assertThat(data.path("a").size()).isEqualTo(records.size());
    assertThat(data.path("footer").path("sha256").asString()).isEqualTo(run.traceSha256());
    String[] lines = between(page, "type=\"text/plain\">\n", "</script>").split("\n");
    assertThat(lines).hasSize(records.size());
    long time = 0;
    long event = 0;
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      time += data.path("dt").get(i).asLong();
      event += data.path("de").get(i).asLong();
      assertThat(time).isEqualTo(record.path("t").asLong());
      assertThat(event).isEqualTo(record.path("e").asLong());
      assertThat(data.path("actors").get(data.path("a").get(i).asInt()).asString())
          .isEqualTo(record.path("actor").asString());
      String kind = data.path("kinds").get(data.path("k").get(i).asInt()).asString();
      assertThat(kind).isEqualTo(record.path("kind").asString());
      // The details line (with < written as \u003c) reads back as the rest of the record.
      JsonNode details = Json.MAPPER.readTree(lines[i]);
      record.properties().stream()
          .filter(e -> !List.of("i", "e", "t", "actor", "kind").contains(e.getKey()))
          .forEach(e -> assertThat(details.get(e.getKey())).isEqualTo(e.getValue()));
      // A link joins the two ends of one message.
      int link = data.path("link").get(i).asInt();
      if (link != 0) {
        JsonNode other = records.get(i + link);
        assertThat(other.path("id").asString()).isEqualTo(record.path("id").asString());
      }
      if (kind.equals("request.delivered")) {
        assertThat(link).as("delivery #%d links to its send", i).isNegative();
      }
    }
    assertThat(page).contains("\\u003c"); // the audit's "<n>" console lines, escaped
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> TraceViewer.writeHtml(missing, dir.resolve("x.html")))
        .hasMessage("cannot read trace " + missing + ": no such file");
    assertThatThrownBy(() -> PerfettoExport.write(missing, dir.resolve("x.json")))
        .hasMessage("cannot read trace " + missing + ": no such file");
    assertThat(dir.resolve("x.html")).doesNotExist();
  }

  @Test
  void aFileThatIsNoTraceIsNamed() throws Exception {
    Path notATrace = dir.resolve("notes.jsonl");
    Files.writeString(notATrace, "{\"hello\":1}\n");
    assertThatThrownBy(() -> TraceViewer.writeHtml(notATrace, dir.resolve("y.html")))
        .hasMessage("trace " + notATrace + " line 1: does not start with a w9y-trace/1 header");
    assertThat(dir.resolve("y.html")).doesNotExist();
  }

  @Test
  void aTruncatedTraceIsNamed() throws Exception {
    List<String> lines = Files.readAllLines(trace);
    Path cut = dir.resolve("cut.jsonl");
    Files.write(cut, lines.subList(0, lines.size() - 3));
    assertThatThrownBy(() -> TraceViewer.writeHtml(cut, dir.resolve("z.html")))
        .hasMessageContaining("trace " + cut + ": no footer after")
        .hasMessageContaining("the file is truncated");
    assertThatThrownBy(() -> PerfettoExport.write(cut, dir.resolve("z.json")))
        .hasMessageContaining("the file is truncated");
  }

  @Test
  void anUnfinishedRunsPartialTraceIsViewableWithoutAFooter() throws Exception {
    List<String> lines = Files.readAllLines(trace);
    Path partial = dir.resolve("died.jsonl.partial");
    Files.write(partial, lines.subList(0, lines.size() - 1));
    Path html = dir.resolve("died.html");
    TraceViewer.writeHtml(partial, html);
    JsonNode data =
        Json.MAPPER.readTree(
            between(Files.readString(html), "type=\"application/json\">", "</script>"));
    assertThat(data.path("footer").isNull()).isTrue();
    assertThat(data.path("a").size()).isEqualTo(lines.size() - 2);
  }

  @Test
  void withoutChromiumTheBrowserTestsFailSayingHowToInstallIt() {
    Path absent = dir.resolve("no-chromium");
    assertThatThrownBy(() -> Browser.requireInstalled(absent))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            absent
                + " is missing: the viewer's browser tests need headless Chromium; install it with"
                + " `sudo apt-get install chromium chromium-driver` (.ci/run does)");
  }

  static String between(String text, String start, String end) {
    Matcher m =
        Pattern.compile(Pattern.quote(start) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL)
            .matcher(text);
    assertThat(m.find()).as("page has %s...%s", start, end).isTrue();
    return m.group(1);
  }
}
