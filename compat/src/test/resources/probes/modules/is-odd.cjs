/*!
 * is-odd <https://github.com/jonschlinkert/is-odd> (the npm package's code, MIT)
 */
'use strict';

const isNumber = require('./is-number.cjs');

module.exports = function isOdd(value) {
  const n = Math.abs(value);
  if (!isNumber(n)) {
    throw new TypeError('expected a number');
  }
  if (!Number.isInteger(n)) {
    throw new Error('expected an integer');
  }
  if (!Number.isSafeInteger(n)) {
    throw new Error('value exceeds maximum safe integer');
  }
  return (n % 2) === 1;
};
