const a = require("./cycle-a.cjs");
module.exports = { sawOfA: Object.keys(a), same: require("./cycle-a.cjs") === a };
