// W9Y's small stand-in for web-platform-tests' testharness.js (WptRun puts it before a test file).
// It implements the parts .any.js tests use: test, async_test, promise_test, setup, done,
// step_timeout and the assert_* family. Synchronous tests run as they are declared, async tests
// start then, promise tests run one after another once the file has run; __wptResults() waits
// for all (on virtual time) and returns one {name, status, message} per test.
var __wptTests = [];
var __wptPromiseTests = [];
var __wptTimeoutMillis = 10000;

function AssertionError(message) {
  this.message = message;
}
AssertionError.prototype.toString = function () {
  return "AssertionError: " + this.message;
};

function format_value(value) {
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number" && Object.is(value, -0)) {
    return "-0";
  }
  if (typeof value === "symbol" || typeof value === "bigint") {
    return String(value) + (typeof value === "bigint" ? "n" : "");
  }
  if (Array.isArray(value)) {
    return "[" + value.map(format_value).join(", ") + "]";
  }
  try {
    return String(value);
  } catch (e) {
    return "<" + typeof value + ">";
  }
}

function __assert(ok, name, description, text) {
  if (!ok) {
    throw new AssertionError(
      name + ": " + (description ? description + " " : "") + text);
  }
}

function __same(a, b) {
  return Object.is(a, b);
}

