// `import ... from "node:fs"` (nodejs_compat): the module prelude/node-*.js builds on first import.
const m = globalThis.__w9yNode.require("fs");
export default m;
export const { accessSync, appendFileSync, closeSync, copyFileSync, existsSync, fstatSync,
  lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync,
  realpathSync, renameSync, rmSync, rmdirSync, statSync, symlinkSync, truncateSync, unlinkSync,
  writeFileSync, writeSync, fsyncSync, fdatasyncSync, chmodSync, chownSync, utimesSync, cpSync,
  access, appendFile, close, copyFile, exists, fstat, lstat, mkdir, mkdtemp, open, read, readFile,
  readdir, readlink, realpath, rename, rm, rmdir, stat, symlink, truncate, unlink, writeFile, write,
  fsync, fdatasync, chmod, chown, utimes, cp, createReadStream, createWriteStream, constants,
  promises, Stats, Dirent, F_OK, R_OK, W_OK, X_OK } = m;
