package dev.w9y.cli;

import dev.w9y.contracts.diff.Change;
import dev.w9y.contracts.diff.ContractDiff;
import dev.w9y.contracts.diff.DiffReport;
import dev.w9y.core.http.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code w9y contract diff OLD NEW}: what changed between two versions of a contract. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the changes from OLD to NEW (two versions of one contract, same format), each",
      "BREAKING (a caller written against OLD can fail against NEW) or NON_BREAKING, with the",
      "operation and a JSON pointer: /request/body/..., /request/query/NAME,",
      "/responses/STATUS/body/... (* stands for every item of an array)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No breaking change.",
      "1:Breaking changes.",
      "2:Bad usage or input (a file missing or not a contract, formats differ)."
    },
    footer = {
      "",
      "Example:",
      "  w9y contract diff samples/src/main/js/upgrade/accounts-v1.openapi.yaml \\",
      "      samples/src/main/js/upgrade/accounts-v2.openapi.yaml"
    })
final class ContractDiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "OLD",
      description = "The contract callers were written against.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The contract the callee now has.")
  Path after;

  @Option(names = "--json", description = "One JSON document instead of lines of text.")
  boolean json;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    for (Path file : new Path[] {before, after}) {
      if (!Files.isRegularFile(file)) {
        throw new CliError(file + ": no such file");
      }
    }
    DiffReport report = ContractDiff.compare(before, after);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
      out.println();
    } else {
      out.println(
          "w9y contract diff "
              + before
              + " -> "
              + after
              + ": "
              + report.breaking().size()
              + " breaking, "
              + (report.changes().size() - report.breaking().size())
              + " non-breaking");
      for (Change change : report.changes()) {
        out.println("  " + change.describe());
      }
    }
    out.flush();
    return report.hasBreakingChanges() ? ExitCodes.BREAKING_CHANGES : ExitCodes.OK;
  }

  private ObjectNode toJson(DiffReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("old", before.toString());
    root.put("new", after.toString());
    root.put("breaking", report.breaking().size());
    root.put("nonBreaking", report.changes().size() - report.breaking().size());
    ArrayNode changes = root.putArray("changes");
    for (Change change : report.changes()) {
      ObjectNode node = changes.addObject();
      node.put("severity", change.severity().name());
      node.put("kind", change.kind().id());
      node.put("operation", change.operation());
      node.put("pointer", change.pointer());
      node.put("message", change.message());
    }
    return root;
  }
}
