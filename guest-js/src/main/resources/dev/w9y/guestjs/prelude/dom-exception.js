// DOMException (WebIDL §3.14.1). Installed first: other prelude files throw it (atob's
// InvalidCharacterError, structuredClone's DataCloneError, AbortSignal's AbortError).
//
// Every prelude file is one script whose value is a function taking `internal`, an object the
// prelude files share privately (guest code never sees it); each installs its globals with
// WebIDL's attributes: writable, configurable, not enumerable.
(function (internal) {
  "use strict";

  // The legacy numeric codes of WebIDL's error names table.
  const LEGACY_CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
    InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
    NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    #name;
    #message;
    constructor(message = "", name = "Error") {
      // No argument to Error: WebIDL's `message` is the prototype getter below, not an own field.
      super();
      this.#message = String(message);
      this.#name = String(name);
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() {
      return Object.prototype.hasOwnProperty.call(LEGACY_CODES, this.#name)
        ? LEGACY_CODES[this.#name] : 0;
    }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, {
    value: "DOMException", configurable: true,
  });
  for (const [name, code] of Object.entries(LEGACY_CODES)) {
    const constant = name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()
      .replace(/_ERROR$/, "_ERR");
    for (const target of [DOMException, DOMException.prototype]) {
      Object.defineProperty(target, constant, { value: code, enumerable: true });
    }
  }

  internal.defineGlobal = function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, {
      value, writable: true, configurable: true, enumerable: false,
    });
  };
  internal.DOMException = DOMException;
  internal.defineGlobal("DOMException", DOMException);
});
