// DOM Standard §3.1–3.2: AbortController and AbortSignal, on virtual time for
// AbortSignal.timeout. Needs dom-exception.js, event.js (Event, EventTarget), runtime.js (timers).
(function (internal) {
  "use strict";
  const CREATE = Symbol("create AbortSignal");

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #algorithms = [];
    #onabort = null;

    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor: use new AbortController().signal");
      super();
    }

    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }

    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }

    get onabort() { return this.#onabort; }
    set onabort(handler) {
      if (this.#onabort !== null) this.removeEventListener("abort", this.#onabort);
      this.#onabort = typeof handler === "function" ? handler : null;
      if (this.#onabort !== null) this.addEventListener("abort", this.#onabort);
    }

    static abort(reason) {
      const signal = new AbortSignal(CREATE);
      signal.#aborted = true;
      signal.#reason = reason !== undefined ? reason
        : new internal.DOMException("signal is aborted without reason", "AbortError");
      return signal;
    }

    static timeout(milliseconds) {
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms) || ms < 0 || ms > Number.MAX_SAFE_INTEGER) {
        throw new TypeError(`AbortSignal.timeout: ${milliseconds} is not a valid delay`);
      }
      const signal = new AbortSignal(CREATE);
      setTimeout(() => {
        AbortSignal.#signalAbort(signal, new internal.DOMException("signal timed out", "TimeoutError"));
      }, ms);
      return signal;
    }

    static any(signals) {
      const result = new AbortSignal(CREATE);
      const list = Array.from(signals);
      for (const signal of list) {
        if (!(signal instanceof AbortSignal)) throw new TypeError("AbortSignal.any takes AbortSignals");
        if (signal.aborted) {
          result.#aborted = true;
          result.#reason = signal.reason;
          return result;
        }
      }
      for (const signal of list) {
        signal.#algorithms.push(() => AbortSignal.#signalAbort(result, signal.reason));
      }
      return result;
    }

    // DOM "signal abort": set the reason, run the algorithms, fire "abort".
    static #signalAbort(self, reason) {
      if (self.#aborted) return;
      self.#aborted = true;
      self.#reason = reason !== undefined ? reason
        : new internal.DOMException("signal is aborted without reason", "AbortError");
      const algorithms = self.#algorithms;
      self.#algorithms = [];
      for (const algorithm of algorithms) algorithm();
      self.dispatchEvent(new Event("abort"));
    }

    static signalAbort(signal, reason) { AbortSignal.#signalAbort(signal, reason); }
  }
  const signalAbort = AbortSignal.signalAbort;
  delete AbortSignal.signalAbort;
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: "AbortSignal", configurable: true });

  class AbortController {
    #signal = new AbortSignal(CREATE);
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason); }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: "AbortController", configurable: true });

  internal.defineGlobal("AbortSignal", AbortSignal);
  internal.defineGlobal("AbortController", AbortController);
});
