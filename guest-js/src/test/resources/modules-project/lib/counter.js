// A CommonJS module of the project itself (no import/export): sloppy mode, module-level state.
var count = 0;
function next() {
  count = count + 1;
  return count;
}
undeclared = "sloppy mode assigns globals";
module.exports = { next: next, label: "counter" };
