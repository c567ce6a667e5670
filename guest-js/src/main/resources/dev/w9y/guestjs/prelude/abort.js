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
    #dependent = false;
    #sources = []; // a dependent signal's source signals
    #dependents = []; // a source signal's dependent signals

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
      internal.checkNotGlobalScope(); // as in workerd
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

    // DOM "create a dependent abort signal": a dependent signal follows the source signals (never
    // other dependents), so aborting a source reaches every signal made from it in creation order.
    static any(signals) {
      const result = new AbortSignal(CREATE);
      const list = Array.from(signals);
      for (const signal of list) {
        if (!(signal instanceof AbortSignal)) throw new TypeError("AbortSignal.any takes AbortSignals");
      }
      for (const signal of list) {
        if (signal.#aborted) {
          result.#aborted = true;
          result.#reason = signal.#reason;
          return result;
        }
      }
      result.#dependent = true;
      for (const signal of list) {
        const sources = signal.#dependent ? signal.#sources : [signal];
        for (const source of sources) {
          if (result.#sources.includes(source)) continue;
          result.#sources.push(source);
          source.#dependents.push(result);
        }
      }
      return result;
    }

    // DOM "signal abort": the signal and its not yet aborted dependents take the reason first;
    // then the signal's abort steps run, then each dependent's.
    static #signalAbort(self, reason) {
      if (self.#aborted) return;
      self.#aborted = true;
      self.#reason = reason !== undefined ? reason
        : new internal.DOMException("signal is aborted without reason", "AbortError");
      const toAbort = [];
      for (const dependent of self.#dependents) {
        if (dependent.#aborted) continue;
        dependent.#aborted = true;
        dependent.#reason = self.#reason;
        toAbort.push(dependent);
      }
      AbortSignal.#runAbortSteps(self);
      for (const dependent of toAbort) AbortSignal.#runAbortSteps(dependent);
    }

    static #runAbortSteps(self) {
      const algorithms = self.#algorithms;
      self.#algorithms = [];
      for (const algorithm of algorithms) algorithm();
      self.dispatchEvent(internal.trusted(new Event("abort")));
    }

    static signalAbort(signal, reason) { AbortSignal.#signalAbort(signal, reason); }
  }
  const signalAbort = AbortSignal.signalAbort;
  delete AbortSignal.signalAbort;
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: "AbortSignal", configurable: true });

  class AbortController {
    #signal = (internal.checkNotGlobalScope(), new AbortSignal(CREATE)); // as in workerd
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason); }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: "AbortController", configurable: true });

  internal.defineGlobal("AbortSignal", AbortSignal);
  internal.defineGlobal("AbortController", AbortController);
});
