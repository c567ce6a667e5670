package dev.w9y.cli;

import picocli.CommandLine.Command;

/**
 * {@code w9y}: the top of the command tree. A subcommand is one class with {@code @Command} and
 * {@code Callable<Integer>} (returning an {@link ExitCodes} code), listed in {@code subcommands}.
 */
@Command(
    name = "w9y",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Deterministic simulation testing for JavaScript and WebAssembly services.",
    subcommands = {
      RunCommand.class,
      FuzzCommand.class,
      ReplayCommand.class,
      ShrinkCommand.class,
      MergeCommand.class,
      DebugCommand.class,
      ViewCommand.class,
      ExportCommand.class,
      ContractCommand.class,
      WorkflowCommand.class,
      picocli.CommandLine.HelpCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Passed / identical / done.",
      "1:A seed failed (run, fuzz, merge); breaking changes (contract diff).",
      "2:Bad usage or input (unknown option, missing or malformed file, bad topology).",
      "3:Replay diverged from the recorded trace.",
    },
    footer = {
      "",
      "Examples:",
      "  w9y run samples/topologies/box-office/w9y.yaml --seed 7",
      "  w9y fuzz samples/topologies/box-office/w9y.yaml --seeds 200 --out w9y-out",
      "  w9y replay w9y-out/seed-7.jsonl",
      "  w9y debug w9y-out/seed-7.jsonl",
      "  w9y view w9y-out/seed-7.jsonl",
      "  w9y contract diff accounts-v1.openapi.yaml accounts-v2.openapi.yaml",
    })
final class W9yCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // `w9y` alone: the usage, as a mistake (no subcommand given).
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "a subcommand is required (run, fuzz, replay, shrink, merge, debug, view, export, contract)");
  }
}
