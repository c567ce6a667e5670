package dev.w9y.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.ForbiddenApiException;
import de.thetaphi.forbiddenapis.Logger;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the project's signatures files (config/forbidden-apis/, the same files the build
 * applies to every simulation module) catch nondeterminism, and that {@link AllowNondeterminism} is
 * the only way past them. Each case compiles a small class at test time so that no violating class
 * ever sits in the source tree.
 *
 * <p>The same demonstration on a real build: add {@code long t = System.currentTimeMillis();} to
 * any method in sim-scheduler and run {@code mvn -q -pl sim-scheduler process-classes} (or any
 * later phase: test, verify); it fails with "Forbidden method invocation:
 * java.lang.System#currentTimeMillis() [Wall clock: ...]".
 */
class NondeterminismBanTest {
  @TempDir Path classes;

  private final List<String> violations = new ArrayList<>();

  @Test
  void readingTheWallClockFailsTheBan() throws Exception {
    compile("WallClock", "long now() { return System.currentTimeMillis(); }");

    assertThatThrownBy(this::check).isInstanceOf(ForbiddenApiException.class);
    assertThat(violations)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("java.lang.System#currentTimeMillis()")
                    .contains("virtual clock"));
  }

  @Test
  void unseededRandomnessThreadsHashOrderAndPrintingAreAllBanned() throws Exception {
    compile("AmbientRandom", "double r() { return Math.random(); }");
    compile("Uuid", "Object u() { return java.util.UUID.randomUUID(); }");
    compile("Threads", "void t() { new Thread(() -> {}).start(); }");
    compile("HashOrder", "Object m() { return new java.util.HashMap<String, String>(); }");
    compile("SaltedSet", "Object s() { return java.util.Set.of(\"a\", \"b\"); }");
    compile("Printing", "void p() { System.out.println(\"hi\"); }");

    assertThatThrownBy(this::check).isInstanceOf(ForbiddenApiException.class);
    assertThat(String.join("\n", violations))
        .contains("java.lang.Math#random()")
        .contains("java.util.UUID#randomUUID()")
        .contains("java.lang.Thread")
        .contains("java.util.HashMap#<init>()")
        .contains("java.util.Set#of")
        .contains("java.lang.System#out");
  }

  @Test
  void anAnnotationWithAReasonIsTheOneEscape() throws Exception {
    compile(
        "Excused",
        "@dev.w9y.scheduler.AllowNondeterminism(reason = \"prints a result for a person\")\n"
            + "void p() { System.out.println(System.currentTimeMillis()); }");
    compile(
        "Deterministic", "Object m() { return new java.util.LinkedHashMap<String, String>(); }");

    check();

    assertThat(violations).isEmpty();
  }

  private void compile(String className, String body) throws IOException {
    Path source = classes.resolve("src").resolve(className + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source, "public class " + className + " {\n" + body + "\n}\n", StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.resolve("out").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            source.toString());
    assertThat(status).as("fixture %s compiles", className).isZero();
  }

  private void check() throws Exception {
    Checker checker =
        new Checker(
            new RecordingLogger(),
            NondeterminismBanTest.class.getClassLoader(),
            Checker.Option.FAIL_ON_VIOLATION);
    File config = new File(System.getProperty("w9y.buildConfigDir", "../config"));
    checker.parseSignaturesFile(new File(config, "forbidden-apis/nondeterminism.txt"));
    checker.parseSignaturesFile(new File(config, "forbidden-apis/library-output.txt"));
    checker.addSuppressAnnotation(AllowNondeterminism.class);
    List<File> compiled = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve("out"))) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .forEach(f -> compiled.add(f.toFile()));
    }
    checker.addClassesToCheck(compiled);
    checker.run();
  }

  private final class RecordingLogger implements Logger {
    @Override
    public void error(String msg) {
      violations.add(msg);
    }

    @Override
    public void warn(String msg) {
      violations.add(msg);
    }

    @Override
    public void info(String msg) {}

    @Override
    public void debug(String msg) {}
  }
}
