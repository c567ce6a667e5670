exports.fromA = "a, before requiring b";
const b = require("./cycle-b.cjs");
exports.late = "a, after requiring b";
module.exports.b = b;
