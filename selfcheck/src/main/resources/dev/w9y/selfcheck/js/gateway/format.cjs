exports.line = function line(count, weight) {
  return "#" + count + " w=" + weight.toFixed(6);
};
