// `import ... from "node:fs/promises"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("fs/promises");
export default m;
export const { access, appendFile, chmod, chown, copyFile, cp, lstat, mkdir, mkdtemp, open,
  readFile, readdir, readlink, realpath, rename, rm, rmdir, stat, symlink, truncate, unlink, utimes,
  writeFile, constants, FileHandle } = m;
