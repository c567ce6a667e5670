module.exports = require("./counter");
