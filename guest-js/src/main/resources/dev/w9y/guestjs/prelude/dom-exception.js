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
  // WebIDL's constants on the interface and its prototype: written out, because four of them
  // (2, 6, 10, 16) have no error name and URL_MISMATCH_ERR does not follow the names' casing.
  const CONSTANTS = [
    "INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR", "WRONG_DOCUMENT_ERR",
    "INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR", "NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR",
    "NOT_SUPPORTED_ERR", "INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR",
    "INVALID_MODIFICATION_ERR", "NAMESPACE_ERR", "INVALID_ACCESS_ERR", "VALIDATION_ERR",
    "TYPE_MISMATCH_ERR", "SECURITY_ERR", "NETWORK_ERR", "ABORT_ERR", "URL_MISMATCH_ERR",
    "QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR", "INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR",
  ];
  const constantDescriptors = {};
  for (let i = 0; i < CONSTANTS.length; i++) {
    constantDescriptors[CONSTANTS[i]] = { value: i + 1, enumerable: true };
  }
  Object.defineProperties(DOMException, constantDescriptors);
  Object.defineProperties(DOMException.prototype, constantDescriptors);

  internal.defineGlobal = function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, {
      value, writable: true, configurable: true, enumerable: false,
    });
  };
  internal.DOMException = DOMException;
  internal.defineGlobal("DOMException", DOMException);
});
