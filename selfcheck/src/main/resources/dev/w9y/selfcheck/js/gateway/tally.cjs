// The determinism self-check's CommonJS module (as an npm dependency would be): module state,
// a nested require, module.exports replaced by an object.
const format = require("./format.cjs");
let count = 0;
module.exports = {
  next(weight) {
    count += 1;
    return format.line(count, weight);
  },
};
