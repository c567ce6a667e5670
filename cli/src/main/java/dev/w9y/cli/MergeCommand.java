package dev.w9y.cli;

import dev.w9y.junit.RegressionCorpus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code w9y merge}: one report from the {@code result.json} of several fuzz shards. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Combines fuzz shards' result.json files into one report.",
      "The report has the seeds, the failures with their reproduce commands and the sometimes",
      "coverage; --corpus adds the failing seeds to a regression",
      "corpus file (one seed a line, as @W9ySimulation's .seeds files)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:No shard had a failure.", "1:A seed failed.", "2:Bad usage or input."})
final class MergeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULT", description = "Shards' result.json files.")
  List<Path> results;

  @Option(
      names = "--corpus",
      paramLabel = "FILE",
      description = "A regression corpus file to add the failing seeds to.")
  Path corpus;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    List<ShardResult> shards = new ArrayList<>();
    for (Path file : results) {
      ShardResult shard = ShardResult.read(file);
      if (!shards.isEmpty() && !shards.get(0).topology().equals(shard.topology())) {
        throw new CliError(
            file
                + ": a shard of "
                + shard.topology()
                + ", not of "
                + shards.get(0).topology()
                + " like "
                + results.get(0));
      }
      shards.add(shard);
    }
    long seeds = 0;
    List<ShardResult.Failure> failures = new ArrayList<>();
    Map<String, Integer> coverage = new TreeMap<>();
    List<String> parts = new ArrayList<>();
    for (ShardResult shard : shards) {
      seeds += shard.seedsRun();
      failures.addAll(shard.failures());
      shard.coverage().forEach((check, fired) -> coverage.merge(check, fired, Integer::sum));
      parts.add(shard.shard());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "w9y merge "
            + shards.get(0).topology()
            + ": "
            + shards.size()
            + " shards "
            + parts
            + ", "
            + seeds
            + " seeds, "
            + failures.size()
            + " failed");
    for (ShardResult.Failure failure : failures) {
      out.println("  seed " + failure.seed() + ": " + failure.failure());
      out.println("    reproduce: " + failure.reproduce());
      out.println("    trace:     " + failure.trace() + " (sha256 " + failure.traceSha256() + ")");
      if (failure.plan() != null) {
        out.println("    plan:      " + failure.plan());
      }
    }
    long total = seeds;
    if (!coverage.isEmpty()) {
      out.println("  sometimes coverage (seeds in which the check fired):");
      coverage.forEach(
          (check, fired) ->
              out.println(
                  String.format(
                      Locale.ROOT,
                      "    %5d/%-5d %s%s",
                      fired,
                      total,
                      check,
                      fired == 0 ? "   <- NEVER" : "")));
    }
    if (corpus != null) {
      RegressionCorpus regressions = new RegressionCorpus(corpus);
      for (ShardResult.Failure failure : failures) {
        regressions.add(failure.seed(), failure.failure());
      }
      out.println("  corpus:    " + corpus + " (" + regressions.seeds().size() + " seeds)");
    }
    out.flush();
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.SEED_FAILED;
  }
}
