// What a CommonJS module sees of its wrapper.
leaked = "sloppy mode assigns globals";
module.exports = {
  thisIsExports: this === module.exports,
  types: [typeof require, typeof module, typeof exports, typeof __filename, typeof __dirname],
  sloppy: typeof leaked === "string" && globalThis.leaked === leaked,
  requireResolve: typeof require.resolve,
  moduleKeys: ["exports", "id", "loaded", "children", "parent", "filename", "paths"].map((k) => k in module),
};
