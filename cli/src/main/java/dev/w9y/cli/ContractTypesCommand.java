package dev.w9y.cli;

import dev.w9y.contracts.types.TypeScriptDeclarations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code w9y contract types CONTRACT --out DIR}: TypeScript declarations for a contract. */
@Command(
    name = "types",
    mixinStandardHelpOptions = true,
    description = {
      "Writes TypeScript declarations (NAME.d.ts) for CONTRACT into DIR: a type per named schema,",
      "an interface per operation (method, path, params, request, responses by status), the",
      "Operations map and the typed face of w9y.contract(service), for editor support."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Written.", "2:Bad usage or input (a file missing or not a contract)."},
    footer = {
      "",
      "Example:",
      "  w9y contract types samples/src/main/js/upgrade/accounts-v1.openapi.yaml --out types"
    })
final class ContractTypesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "CONTRACT",
      description = "An OpenAPI document or routes file.")
  Path contract;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where to write the .d.ts file (default: the working directory).")
  Path out;

  @Mixin Verbose verbose;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(contract)) {
      throw new CliError(contract + ": no such file");
    }
    Path written = TypeScriptDeclarations.write(contract, out);
    spec.commandLine().getOut().println("w9y contract types " + contract + ": wrote " + written);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
