// An ES module imported without its extension, as bundler-style code does.
export function helper() {
  return "extensionless";
}
