package dev.w9y.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code w9y --version}: the version the jar was built as. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"w9y " + (version == null ? "(development build)" : version)};
  }
}
