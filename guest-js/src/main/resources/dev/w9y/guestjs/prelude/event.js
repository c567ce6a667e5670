// DOM Standard §2: Event, CustomEvent and EventTarget, without a tree: dispatch reaches the
// target's own listeners only (there are no parents to capture or bubble through).
(function (internal) {
  "use strict";
  const NONE = 0, AT_TARGET = 2;

  class Event {
    #type; #bubbles; #cancelable; #composed; #canceled = false; #target = null;
    #currentTarget = null; #phase = NONE; #stopImmediate = false; #stop = false;
    #dispatching = false; #inPassiveListener = false; #timeStamp; #trusted = false;

    constructor(type, init = undefined) {
      if (arguments.length === 0) throw new TypeError("Event constructor needs a type");
      this.#type = String(type);
      const options = init ?? {};
      this.#bubbles = Boolean(options.bubbles);
      this.#cancelable = Boolean(options.cancelable);
      this.#composed = Boolean(options.composed);
      this.#timeStamp = typeof performance === "object" ? performance.now() : 0;
    }

    get type() { return this.#type; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#canceled; }
    get returnValue() { return !this.#canceled; }
    set returnValue(value) { if (!value) this.preventDefault(); }
    get cancelBubble() { return this.#stop; }
    set cancelBubble(value) { if (value) this.#stop = true; }
    get isTrusted() { return this.#trusted; }
    // An event the runtime itself fires (abort, the service-worker fetch and scheduled events).
    static trusted(event) { event.#trusted = true; return event; }
    get timeStamp() { return this.#timeStamp; }
    composedPath() { return this.#dispatching && this.#target !== null ? [this.#target] : []; }
    stopPropagation() { this.#stop = true; }
    // DOM's legacy initEvent: re-initializes an event that is not being dispatched.
    initEvent(type, bubbles = false, cancelable = false) {
      if (arguments.length === 0) throw new TypeError("initEvent needs a type");
      if (this.#dispatching) return;
      this.#type = String(type);
      this.#bubbles = Boolean(bubbles);
      this.#cancelable = Boolean(cancelable);
      this.#stop = false;
      this.#stopImmediate = false;
      this.#canceled = false;
      this.#target = null;
    }
    stopImmediatePropagation() { this.#stop = true; this.#stopImmediate = true; }
    preventDefault() {
      if (this.#cancelable && !this.#inPassiveListener) this.#canceled = true;
    }

    static state(event) {
      return {
        begin(target) {
          if (event.#dispatching) throw new internal.DOMException("The event is already being dispatched", "InvalidStateError");
          event.#dispatching = true;
          event.#target = target;
          event.#currentTarget = target;
          event.#phase = AT_TARGET;
        },
        end() {
          event.#dispatching = false;
          event.#currentTarget = null;
          event.#phase = NONE;
          event.#stop = false;
          event.#stopImmediate = false;
        },
        stoppedImmediately: () => event.#stopImmediate,
        passive(flag) { event.#inPassiveListener = flag; },
      };
    }
  }
  for (const [name, value] of [["NONE", 0], ["CAPTURING_PHASE", 1], ["AT_TARGET", 2], ["BUBBLING_PHASE", 3]]) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  const eventState = Event.state;
  delete Event.state;
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: "Event", configurable: true });

  class CustomEvent extends Event {
    #detail;
    constructor(type, init = undefined) {
      super(type, init);
      this.#detail = init?.detail ?? null;
    }
    get detail() { return this.#detail; }
  }
  Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: "CustomEvent", configurable: true });

  function flatten(options) {
    if (typeof options === "boolean") return { capture: options };
    const o = options ?? {};
    return { capture: Boolean(o.capture), once: Boolean(o.once), passive: o.passive, signal: o.signal };
  }

  class EventTarget {
    #listeners = [];

    addEventListener(type, callback, options = undefined) {
      // WebIDL: AddEventListenerOptions' `signal` is an AbortSignal or absent; null is not one.
      if (options !== null && typeof options === "object" && options.signal === null) {
        throw new TypeError("addEventListener: options.signal must be an AbortSignal");
      }
      const { capture, once, passive, signal } = flatten(options);
      if (callback === null || callback === undefined) return;
      if (typeof callback !== "function" && (typeof callback !== "object")) {
        throw new TypeError("addEventListener: the listener must be a function or an object");
      }
      if (signal !== undefined && signal !== null && signal.aborted) return;
      const name = String(type);
      if (this.#listeners.some((l) => l.type === name && l.callback === callback && l.capture === capture)) return;
      const listener = { type: name, callback, capture, once, passive: Boolean(passive), removed: false };
      this.#listeners.push(listener);
      if (signal !== undefined && signal !== null) {
        signal.addEventListener("abort", () => this.removeEventListener(name, callback, { capture }));
      }
    }

    removeEventListener(type, callback, options = undefined) {
      const { capture } = flatten(options);
      const name = String(type);
      const index = this.#listeners.findIndex((l) => l.type === name && l.callback === callback && l.capture === capture);
      if (index >= 0) {
        this.#listeners[index].removed = true;
        this.#listeners.splice(index, 1);
      }
    }

    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError("dispatchEvent needs an Event");
      const state = eventState(event);
      state.begin(this);
      try {
        // Listeners added during dispatch do not run; removed ones do not either.
        for (const listener of this.#listeners.filter((l) => l.type === event.type)) {
          if (listener.removed) continue;
          if (listener.once) this.removeEventListener(listener.type, listener.callback, { capture: listener.capture });
          state.passive(listener.passive);
          try {
            if (typeof listener.callback === "function") {
              listener.callback.call(this, event);
            } else if (typeof listener.callback.handleEvent === "function") {
              listener.callback.handleEvent(event);
            }
          } catch (error) {
            internal.reportError("event listener", error); // reported, the dispatch goes on
          } finally {
            state.passive(false);
          }
          if (state.stoppedImmediately()) break;
        }
      } finally {
        state.end();
      }
      return !event.defaultPrevented;
    }

    // Whether a listener for `type` is registered (the service-worker entry point asks).
    static hasListeners(target, type) {
      return target.#listeners.some((l) => l.type === type);
    }
  }
  internal.hasListeners = EventTarget.hasListeners;
  internal.trusted = Event.trusted;
  delete Event.trusted;
  delete EventTarget.hasListeners;
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: "EventTarget", configurable: true });

  internal.defineGlobal("Event", Event);
  internal.defineGlobal("CustomEvent", CustomEvent);
  internal.defineGlobal("EventTarget", EventTarget);
});
