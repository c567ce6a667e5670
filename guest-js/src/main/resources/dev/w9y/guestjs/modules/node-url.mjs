// `import ... from "node:url"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("url");
export default m;
export const { URL, URLSearchParams, Url, parse, format, resolve, resolveObject, fileURLToPath,
  pathToFileURL, urlToHttpOptions, domainToASCII, domainToUnicode } = m;
