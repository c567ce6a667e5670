package dev.w9y.cli;

import picocli.CommandLine.Command;

/** {@code w9y contract}: tools over service contracts (diff, types). */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description = "Tools over service contracts (OpenAPI 3.0/3.1, JSON Schema routes, protobuf).",
    subcommands = {
      ContractDiffCommand.class,
      ContractTypesCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class ContractCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required (diff, types)");
  }
}