function assert_true(actual, description) {
  __assert(actual === true, "assert_true", description, "expected true got " + format_value(actual));
}
function assert_false(actual, description) {
  __assert(actual === false, "assert_false", description, "expected false got " + format_value(actual));
}
function assert_equals(actual, expected, description) {
  __assert(__same(actual, expected), "assert_equals", description,
    "expected " + format_value(expected) + " but got " + format_value(actual));
}
function assert_not_equals(actual, expected, description) {
  __assert(!__same(actual, expected), "assert_not_equals", description,
    "got disallowed value " + format_value(actual));
}
function assert_in_array(actual, expected, description) {
  __assert(expected.indexOf(actual) !== -1, "assert_in_array", description,
    "value " + format_value(actual) + " not in array " + format_value(expected));
}
function assert_array_equals(actual, expected, description) {
  __assert(typeof actual === "object" && actual !== null && "length" in actual,
    "assert_array_equals", description, "value is " + format_value(actual) + ", expected array");
  __assert(actual.length === expected.length, "assert_array_equals", description,
    "lengths differ, expected array " + format_value(expected) + " length " + expected.length +
    ", got " + format_value(actual) + " length " + actual.length);
  for (var i = 0; i < actual.length; i++) {
    __assert(actual.hasOwnProperty(i) === expected.hasOwnProperty(i) && __same(actual[i], expected[i]),
      "assert_array_equals", description,
      "expected property " + i + " to be " + format_value(expected[i]) + " but got " +
      format_value(actual[i]));
  }
}
function assert_array_approx_equals(actual, expected, epsilon, description) {
  __assert(actual.length === expected.length, "assert_array_approx_equals", description, "lengths differ");
  for (var i = 0; i < actual.length; i++) {
    assert_approx_equals(actual[i], expected[i], epsilon, description);
  }
}
function assert_approx_equals(actual, expected, epsilon, description) {
  __assert(typeof actual === "number", "assert_approx_equals", description,
    "expected a number but got " + format_value(actual));
  __assert(actual === expected || Math.abs(actual - expected) <= epsilon, "assert_approx_equals",
    description, "expected " + format_value(expected) + " +/- " + epsilon + " but got " + format_value(actual));
}
function assert_less_than(actual, expected, description) {
  __assert(typeof actual === "number" && actual < expected, "assert_less_than", description,
    "expected a number less than " + expected + " but got " + format_value(actual));
}
function assert_greater_than(actual, expected, description) {
  __assert(typeof actual === "number" && actual > expected, "assert_greater_than", description,
    "expected a number greater than " + expected + " but got " + format_value(actual));
}
function assert_less_than_equal(actual, expected, description) {
  __assert(typeof actual === "number" && actual <= expected, "assert_less_than_equal", description,
    "expected a number at most " + expected + " but got " + format_value(actual));
}
function assert_greater_than_equal(actual, expected, description) {
  __assert(typeof actual === "number" && actual >= expected, "assert_greater_than_equal", description,
    "expected a number at least " + expected + " but got " + format_value(actual));
}
function assert_between_inclusive(actual, lower, upper, description) {
  __assert(typeof actual === "number" && actual >= lower && actual <= upper,
    "assert_between_inclusive", description, "expected a number in [" + lower + ", " + upper + "] but got " + format_value(actual));
}
function assert_regexp_match(actual, expected, description) {
  __assert(expected.test(actual), "assert_regexp_match", description,
    "expected " + format_value(expected) + " but got " + format_value(actual));
}
function assert_class_string(object, class_string, description) {
  var actual = Object.prototype.toString.call(object);
  assert_equals(actual, "[object " + class_string + "]", description);
}
function assert_own_property(object, property_name, description) {
  __assert(Object.prototype.hasOwnProperty.call(object, property_name), "assert_own_property",
    description, "expected property " + format_value(property_name) + " missing");
}
function assert_not_own_property(object, property_name, description) {
  __assert(!Object.prototype.hasOwnProperty.call(object, property_name), "assert_not_own_property",
    description, "unexpected property " + format_value(property_name) + " is found on object");
}
function assert_inherits(object, property_name, description) {
  __assert(typeof object === "object" || typeof object === "function", "assert_inherits", description,
    "provided value is not an object");
  __assert(!Object.prototype.hasOwnProperty.call(object, property_name) && property_name in object,
    "assert_inherits", description, "property " + format_value(property_name) + " not inherited");
}
var assert_idl_attribute = assert_inherits;
function assert_readonly(object, property_name, description) {
  var initial = object[property_name];
  try {
    object[property_name] = initial + "a";
    assert_equals(object[property_name], initial, description);
  } finally {
    object[property_name] = initial;
  }
}
function assert_object_equals(actual, expected, description) {
  function check(a, e, path) {
    if (typeof e !== "object" || e === null) {
      __assert(__same(a, e), "assert_object_equals", description,
        path + " expected " + format_value(e) + " got " + format_value(a));
      return;
    }
    for (var p in a) {
      __assert(Object.prototype.hasOwnProperty.call(e, p), "assert_object_equals", description,
        "unexpected property " + path + "." + p);
      check(a[p], e[p], path + "." + p);
    }
    for (var q in e) {
      __assert(Object.prototype.hasOwnProperty.call(a, q), "assert_object_equals", description,
        "expected property " + path + "." + q + " missing");
    }
  }
  check(actual, expected, "");
}
function assert_unreached(description) {
  __assert(false, "assert_unreached", description, "Reached unreachable code");
}
function assert_implements(condition, description) {
  __assert(!!condition, "assert_implements", description, "");
}
function assert_implements_optional(condition, description) {
  __assert(!!condition, "assert_implements_optional", description, "");
}
function assert_any(assert_func, actual, expected_array) {
  var args = [].slice.call(arguments, 3);
  var errors = [];
  for (var i = 0; i < expected_array.length; i++) {
    try {
      assert_func.apply(this, [actual, expected_array[i]].concat(args));
      return;
    } catch (e) {
      errors.push(e.message);
    }
  }
  throw new AssertionError(errors.join("\n\n"));
}

function assert_throws_js(constructor, func, description) {
  try {
    func.call(this);
  } catch (e) {
    __assert(typeof e === "object" && e !== null, "assert_throws_js", description,
      "threw non-object " + format_value(e));
    __assert(e.constructor === constructor && e.name === constructor.name, "assert_throws_js",
      description, "expected " + constructor.name + " but got " + format_value(e.constructor && e.constructor.name) +
      " (" + format_value(e.message) + ")");
    return;
  }
  __assert(false, "assert_throws_js", description, "function did not throw");
}

