// exports.x = ... (what TypeScript's and Babel's CommonJS output looks like)
let n = 0;
exports.greet = function (who) { return "hello " + who; };
exports.next = () => ++n;
exports.answer = 42;
