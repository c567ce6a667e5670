package dev.w9y.debugger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The debugger driven by a script over the naive box office's failing seed: the screen must be
 * exactly the golden transcript (src/test/resources/.../naive-box-office.transcript). To accept a
 * deliberate change of the output, run with {@code -Dw9y.updateGolden=true} and review the diff.
 */
class DebuggerTest {
  private static final String DIR = "dev/w9y/debugger/";

  private static String resource(String name) throws IOException {
    try (InputStream in = DebuggerTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String session(TimeTravel tt, String script) {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
      Debugger.run(tt, new BufferedReader(new StringReader(script)), out, true);
    }
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aScriptedSessionPrintsExactlyTheGoldenTranscript() throws IOException {
    String script = resource("naive-box-office.script");
    String screen;
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      screen = session(tt, script);
    }
    Path golden = Path.of("src/test/resources", DIR, "naive-box-office.transcript");
    if (Boolean.getBoolean("w9y.updateGolden")) {
      Files.writeString(golden, screen);
    }
    assertThat(screen).isEqualTo(Files.readString(golden));
  }

  @Test
  void twoLoadsOfTheSeedPrintTheSameScreen() {
    String script = "goto #40\nshow\nwhy m20\nback 7\nprint\nquit\n";
    String first;
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      first = session(tt, script);
    }
    try (TimeTravel tt = TimeTravel.load(NaiveBoxOffice.failingSeed())) {
      assertThat(session(tt, script)).isEqualTo(first);
    }
  }
}