var __domCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
  InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19,
  AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
  InvalidNodeTypeError: 24, DataCloneError: 25,
};
var __domLegacyNames = {
  INDEX_SIZE_ERR: "IndexSizeError", HIERARCHY_REQUEST_ERR: "HierarchyRequestError",
  INVALID_CHARACTER_ERR: "InvalidCharacterError", NOT_FOUND_ERR: "NotFoundError",
  NOT_SUPPORTED_ERR: "NotSupportedError", INVALID_STATE_ERR: "InvalidStateError",
  SYNTAX_ERR: "SyntaxError", INVALID_ACCESS_ERR: "InvalidAccessError",
  TYPE_MISMATCH_ERR: "TypeMismatchError", SECURITY_ERR: "SecurityError",
  NETWORK_ERR: "NetworkError", ABORT_ERR: "AbortError", QUOTA_EXCEEDED_ERR: "QuotaExceededError",
  TIMEOUT_ERR: "TimeoutError", DATA_CLONE_ERR: "DataCloneError",
};
function __checkDom(type, e, description, name) {
  var expected = typeof type === "number" ? null : (__domLegacyNames[type] || type);
  __assert(typeof e === "object" && e !== null, name, description, "threw non-object " + format_value(e));
  __assert(e instanceof DOMException, name, description,
    "expected a DOMException but got " + format_value(e && e.name) + " (" + format_value(e && e.message) + ")");
  if (expected !== null) {
    __assert(e.name === expected, name, description,
      "expected name " + format_value(expected) + " but got " + format_value(e.name));
    if (expected in __domCodes) {
      __assert(e.code === __domCodes[expected], name, description, "wrong code " + e.code);
    }
  } else {
    __assert(e.code === type, name, description, "wrong code " + e.code);
  }
}
function assert_throws_dom(type, funcOrConstructor, descriptionOrFunc, maybeDescription) {
  var func = typeof descriptionOrFunc === "function" ? descriptionOrFunc : funcOrConstructor;
  var description = typeof descriptionOrFunc === "function" ? maybeDescription : descriptionOrFunc;
  try {
    func.call(this);
  } catch (e) {
    __checkDom(type, e, description, "assert_throws_dom");
    return;
  }
  __assert(false, "assert_throws_dom", description, "function did not throw");
}
function assert_throws_exactly(exception, func, description) {
  try {
    func.call(this);
  } catch (e) {
    __assert(__same(e, exception), "assert_throws_exactly", description,
      "expected " + format_value(exception) + " but got " + format_value(e));
    return;
  }
  __assert(false, "assert_throws_exactly", description, "function did not throw");
}
function promise_rejects_js(t, constructor, promise, description) {
  return promise.then(
    function () { assert_unreached("Should have rejected: " + (description || "")); },
    function (e) { assert_throws_js(constructor, function () { throw e; }, description); });
}
function promise_rejects_dom(t, type, promiseOrConstructor, descriptionOrPromise, maybeDescription) {
  var promise = typeof descriptionOrPromise === "object" && descriptionOrPromise !== null &&
    typeof descriptionOrPromise.then === "function" ? descriptionOrPromise : promiseOrConstructor;
  var description = promise === promiseOrConstructor ? descriptionOrPromise : maybeDescription;
  return promise.then(
    function () { assert_unreached("Should have rejected: " + (description || "")); },
    function (e) { __checkDom(type, e, description, "promise_rejects_dom"); });
}
function promise_rejects_exactly(t, exception, promise, description) {
  return promise.then(
    function () { assert_unreached("Should have rejected: " + (description || "")); },
    function (e) { assert_throws_exactly(exception, function () { throw e; }, description); });
}

