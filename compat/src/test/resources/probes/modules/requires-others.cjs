// require() of a Text, a Data and a JSON-less CommonJS module, and of a module that is not there.
let missing;
try {
  require("./not-there.cjs");
  missing = "no error";
} catch (e) {
  missing = [e.name, e.message, e.code];
}
module.exports = {
  text: require("./notes.txt"),
  data: Array.from(new Uint8Array(require("./blob.bin"))).slice(0, 4),
  odd: require("./is-odd.cjs")(3),
  cached: require("./named.cjs") === require("./named.cjs"),
  missing,
};
