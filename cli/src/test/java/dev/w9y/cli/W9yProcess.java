package dev.w9y.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code w9y} as a separate process, as a user would: {@code java -cp <the test classpath>
 * dev.w9y.cli.Main ...} in the cli module's directory. The test classpath (Surefire's, so the
 * reactor's freshly compiled classes) is used instead of the shaded jar, so these tests need no
 * packaging step; {@code ./w9y} and the jar run the same Main.
 */
final class W9yProcess {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** Both streams, for assertion messages. */
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private W9yProcess() {}

  static Result run(String... args) {
    return runWithInput("", args);
  }

  /** As {@link #run}, with {@code input} as the process's standard input (a scripted session). */
  static Result runWithInput(String input, String... args) {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add("dev.w9y.cli.Main");
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("w9y-out", ".txt");
      Path err = Files.createTempFile("w9y-err", ".txt");
      Path in = Files.createTempFile("w9y-in", ".txt");
      Files.writeString(in, input, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(command)
              .directory(new File("."))
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("w9y " + String.join(" ", args) + " did not end in 10 minutes");
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      Files.delete(in);
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot start w9y: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