function Test(name) {
  this.name = name;
  this.status = null;
  this.message = null;
  this.cleanups = [];
  this.finished = false;
  var self = this;
  this.donePromise = new Promise(function (resolve) { self.resolveDone = resolve; });
  __wptTests.push(this);
}
Test.prototype.step = function (func, thisObj) {
  if (this.finished) {
    return undefined;
  }
  try {
    return func.apply(thisObj === undefined ? this : thisObj, [].slice.call(arguments, 2));
  } catch (e) {
    this.fail(e);
    return undefined;
  }
};
Test.prototype.fail = function (e) {
  if (this.finished) {
    return;
  }
  this.status = "FAIL";
  this.message = e instanceof AssertionError ? e.message : String(e && e.stack ? e : e);
  if (!(e instanceof AssertionError) && e && e.name) {
    this.message = e.name + ": " + e.message;
  }
  this.finish();
};
Test.prototype.step_func = function (func, thisObj) {
  var self = this;
  return function () {
    return self.step.apply(self, [func, thisObj === undefined ? this : thisObj].concat([].slice.call(arguments)));
  };
};
Test.prototype.step_func_done = function (func, thisObj) {
  var self = this;
  return function () {
    if (func) {
      self.step.apply(self, [func, thisObj === undefined ? this : thisObj].concat([].slice.call(arguments)));
    }
    self.done();
  };
};
Test.prototype.unreached_func = function (description) {
  return this.step_func(function () { assert_unreached(description); });
};
Test.prototype.step_timeout = function (func, timeout) {
  var self = this;
  var args = [].slice.call(arguments, 2);
  return setTimeout(function () { self.step.apply(self, [func, self].concat(args)); }, timeout);
};
Test.prototype.step_wait = function (cond, description, timeout, interval) {
  var self = this;
  timeout = timeout === undefined ? 3000 : timeout;
  interval = interval === undefined ? 100 : interval;
  return new Promise(function (resolve, reject) {
    var waited = 0;
    (function poll() {
      if (cond()) {
        resolve();
      } else if (waited >= timeout) {
        reject(new AssertionError("step_wait: " + (description || "timed out")));
      } else {
        waited += interval;
        setTimeout(poll, interval);
      }
    })();
  });
};
Test.prototype.add_cleanup = function (func) {
  this.cleanups.push(func);
};
Test.prototype.done = function () {
  if (!this.finished) {
    this.status = "PASS";
    this.finish();
  }
};
Test.prototype.finish = function () {
  this.finished = true;
  for (var i = 0; i < this.cleanups.length; i++) {
    try {
      this.cleanups[i]();
    } catch (e) {
      // testharness.js reports a failing cleanup on the harness; here it is ignored.
    }
  }
  this.resolveDone();
};

function __nameOf(func, name) {
  return name || (func && func.name) || "(unnamed test)";
}

function test(func, name) {
  var t = new Test(__nameOf(func, name));
  t.step(func, t, t);
  t.done();
}
function async_test(func, name) {
  if (typeof func !== "function") {
    return new Test(func || "(unnamed async test)");
  }
  var t = new Test(__nameOf(func, name));
  t.step(func, t, t);
  return t;
}
function promise_test(func, name) {
  __wptPromiseTests.push({ func: func, name: __nameOf(func, name) });
}
function setup(funcOrProperties, maybeProperties) {
  if (typeof funcOrProperties === "function") {
    funcOrProperties();
  }
}
function promise_setup(func) {
  __wptPromiseTests.push({ setup: func });
}
function done() {}
function step_timeout(func, timeout) {
  var args = [].slice.call(arguments, 2);
  return setTimeout(function () { func.apply(this, args); }, timeout);
}
function add_completion_callback() {}
function add_result_callback() {}
function fetch_tests_from_worker() {}
var GLOBAL = {
  isWindow: function () { return false; },
  isWorker: function () { return false; },
  isShadowRealm: function () { return false; },
};
var self = globalThis;
// The test page's location, which Workers lack: no ?variant, so common/subset-tests.js runs all.
var location = { href: "http://wpt/", search: "" };

function __wptTimeout(millis) {
  return new Promise(function (resolve) { setTimeout(resolve, millis); });
}

async function __wptResults(loadError) {
  for (var i = 0; i < __wptPromiseTests.length; i++) {
    var entry = __wptPromiseTests[i];
    if (entry.setup) {
      await entry.setup();
      continue;
    }
    var t = new Test(entry.name);
    var outcome = (async function (t, func) {
      try {
        await func.call(t, t);
        t.done();
      } catch (e) {
        t.fail(e);
      }
    })(t, entry.func);
    await Promise.race([outcome, __wptTimeout(__wptTimeoutMillis)]);
  }
  await Promise.race([
    Promise.all(__wptTests.map(function (t) { return t.donePromise; })),
    __wptTimeout(__wptTimeoutMillis),
  ]);
  var results = __wptTests.map(function (t) {
    return { name: t.name, status: t.finished ? t.status : "TIMEOUT", message: t.message };
  });
  if (loadError) {
    results.push({ name: "(the file itself)", status: "ERROR", message: loadError });
  }
  return results;
}
