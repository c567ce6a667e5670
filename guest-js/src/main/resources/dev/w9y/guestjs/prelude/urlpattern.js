// URLPattern, as workerd provides it globally: the URLPattern Standard's tokenizer, pattern
// parser, regular expression and pattern string generation, constructor string parser and
// component canonicalization (through url.js's basic URL parser with state overrides).
// workerd (ada's implementation) words every construction error the same way: a TypeError
// "Failed to construct URLPattern"; so does this file (compat's UrlPatternCompatTest).
(function (internal) {
  "use strict";
  const url = internal.urlParser;
  const toUSV = internal.toUSV;
  const FAILED = "Failed to construct URLPattern";
  const fail = () => new TypeError(FAILED);

  // ---------------------------------------------------------------- tokenizer (§2.1)

  const ID_START = /^[\p{ID_Start}$_]$/u;
  const ID_CONTINUE = /^[\p{ID_Continue}$\u200C\u200D]$/u;
  const isValidNameCodePoint = (cp, first) => (first ? ID_START : ID_CONTINUE).test(cp);
  const isAscii = (cp) => cp.codePointAt(0) <= 0x7f;

  // Tokens index code points of the input (an array of one-code-point strings).
  function tokenize(input, strict) {
    const cps = Array.from(input);
    const tokens = [];
    let index = 0;
    let next = 0;
    let cp = "";
    const getNext = () => { cp = cps[next]; next++; };
    const seek = (at) => { next = at; getNext(); };
    const add = (type, nextPosition, valuePosition, valueLength) => {
      tokens.push({ type, index, value: cps.slice(valuePosition, valuePosition + valueLength).join("") });
      index = nextPosition;
    };
    const addDefaultLength = (type, nextPosition, valuePosition) =>
      add(type, nextPosition, valuePosition, nextPosition - valuePosition);
    const addDefault = (type) => addDefaultLength(type, next, index);
    const error = (nextPosition, valuePosition) => {
      if (strict) throw fail();
      addDefaultLength("invalid-char", nextPosition, valuePosition);
    };
    while (index < cps.length) {
      seek(index);
      if (cp === "*") { addDefault("asterisk"); continue; }
      if (cp === "+" || cp === "?") { addDefault("other-modifier"); continue; }
      if (cp === "\\") {
        if (index === cps.length - 1) { error(next, index); continue; }
        const escapedIndex = next;
        getNext();
        addDefaultLength("escaped-char", next, escapedIndex);
        continue;
      }
      if (cp === "{") { addDefault("open"); continue; }
      if (cp === "}") { addDefault("close"); continue; }
      if (cp === ":") {
        let namePosition = next;
        const nameStart = namePosition;
        while (namePosition < cps.length) {
          seek(namePosition);
          if (!isValidNameCodePoint(cp, namePosition === nameStart)) break;
          namePosition = next;
        }
        if (namePosition <= nameStart) { error(nameStart, index); continue; }
        addDefaultLength("name", namePosition, nameStart);
        continue;
      }
      if (cp === "(") {
        let depth = 1;
        let regexpPosition = next;
        const regexpStart = regexpPosition;
        let failed = false;
        while (regexpPosition < cps.length) {
          seek(regexpPosition);
          if (!isAscii(cp)) { error(regexpStart, index); failed = true; break; }
          if (regexpPosition === regexpStart && cp === "?") { error(regexpStart, index); failed = true; break; }
          if (cp === "\\") {
            if (regexpPosition === cps.length - 1) { error(regexpStart, index); failed = true; break; }
            getNext();
            if (!isAscii(cp)) { error(regexpStart, index); failed = true; break; }
            regexpPosition = next;
            continue;
          }
          if (cp === ")") {
            depth--;
            if (depth === 0) { regexpPosition = next; break; }
          } else if (cp === "(") {
            depth++;
            if (regexpPosition === cps.length - 1) { error(regexpStart, index); failed = true; break; }
            const temporaryPosition = next;
            getNext();
            if (cp !== "?") { error(regexpStart, index); failed = true; break; }
            next = temporaryPosition;
          }
          regexpPosition = next;
        }
        if (failed) continue;
        if (depth !== 0) { error(regexpStart, index); continue; }
        const regexpLength = regexpPosition - regexpStart - 1;
        if (regexpLength === 0) { error(regexpStart, index); continue; }
        add("regexp", regexpPosition, regexpStart, regexpLength);
        continue;
      }
      addDefault("char");
    }
    add("end", index, index, 0);
    return tokens;
  }

  // ---------------------------------------------------------------- pattern parser (§2.2)

  const escapePatternString = (text) => text.replace(/[+*?:{}()\\]/g, "\\$&");
  const escapeRegexpString = (text) => text.replace(/[.+*?^${}()[\]|/\\]/g, "\\$&");
  const FULL_WILDCARD = ".*";
  const segmentWildcard = (options) => "[^" + escapeRegexpString(options.delimiter) + "]+?";
  const MODIFIER = { "none": "", "optional": "?", "zero-or-more": "*", "one-or-more": "+" };

  function parsePatternString(input, options, encode) {
    const tokens = tokenize(input, false);
    const parts = [];
    const wildcard = segmentWildcard(options);
    let index = 0;
    let pending = "";
    let nextNumericName = 0;
    const tryConsume = (type) => {
      if (tokens[index].type !== type) return null;
      return tokens[index++];
    };
    const tryConsumeModifier = () => tryConsume("other-modifier") ?? tryConsume("asterisk");
    const tryConsumeRegexpOrWildcard = (nameToken) => {
      const token = tryConsume("regexp");
      return nameToken === null && token === null ? tryConsume("asterisk") : token;
    };
    const consumeRequired = (type) => {
      const token = tryConsume(type);
      if (token === null) throw fail();
      return token;
    };
    const consumeText = () => {
      let result = "";
      for (;;) {
        const token = tryConsume("char") ?? tryConsume("escaped-char");
        if (token === null) return result;
        result += token.value;
      }
    };
    const addPendingFixedValue = () => {
      if (pending === "") return;
      const value = encode(pending);
      pending = "";
      parts.push({ type: "fixed-text", value, modifier: "none", name: "", prefix: "", suffix: "" });
    };
    const addPart = (prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken) => {
      let modifier = "none";
      if (modifierToken !== null) {
        modifier = modifierToken.value === "?" ? "optional" : modifierToken.value === "*" ? "zero-or-more" : "one-or-more";
      }
      if (nameToken === null && regexpOrWildcardToken === null && modifier === "none") {
        pending += prefix;
        return;
      }
      addPendingFixedValue();
      if (nameToken === null && regexpOrWildcardToken === null) {
        if (prefix === "") return;
        parts.push({ type: "fixed-text", value: encode(prefix), modifier, name: "", prefix: "", suffix: "" });
        return;
      }
      let regexpValue;
      if (regexpOrWildcardToken === null) regexpValue = wildcard;
      else if (regexpOrWildcardToken.type === "asterisk") regexpValue = FULL_WILDCARD;
      else regexpValue = regexpOrWildcardToken.value;
      let type = "regexp";
      if (regexpValue === wildcard) { type = "segment-wildcard"; regexpValue = ""; }
      else if (regexpValue === FULL_WILDCARD) { type = "full-wildcard"; regexpValue = ""; }
      let name = "";
      if (nameToken !== null) name = nameToken.value;
      else if (regexpOrWildcardToken !== null) name = String(nextNumericName++);
      if (parts.some((part) => part.name === name)) throw fail();
      parts.push({ type, value: regexpValue, modifier, name, prefix: encode(prefix), suffix: encode(suffix) });
    };
    while (index < tokens.length) {
      const charToken = tryConsume("char");
      let nameToken = tryConsume("name");
      let regexpOrWildcardToken = tryConsumeRegexpOrWildcard(nameToken);
      if (nameToken !== null || regexpOrWildcardToken !== null) {
        let prefix = charToken !== null ? charToken.value : "";
        if (prefix !== "" && prefix !== options.prefix) { pending += prefix; prefix = ""; }
        addPendingFixedValue();
        addPart(prefix, nameToken, regexpOrWildcardToken, "", tryConsumeModifier());
        continue;
      }
      const fixedToken = charToken ?? tryConsume("escaped-char");
      if (fixedToken !== null) { pending += fixedToken.value; continue; }
      if (tryConsume("open") !== null) {
        const prefix = consumeText();
        nameToken = tryConsume("name");
        regexpOrWildcardToken = tryConsumeRegexpOrWildcard(nameToken);
        const suffix = consumeText();
        consumeRequired("close");
        addPart(prefix, nameToken, regexpOrWildcardToken, suffix, tryConsumeModifier());
        continue;
      }
      addPendingFixedValue();
      consumeRequired("end");
    }
    return parts;
  }

  // ---------------------------------------------------------------- regexp and pattern string (§2.3)

  function regexpAndNames(parts, options) {
    let result = "^";
    const names = [];
    for (const part of parts) {
      const modifier = MODIFIER[part.modifier];
      if (part.type === "fixed-text") {
        result += part.modifier === "none" ? escapeRegexpString(part.value)
          : "(?:" + escapeRegexpString(part.value) + ")" + modifier;
        continue;
      }
      names.push(part.name);
      let value = part.value;
      if (part.type === "segment-wildcard") value = segmentWildcard(options);
      else if (part.type === "full-wildcard") value = FULL_WILDCARD;
      const single = part.modifier === "none" || part.modifier === "optional";
      if (part.prefix === "" && part.suffix === "") {
        result += single ? "(" + value + ")" + modifier : "((?:" + value + ")" + modifier + ")";
        continue;
      }
      const prefix = escapeRegexpString(part.prefix);
      const suffix = escapeRegexpString(part.suffix);
      if (single) {
        result += "(?:" + prefix + "(" + value + ")" + suffix + ")" + modifier;
        continue;
      }
      result += "(?:" + prefix + "((?:" + value + ")(?:" + suffix + prefix + "(?:" + value + "))*)" + suffix + ")";
      if (part.modifier === "zero-or-more") result += "?";
    }
    return { source: result + "$", names };
  }

  const startsWithDigit = (text) => text.length > 0 && text.charCodeAt(0) >= 0x30 && text.charCodeAt(0) <= 0x39;
  const firstCodePoint = (text) => String.fromCodePoint(text.codePointAt(0));

  function patternString(parts, options) {
    let result = "";
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const previous = i > 0 ? parts[i - 1] : null;
      const next = i < parts.length - 1 ? parts[i + 1] : null;
      const modifier = MODIFIER[part.modifier];
      if (part.type === "fixed-text") {
        result += part.modifier === "none" ? escapePatternString(part.value)
          : "{" + escapePatternString(part.value) + "}" + modifier;
        continue;
      }
      const customName = !startsWithDigit(part.name);
      let needsGrouping = part.suffix !== "" || (part.prefix !== "" && part.prefix !== options.prefix);
      if (!needsGrouping && customName && part.type === "segment-wildcard" && part.modifier === "none" &&
          next !== null && next.prefix === "" && next.suffix === "") {
        if (next.type === "fixed-text") {
          needsGrouping = next.value !== "" && isValidNameCodePoint(firstCodePoint(next.value), false);
        } else {
          needsGrouping = startsWithDigit(next.name);
        }
      }
      if (!needsGrouping && part.prefix === "" && previous !== null && previous.type === "fixed-text" &&
          previous.value !== "" && options.prefix !== "" && previous.value.endsWith(options.prefix)) {
        needsGrouping = true;
      }
      if (needsGrouping) result += "{";
      result += escapePatternString(part.prefix);
      if (customName) result += ":" + part.name;
      if (part.type === "regexp") {
        result += "(" + part.value + ")";
      } else if (part.type === "segment-wildcard" && !customName) {
        result += "(" + segmentWildcard(options) + ")";
      } else if (part.type === "full-wildcard") {
        if (!customName && (previous === null || previous.type === "fixed-text" || previous.modifier !== "none" ||
            needsGrouping || part.prefix !== "")) {
          result += "*";
        } else {
          result += "(" + FULL_WILDCARD + ")";
        }
      }
      if (part.type === "segment-wildcard" && customName && part.suffix !== "" &&
          isValidNameCodePoint(firstCodePoint(part.suffix), false)) {
        result += "\\";
      }
      result += escapePatternString(part.suffix);
      if (needsGrouping) result += "}";
      result += modifier;
    }
    return result;
  }

  // ---------------------------------------------------------------- canonicalization (§4.1)

  function overriding(value, state, record = url.newRecord()) {
    if (url.basicParse(value, null, record, state) === url.FAILURE) throw fail();
    return record;
  }
  const canonical = {
    protocol(value) {
      if (value === "") return value;
      const record = url.basicParse(value + "://dummy.test");
      if (record === url.FAILURE) throw fail();
      return record.scheme;
    },
    username: (value) => value === "" ? value : url.encodeUserinfo(value),
    password: (value) => value === "" ? value : url.encodeUserinfo(value),
    hostname(value) {
      if (value === "") return value;
      const host = url.patternHostname(value);
      if (host === url.FAILURE) throw fail();
      return host;
    },
    ipv6Hostname(value) {
      let result = "";
      for (const ch of value) {
        if (!/^[0-9A-Fa-f[\]:]$/.test(ch)) throw fail();
        result += ch.toLowerCase();
      }
      return result;
    },
    port(value, protocol) {
      if (value === "") return value;
      const record = url.newRecord();
      if (protocol !== undefined) record.scheme = protocol;
      const port = overriding(value, "port", record).port;
      return port === null ? "" : String(port);
    },
    pathname(value) {
      if (value === "") return value;
      const leadingSlash = value[0] === "/";
      const result = url.serializePath(overriding((leadingSlash ? "" : "/-") + value, "path start"));
      return leadingSlash ? result : result.slice(2);
    },
    opaquePathname(value) {
      if (value === "") return value;
      const record = url.newRecord();
      record.path = "";
      return url.serializePath(overriding(value, "opaque path", record));
    },
    search(value) {
      if (value === "") return value;
      const record = url.newRecord();
      record.query = "";
      return overriding(value, "query", record).query;
    },
    hash(value) {
      if (value === "") return value;
      const record = url.newRecord();
      record.fragment = "";
      return overriding(value, "fragment", record).fragment;
    },
  };

  // ---------------------------------------------------------------- components (§1.3)

  const DEFAULT_OPTIONS = { delimiter: "", prefix: "", ignoreCase: false };
  const HOSTNAME_OPTIONS = { delimiter: ".", prefix: "", ignoreCase: false };
  const PATHNAME_OPTIONS = { delimiter: "/", prefix: "/", ignoreCase: false };
  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  const SPECIAL_SCHEMES = ["ftp", "file", "http", "https", "ws", "wss"];

  function compileComponent(input, encode, options) {
    const parts = parsePatternString(input, options, encode);
    const { source, names } = regexpAndNames(parts, options);
    let regexp;
    try {
      regexp = new RegExp(source, options.ignoreCase ? "vi" : "v");
    } catch {
      throw fail();
    }
    return {
      pattern: patternString(parts, options), regexp, names,
      hasRegexpGroups: parts.some((part) => part.type === "regexp"),
    };
  }
  const matchesSpecialScheme = (component) => SPECIAL_SCHEMES.some((scheme) => component.regexp.test(scheme));

  // ---------------------------------------------------------------- constructor string parser (§3)

  function parseConstructorString(input) {
    const cps = Array.from(input);
    const tokens = tokenize(input, false);
    const result = {};
    let componentStart = 0;
    let tokenIndex = 0;
    let tokenIncrement = 1;
    let groupDepth = 0;
    let ipv6BracketDepth = 0;
    let protocolIsSpecial = false;
    let state = "init";

    const safeToken = (i) => (i < tokens.length ? tokens[i] : tokens[tokens.length - 1]);
    const isNonSpecialPatternChar = (i, value) => {
      const token = safeToken(i);
      return token.value === value && (token.type === "char" || token.type === "escaped-char" || token.type === "invalid-char");
    };
    const isSearchPrefix = () => {
      if (isNonSpecialPatternChar(tokenIndex, "?")) return true;
      if (tokens[tokenIndex].value !== "?") return false;
      if (tokenIndex - 1 < 0) return true;
      const previous = safeToken(tokenIndex - 1);
      return !["name", "regexp", "close", "asterisk"].includes(previous.type);
    };
    const isHashPrefix = () => isNonSpecialPatternChar(tokenIndex, "#");
    const isPathnameStart = () => isNonSpecialPatternChar(tokenIndex, "/");
    const isIdentityTerminator = () => isNonSpecialPatternChar(tokenIndex, "@");
    const isColon = () => isNonSpecialPatternChar(tokenIndex, ":");
    const componentString = () => {
      const token = tokens[tokenIndex];
      return cps.slice(safeToken(componentStart).index, token.index).join("");
    };
    const rewind = () => { tokenIndex = componentStart; tokenIncrement = 0; };
    const rewindAndSetState = (next) => { rewind(); state = next; };
    const changeState = (next, skip) => {
      if (state !== "init" && state !== "authority" && state !== "done") result[state] = componentString();
      if (state !== "init" && next !== "done") {
        const early = ["protocol", "authority", "username", "password"];
        if (early.includes(state) && ["port", "pathname", "search", "hash"].includes(next) &&
            result.hostname === undefined) {
          result.hostname = "";
        }
        if ([...early, "hostname", "port"].includes(state) && (next === "search" || next === "hash") &&
            result.pathname === undefined) {
          result.pathname = protocolIsSpecial ? "/" : "";
        }
        if ([...early, "hostname", "port", "pathname"].includes(state) && next === "hash" &&
            result.search === undefined) {
          result.search = "";
        }
      }
      state = next;
      tokenIndex += skip;
      componentStart = tokenIndex;
      tokenIncrement = 0;
    };

    while (tokenIndex < tokens.length) {
      tokenIncrement = 1;
      if (tokens[tokenIndex].type === "end") {
        if (state === "init") {
          rewind();
          if (isHashPrefix()) changeState("hash", 1);
          else if (isSearchPrefix()) changeState("search", 1);
          else changeState("pathname", 0);
          tokenIndex += tokenIncrement;
          continue;
        }
        if (state === "authority") {
          rewindAndSetState("hostname");
          tokenIndex += tokenIncrement;
          continue;
        }
        changeState("done", 0);
        break;
      }
      if (tokens[tokenIndex].type === "open") {
        groupDepth++;
        tokenIndex += tokenIncrement;
        continue;
      }
      if (groupDepth > 0) {
        if (tokens[tokenIndex].type === "close") {
          groupDepth--;
        } else {
          tokenIndex += tokenIncrement;
          continue;
        }
      }
      switch (state) {
        case "init":
          if (isColon()) rewindAndSetState("protocol");
          break;
        case "protocol":
          if (isColon()) {
            protocolIsSpecial = matchesSpecialScheme(compileComponent(componentString(), canonical.protocol, DEFAULT_OPTIONS));
            let next = "pathname";
            let skip = 1;
            if (isNonSpecialPatternChar(tokenIndex + 1, "/") && isNonSpecialPatternChar(tokenIndex + 2, "/")) {
              next = "authority";
              skip = 3;
            } else if (protocolIsSpecial) {
              next = "authority";
            }
            changeState(next, skip);
          }
          break;
        case "authority":
          if (isIdentityTerminator()) rewindAndSetState("username");
          else if (isPathnameStart() || isSearchPrefix() || isHashPrefix()) rewindAndSetState("hostname");
          break;
        case "username":
          if (isColon()) changeState("password", 1);
          else if (isIdentityTerminator()) changeState("hostname", 1);
          break;
        case "password":
          if (isIdentityTerminator()) changeState("hostname", 1);
          break;
        case "hostname":
          if (isNonSpecialPatternChar(tokenIndex, "[")) ipv6BracketDepth++;
          else if (isNonSpecialPatternChar(tokenIndex, "]")) ipv6BracketDepth--;
          else if (isColon() && ipv6BracketDepth === 0) changeState("port", 1);
          else if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "port":
          if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "pathname":
          if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "search":
          if (isHashPrefix()) changeState("hash", 1);
          break;
        default:
          break;
      }
      tokenIndex += tokenIncrement;
    }
    if (result.hostname !== undefined && result.port === undefined) result.port = "";
    return result;
  }

  // ---------------------------------------------------------------- URLPatternInit (§3.4)

  const INIT_KEYS = [...COMPONENTS, "baseURL"];

  // Each member a USVString, read (and, in exec()'s inputs, listed) in the order workerd's
  // URLPatternInit declares them (measured).
  function initFromObject(value) {
    const init = {};
    for (const key of INIT_KEYS) {
      const member = value[key];
      if (member !== undefined) init[key] = toUSV(member);
    }
    return init;
  }

  const processBase = (text, type) => (type === "pattern" ? escapePatternString(text) : text);
  const isAbsolutePathname = (text, type) => {
    if (text === "") return false;
    if (text[0] === "/") return true;
    if (type === "url" || text.length < 2) return false;
    return (text[0] === "\\" || text[0] === "{") && text[1] === "/";
  };

  function processInit(init, type, defaults) {
    const result = { ...defaults };
    const has = (key) => init[key] !== undefined;
    let base = null;
    if (has("baseURL")) {
      base = url.basicParse(init.baseURL);
      if (base === url.FAILURE) throw fail();
      if (!has("protocol")) result.protocol = processBase(base.scheme, type);
      if (type !== "pattern" && !has("protocol") && !has("hostname") && !has("port") && !has("username")) {
        result.username = processBase(base.username, type);
      }
      if (type !== "pattern" && !has("protocol") && !has("hostname") && !has("port") && !has("username") &&
          !has("password")) {
        result.password = processBase(base.password, type);
      }
      if (!has("protocol") && !has("hostname")) result.hostname = processBase(base.host ?? "", type);
      if (!has("protocol") && !has("hostname") && !has("port")) {
        result.port = base.port === null ? "" : String(base.port);
      }
      if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname")) {
        result.pathname = processBase(url.serializePath(base), type);
      }
      if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname") && !has("search")) {
        result.search = processBase(base.query ?? "", type);
      }
      if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname") && !has("search") &&
          !has("hash")) {
        result.hash = processBase(base.fragment ?? "", type);
      }
    }
    const pattern = type === "pattern";
    if (has("protocol")) {
      const stripped = init.protocol.endsWith(":") ? init.protocol.slice(0, -1) : init.protocol;
      result.protocol = pattern ? stripped : canonical.protocol(stripped);
    }
    if (has("username")) result.username = pattern ? init.username : canonical.username(init.username);
    if (has("password")) result.password = pattern ? init.password : canonical.password(init.password);
    if (has("hostname")) result.hostname = pattern ? init.hostname : canonical.hostname(init.hostname);
    if (has("port")) result.port = pattern ? init.port : canonical.port(init.port, result.protocol);
    if (has("pathname")) {
      result.pathname = init.pathname;
      if (base !== null && typeof base.path !== "string" && !isAbsolutePathname(result.pathname, type)) {
        const basePath = processBase(url.serializePath(base), type);
        const slash = basePath.lastIndexOf("/");
        if (slash >= 0) result.pathname = basePath.slice(0, slash + 1) + result.pathname;
      }
      if (!pattern) {
        const protocol = result.protocol ?? "";
        result.pathname = protocol === "" || url.isSpecialScheme(protocol)
          ? canonical.pathname(result.pathname) : canonical.opaquePathname(result.pathname);
      }
    }
    if (has("search")) {
      const stripped = init.search.startsWith("?") ? init.search.slice(1) : init.search;
      result.search = pattern ? stripped : canonical.search(stripped);
    }
    if (has("hash")) {
      const stripped = init.hash.startsWith("#") ? init.hash.slice(1) : init.hash;
      result.hash = pattern ? stripped : canonical.hash(stripped);
    }
    return result;
  }

  const isIPv6Pattern = (text) =>
    text.length >= 2 && (text[0] === "[" || ((text[0] === "{" || text[0] === "\\") && text[1] === "["));

  // ---------------------------------------------------------------- URLPattern (§1.2)

  class URLPattern {
    #components;

    constructor(input = {}, baseURL = undefined, options = undefined) {
      // The overloads (input, baseURL, options) and (input, options): a string second argument
      // is a base URL, anything else the options.
      if (typeof baseURL !== "string" && options === undefined && baseURL !== undefined) {
        options = baseURL;
        baseURL = undefined;
      }
      const ignoreCase = options !== undefined && options !== null && Boolean(options.ignoreCase);
      let init;
      if (input === null || input === undefined) input = {};
      if (typeof input === "object") {
        if (baseURL !== undefined) throw fail();
        init = initFromObject(input);
      } else {
        init = parseConstructorString(toUSV(input));
        if (baseURL === undefined && init.protocol === undefined) throw fail();
        if (baseURL !== undefined) init.baseURL = toUSV(baseURL);
      }
      const processed = processInit(init, "pattern", {});
      for (const name of COMPONENTS) if (processed[name] === undefined) processed[name] = "*";
      if (url.isSpecialScheme(processed.protocol) && processed.port === String(url.defaultPorts[processed.protocol])) {
        processed.port = "";
      }
      const components = {};
      components.protocol = compileComponent(processed.protocol, canonical.protocol, DEFAULT_OPTIONS);
      components.username = compileComponent(processed.username, canonical.username, DEFAULT_OPTIONS);
      components.password = compileComponent(processed.password, canonical.password, DEFAULT_OPTIONS);
      components.hostname = compileComponent(processed.hostname,
        isIPv6Pattern(processed.hostname) ? canonical.ipv6Hostname : canonical.hostname, HOSTNAME_OPTIONS);
      components.port = compileComponent(processed.port, canonical.port, DEFAULT_OPTIONS);
      const caseOptions = { ...DEFAULT_OPTIONS, ignoreCase };
      components.pathname = matchesSpecialScheme(components.protocol)
        ? compileComponent(processed.pathname, canonical.pathname, { ...PATHNAME_OPTIONS, ignoreCase })
        : compileComponent(processed.pathname, canonical.opaquePathname, caseOptions);
      components.search = compileComponent(processed.search, canonical.search, caseOptions);
      components.hash = compileComponent(processed.hash, canonical.hash, caseOptions);
      this.#components = components;
    }

    get protocol() { return this.#components.protocol.pattern; }
    get username() { return this.#components.username.pattern; }
    get password() { return this.#components.password.pattern; }
    get hostname() { return this.#components.hostname.pattern; }
    get port() { return this.#components.port.pattern; }
    get pathname() { return this.#components.pathname.pattern; }
    get search() { return this.#components.search.pattern; }
    get hash() { return this.#components.hash.pattern; }
    get hasRegExpGroups() { return COMPONENTS.some((name) => this.#components[name].hasRegexpGroups); }

    test(input = {}, baseURL = undefined) {
      return this.#match(input, baseURL, "test") !== null;
    }

    exec(input = {}, baseURL = undefined) {
      return this.#match(input, baseURL, "exec");
    }

    #match(input, baseURL, method) {
      let inputs;
      let values;
      if (input === null || input === undefined) input = {};
      if (typeof input === "object") {
        if (baseURL !== undefined) throw new TypeError(`Failed to ${method} URLPattern`);
        const init = initFromObject(input);
        inputs = [init]; // the dictionary as WebIDL converted it
        try {
          values = processInit(init, "url", {
            protocol: "", username: "", password: "", hostname: "", port: "", pathname: "", search: "", hash: "",
          });
        } catch {
          return null;
        }
      } else {
        const text = toUSV(input);
        inputs = [text];
        let base = null;
        if (baseURL !== undefined) {
          const baseText = toUSV(baseURL);
          base = url.basicParse(baseText);
          if (base === url.FAILURE) return null;
          inputs.push(baseText);
        }
        const record = url.basicParse(text, base);
        if (record === url.FAILURE) return null;
        values = {
          protocol: record.scheme, username: record.username, password: record.password,
          hostname: record.host ?? "", port: record.port === null ? "" : String(record.port),
          pathname: url.serializePath(record), search: record.query ?? "", hash: record.fragment ?? "",
        };
      }
      const result = { inputs };
      for (const name of COMPONENTS) {
        const component = this.#components[name];
        const match = component.regexp.exec(values[name]);
        if (match === null) return null;
        // workerd lists the groups last to first (measured; integer-like names come first anyway)
        const groups = {};
        for (let i = match.length - 1; i >= 1; i--) groups[component.names[i - 1]] = match[i];
        result[name] = { input: values[name], groups };
      }
      return result;
    }
  }
  Object.defineProperty(URLPattern.prototype, Symbol.toStringTag, { value: "URLPattern", configurable: true });

  internal.defineGlobal("URLPattern", URLPattern);
});
