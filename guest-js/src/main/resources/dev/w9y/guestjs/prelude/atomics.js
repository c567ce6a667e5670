// Atomics on one thread, as workerd has them. A guest context never has a second thread (the
// sandbox allows none), so no other agent changes shared memory or wakes a waiter: SharedArrayBuffer
// and the Atomics operations are as deterministic as ArrayBuffer. What would block or wait is
// replaced, after GraalJS's own argument checks (its messages are V8's words):
// - Atomics.wait would block the only thread: refused, with workerd's TypeError.
// - Atomics.waitAsync waiters: workerd (V8) settles their promises on a platform task it never
//   runs inside a request, so they never settle there; GraalJS would time them out on the wall
//   clock. Here they never settle either; Atomics.notify counts and removes them, as in workerd.
// Needs: runtime.js (the bounded SharedArrayBuffer).
(function (internal) {
  "use strict";
  const nativeWaitAsync = Atomics.waitAsync;
  const nativeNotify = Atomics.notify;
  const waiters = []; // { buffer, byteIndex } in the order they started waiting
  const define = (name, fn) => Object.defineProperty(Atomics, name, {
    value: fn, writable: true, enumerable: false, configurable: true,
  });

  // The spec's checks (an Int32Array or BigInt64Array on shared memory, the index in range, the
  // value and timeout converted) and its comparison, with a zero timeout so nothing waits:
  // "not-equal", or "timed-out" where a real wait would start.
  function check(typedArray, index, value) {
    return nativeWaitAsync.call(Atomics, typedArray, index, value, 0);
  }
  const byteIndex = (typedArray, index) =>
    typedArray.byteOffset + Math.trunc(Number(index) || 0) * typedArray.BYTES_PER_ELEMENT;

  define("wait", {
    wait(typedArray, index, value, timeout) {
      check(typedArray, index, value);
      throw new TypeError("Atomics.wait cannot be called in this context");
    },
  }.wait);

  define("waitAsync", {
    waitAsync(typedArray, index, value, timeout) {
      const checked = check(typedArray, index, value);
      if (checked.value === "not-equal") return checked;
      const ms = timeout === undefined ? Infinity : +timeout; // NaN waits for ever, as +Infinity
      if (ms <= 0) return checked; // { async: false, value: "timed-out" }
      waiters.push({ buffer: typedArray.buffer, byteIndex: byteIndex(typedArray, index) });
      return { async: true, value: new Promise(() => {}) };
    },
  }.waitAsync);

  define("notify", {
    notify(typedArray, index, count) {
      const woken = nativeNotify.apply(Atomics, arguments); // checks; no native waiter exists
      let left = count === undefined ? Infinity : Math.max(Math.trunc(Number(count)) || 0, 0);
      const at = byteIndex(typedArray, index);
      let notified = 0;
      for (let i = 0; i < waiters.length && left > 0;) {
        if (waiters[i].buffer === typedArray.buffer && waiters[i].byteIndex === at) {
          waiters.splice(i, 1);
          notified++;
          left--;
        } else {
          i++;
        }
      }
      return woken + notified;
    },
  }.notify);
});
