// HTMLRewriter, as workerd provides it (lol-html underneath): handlers for elements matched by CSS
// selectors and for the document, called in document order (async handlers are awaited), and
// the response's HTML rewritten with untouched markup kept as it was, character for character.
// The body is held whole here, as every W9Y body is: the rewritten body is produced when it is
// first read. Text arrives as one chunk per text node followed by an empty last chunk
// (lastInTextNode); workerd splits text where its input chunks end, so chunk counts differ.
(function (internal) {
  "use strict";

  // ---------------------------------------------------------------- selectors

  // A selector list ("a, b"); each selector a list of compound selectors joined by combinators
  // (" " descendant, ">" child). A compound is a test of (stack of open elements, depth). The
  // errors are workerd's (lol-html's) words for each kind of bad selector, measured.
  const ERR_EMPTY = "The selector is empty.";
  const ERR_END = "Unexpected end of selector.";
  const ERR_TOKEN = "Unexpected token in selector.";
  const ERR_PSEUDO = "Unsupported pseudo-class or pseudo-element in selector.";
  const ERR_DANGLING = "Dangling combinator in selector.";
  const ERR_NAMESPACE = "Selectors with explicit namespaces are not supported.";

  function parseSelectorList(text) {
    const source = String(text);
    let i = 0;
    const error = (message) => new TypeError("Parser error: " + message);
    const atEnd = () => i >= source.length;
    const ws = () => { while (!atEnd() && /[ \t\n\r\f]/.test(source[i])) i++; };
    const isNameChar = (c, first) => c !== undefined &&
      (first ? /[A-Za-z_\u0080-\uffff\\-]/.test(c) : /[A-Za-z0-9_\u0080-\uffff\\-]/.test(c));
    const ident = () => {
      const start = i;
      let out = "";
      if (!isNameChar(source[i], true) || (source[i] === "-" && /[0-9]/.test(source[i + 1] ?? ""))) return null;
      while (!atEnd() && isNameChar(source[i], false)) {
        if (source[i] === "\\" && i + 1 < source.length) { out += source[i + 1]; i += 2; }
        else out += source[i++];
      }
      return i === start ? null : out;
    };
    const value = () => {
      if (source[i] === '"' || source[i] === "'") {
        const quote = source[i++];
        let out = "";
        while (!atEnd() && source[i] !== quote) out += source[i++];
        i++; // an unterminated string ends with the selector, as in CSS
        return out;
      }
      const name = ident();
      if (name === null) throw error(atEnd() ? ERR_END : ERR_TOKEN);
      return name;
    };
    const attribute = () => {
      ws();
      if (atEnd()) throw error(ERR_END);
      const rawName = ident();
      if (rawName === null) throw error(ERR_TOKEN);
      const name = rawName.toLowerCase();
      ws();
      if (source[i] === "|" && source[i + 1] !== "=") throw error(ERR_NAMESPACE);
      if (atEnd() || source[i] === "]") { i++; return (e) => e.attr(name) !== null; } // "]" may be left out at the end
      let op;
      if (source[i] === "=") { op = "="; i++; }
      else if ("~|^$*".includes(source[i]) && source[i + 1] === "=") { op = source[i]; i += 2; }
      else throw error(ERR_TOKEN);
      ws();
      if (atEnd()) throw error(ERR_END);
      const expected = value();
      ws();
      let insensitive = false;
      if (source[i] === "i" || source[i] === "I") { insensitive = true; i++; ws(); }
      else if (source[i] === "s" || source[i] === "S") { i++; ws(); }
      if (!atEnd()) {
        if (source[i] !== "]") throw error(ERR_TOKEN);
        i++;
      }
      return (e) => {
        let actual = e.attr(name);
        if (actual === null) return false;
        let want = expected;
        if (insensitive) { actual = actual.toLowerCase(); want = want.toLowerCase(); }
        switch (op) {
          case "=": return actual === want;
          case "~": return want !== "" && !/\s/.test(want) && actual.split(/[ \t\n\f\r]+/).includes(want);
          case "|": return actual === want || actual.startsWith(want + "-");
          case "^": return want !== "" && actual.startsWith(want);
          case "$": return want !== "" && actual.endsWith(want);
          default: return want !== "" && actual.includes(want);
        }
      };
    };
    const nth = () => {
      const start = i;
      let depth = 1;
      while (!atEnd()) {
        if (source[i] === "(") depth++;
        if (source[i] === ")" && --depth === 0) break;
        i++;
      }
      const inner = source.slice(start, i);
      if (atEnd() && inner.trim() === "") throw error(ERR_END);
      i++;
      const t = inner.replace(/[ \t\n\r\f]+/g, "").toLowerCase();
      if (t === "odd") return [2, 1];
      if (t === "even") return [2, 0];
      const m = /^([+-]?\d*)n([+-]\d+)?$/.exec(t);
      if (m !== null) {
        const a = m[1] === "" || m[1] === "+" ? 1 : m[1] === "-" ? -1 : Number(m[1]);
        return [a, m[2] ? Number(m[2]) : 0];
      }
      if (/^[+-]?\d+$/.test(t)) return [0, Number(t)];
      throw error(ERR_TOKEN);
    };
    // One compound selector; null when nothing of one is there.
    const compound = () => {
      const tests = [];
      let any = false;
      if (source[i] === "*") {
        i++; any = true;
        if (source[i] === "|") { i++; if (ident() === null) throw error(ERR_TOKEN); }
      } else {
        const name = ident();
        if (name !== null) {
          if (source[i] === "|") throw error(ERR_NAMESPACE);
          const lower = name.toLowerCase();
          tests.push((e) => e.name === lower);
          any = true;
        }
      }
      for (;;) {
        const c = source[i];
        if (c === "#") {
          i++;
          const id = ident();
          if (id === null) throw error(any ? ERR_TOKEN : ERR_EMPTY);
          tests.push((e) => e.attr("id") === id);
        } else if (c === ".") {
          i++;
          if (atEnd()) throw error(ERR_END);
          const cls = ident();
          if (cls === null) throw error(ERR_TOKEN);
          tests.push((e) => { const v = e.attr("class"); return v !== null && v.split(/[ \t\n\f\r]+/).includes(cls); });
        } else if (c === "[") {
          i++;
          tests.push(attribute());
        } else if (c === ":") {
          i++;
          if (source[i] === ":") throw error(ERR_PSEUDO);
          const pseudo = (ident() ?? "").toLowerCase();
          const withArgument = source[i] === "(";
          if (withArgument) i++;
          if (!withArgument && pseudo === "first-child") tests.push((e) => e.index === 1);
          else if (!withArgument && pseudo === "first-of-type") tests.push((e) => e.typeIndex === 1);
          else if (withArgument && (pseudo === "nth-child" || pseudo === "nth-of-type")) {
            const [a, b] = nth();
            const of = pseudo === "nth-child" ? (e) => e.index : (e) => e.typeIndex;
            tests.push((e) => { const n = of(e) - b; return a === 0 ? n === 0 : n / a >= 0 && n % a === 0; });
          } else if (withArgument && pseudo === "not") {
            const inner = list(")");
            tests.push((e, stack, depth) => !inner.some((steps) => matchesAt(steps, stack, depth)));
          } else {
            throw error(ERR_PSEUDO);
          }
        } else {
          break;
        }
        any = true;
      }
      if (!any) return null;
      return (e, stack, depth) => tests.every((test) => test(e, stack, depth));
    };
    const selector = (closer) => {
      ws();
      const first = compound();
      if (first === null) throw error(ERR_EMPTY);
      const steps = [{ combinator: null, match: first }];
      for (;;) {
        const before = i;
        ws();
        if (atEnd() || source[i] === "," || source[i] === closer) return steps;
        let combinator = " ";
        if (source[i] === ">") { combinator = ">"; i++; ws(); }
        else if (source[i] === "~" || source[i] === "+") throw error("Unsupported combinator `" + source[i] + "` in selector.");
        else if (i === before) throw error(ERR_TOKEN);
        const next = compound();
        if (next === null) throw error(atEnd() || source[i] === ">" || source[i] === closer ? ERR_DANGLING : ERR_TOKEN);
        steps.push({ combinator, match: next });
      }
    };
    const list = (closer) => {
      const selectors = [selector(closer)];
      for (;;) {
        ws();
        if (atEnd()) return selectors;
        if (source[i] === closer) { i++; return selectors; }
        if (source[i] !== ",") throw error(ERR_TOKEN);
        i++;
        selectors.push(selector(closer));
      }
    };
    return list(null);
  }

  // Does the element at stack[depth] match the selector's steps?
  function matchesAt(steps, stack, depth, step = steps.length - 1) {
    if (!steps[step].match(stack[depth], stack, depth)) return false;
    if (step === 0) return true;
    if (steps[step].combinator === ">") return depth > 0 && matchesAt(steps, stack, depth - 1, step - 1);
    for (let d = depth - 1; d >= 0; d--) if (matchesAt(steps, stack, d, step - 1)) return true;
    return false;
  }
  const matches = (selectors, stack) => selectors.some((steps) => matchesAt(steps, stack, stack.length - 1));

  // ---------------------------------------------------------------- content

  const escapeText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  function content(value, options) {
    const text = String(value);
    return options !== undefined && options !== null && options.html ? text : escapeText(text);
  }

  const VOID = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
    "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
  // Elements whose text the tokenizer reads raw up to their own end tag.
  const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript", "plaintext"]);
  const NAMESPACES = { svg: "http://www.w3.org/2000/svg", math: "http://www.w3.org/1998/Math/MathML" };
  const HTML_NS = "http://www.w3.org/1999/xhtml";

  // ---------------------------------------------------------------- tokenizer

  // The document as a list of tokens, each with its source text (raw) so untouched markup is
  // written back as it came: text, comment, doctype, start and end tags.
  function tokenize(html) {
    const tokens = [];
    let i = 0;
    let text = "";
    let rawUntil = null; // inside a raw-text element: the end tag that closes it
    const flushText = () => { if (text !== "") { tokens.push({ type: "text", raw: text }); text = ""; } };
    while (i < html.length) {
      if (rawUntil !== null) {
        const lower = html.toLowerCase();
        let at = i;
        for (;;) {
          at = lower.indexOf("</" + rawUntil, at);
          if (at < 0 || /[\s/>]/.test(html[at + 2 + rawUntil.length] ?? ">")) break;
          at++;
        }
        if (at < 0) { text += html.slice(i); i = html.length; break; }
        text += html.slice(i, at);
        i = at;
        rawUntil = null;
        continue;
      }
      const c = html[i];
      if (c !== "<") { text += c; i++; continue; }
      const next = html[i + 1] ?? "";
      if (html.startsWith("<!--", i)) {
        flushText();
        let end = html.indexOf("-->", i + 4);
        if (html.startsWith("<!-->", i)) end = i + 2;
        else if (html.startsWith("<!--->", i)) end = i + 3;
        const stop = end < 0 ? html.length : end + 3;
        tokens.push({ type: "comment", raw: html.slice(i, stop), text: html.slice(i + 4, end < 0 ? html.length : Math.max(end, i + 4)) });
        i = stop;
        continue;
      }
      if (next === "!" || next === "?") {
        flushText();
        const end = html.indexOf(">", i);
        const stop = end < 0 ? html.length : end + 1;
        const raw = html.slice(i, stop);
        if (/^<!doctype/i.test(raw)) tokens.push({ type: "doctype", raw, ...parseDoctype(raw) });
        else tokens.push({ type: "comment", raw, text: raw.slice(next === "!" ? 2 : 1, end < 0 ? raw.length : -1) });
        i = stop;
        continue;
      }
      const isEnd = next === "/";
      const nameStart = i + (isEnd ? 2 : 1);
      if (!/[A-Za-z]/.test(html[nameStart] ?? "")) {
        if (isEnd && html[nameStart] === ">") { i = nameStart + 1; continue; } // "</>" is dropped
        text += c; i++; continue;
      }
      flushText();
      const tag = parseTag(html, nameStart);
      if (tag === null) { text += html.slice(i); i = html.length; break; } // unterminated: text
      tag.type = isEnd ? "end" : "start";
      tag.raw = html.slice(i, tag.stop);
      tokens.push(tag);
      i = tag.stop;
      if (!isEnd && RAW_TEXT.has(tag.name)) rawUntil = tag.name;
    }
    flushText();
    return tokens;
  }

  // A tag's name and attributes, each attribute with its source text (the whitespace before it
  // included) so a rewritten tag keeps the attributes nobody touched as they were written.
  function parseTag(html, at) {
    let i = at;
    while (i < html.length && !/[\s/>]/.test(html[i])) i++;
    const tag = { name: html.slice(at, i).toLowerCase(), rawName: html.slice(at, i), attributes: [],
      selfClosing: false };
    let tailStart = i;
    for (;;) {
      const gapStart = i;
      while (i < html.length && /[\s/]/.test(html[i])) {
        tag.selfClosing = html[i] === "/" && html[i + 1] === ">";
        i++;
      }
      if (i >= html.length) return null;
      if (html[i] === ">") {
        tag.stop = i + 1;
        tag.tail = html.slice(tailStart, tag.stop);
        return tag;
      }
      const start = i;
      i++;
      while (i < html.length && !/[\s/>=]/.test(html[i])) i++;
      const name = html.slice(start, i).toLowerCase();
      let j = i;
      while (j < html.length && /\s/.test(html[j])) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (j < html.length && /\s/.test(html[j])) j++;
        if (html[j] === '"' || html[j] === "'") {
          const end = html.indexOf(html[j], j + 1);
          if (end < 0) return null;
          value = html.slice(j + 1, end);
          i = end + 1;
        } else {
          const s = j;
          while (j < html.length && !/[\s>]/.test(html[j])) j++;
          value = html.slice(s, j);
          i = j;
        }
      }
      tag.selfClosing = false;
      tailStart = i;
      tag.attributes.push({ name, value, raw: html.slice(gapStart, i) }); // repeats kept, as lol-html does
    }
  }

  function parseDoctype(raw) {
    const m = /^<!doctype\s*([^\s>]*)\s*(?:public\s*(["'])(.*?)\2)?\s*(?:(?:system\s*)?(["'])(.*?)\4)?/i.exec(raw);
    return {
      name: m && m[1] !== "" ? m[1].toLowerCase() : null,
      publicId: m && m[3] !== undefined ? m[3] : null,
      systemId: m && m[5] !== undefined ? m[5] : null,
    };
  }

  // ---------------------------------------------------------------- the objects handlers get

  // Mutations on a node: what goes before and after it, and whether it is replaced or removed.
  class Edits {
    constructor() { this.before = ""; this.after = ""; this.replacement = null; this.removed = false; }
    addBefore(text) { this.before += text; }
    addAfter(text) { this.after = text + this.after; }
    replace(text) { this.replacement = text; this.removed = true; }
    remove() { this.replacement = ""; this.removed = true; }
    wrap(own) { return this.before + (this.removed ? this.replacement : own) + this.after; }
  }

  class Element {
    #state;
    constructor(state) { this.#state = state; }
    get tagName() { return this.#state.name; }
    set tagName(name) {
      this.#state.name = String(name).toLowerCase();
      this.#state.renamed = true;
      this.#state.dirty = true;
    }
    get namespaceURI() { return this.#state.namespace; }
    get removed() { return this.#state.edits.removed; }
    get attributes() { return this.#state.attributes.map((a) => [a.name, a.value])[Symbol.iterator](); }
    getAttribute(name) {
      const key = String(name).toLowerCase();
      const found = this.#state.attributes.find((a) => a.name === key);
      return found === undefined ? null : found.value;
    }
    hasAttribute(name) { return this.getAttribute(name) !== null; }
    setAttribute(name, value) {
      const key = String(name).toLowerCase();
      const found = this.#state.attributes.find((a) => a.name === key);
      const written = ` ${key}="${String(value).replace(/"/g, "&quot;")}"`;
      if (found !== undefined) { found.value = String(value); found.raw = written; }
      else this.#state.attributes.push({ name: key, value: String(value), raw: written });
      this.#state.dirty = true;
      return this;
    }
    removeAttribute(name) {
      const key = String(name).toLowerCase();
      const before = this.#state.attributes.length;
      this.#state.attributes = this.#state.attributes.filter((a) => a.name !== key);
      if (this.#state.attributes.length !== before) this.#state.dirty = true;
      return this;
    }
    // As in lol-html: the start tag's edits hold what goes before the element and, after the start
    // tag, what is prepended; the end tag's edits (state.end, made on first use) what is appended
    // (before the end tag) and what goes after the element. An element that cannot have content
    // keeps its after() content on its start tag and ignores prepend/append/setInnerContent.
    before(text, options) { this.#state.edits.addBefore(content(text, options)); return this; }
    after(text, options) {
      (this.#state.canHaveContent ? this.#end() : this.#state.edits).addAfter(content(text, options));
      return this;
    }
    prepend(text, options) {
      if (this.#state.canHaveContent) this.#state.edits.addAfter(content(text, options));
      return this;
    }
    append(text, options) {
      if (this.#state.canHaveContent) this.#end().addBefore(content(text, options));
      return this;
    }
    setInnerContent(text, options) {
      if (this.#state.canHaveContent) {
        this.#removeContent();
        this.#state.edits.addAfter(content(text, options));
      }
      return this;
    }
    replace(text, options) {
      this.#state.edits.replace(content(text, options));
      if (this.#state.canHaveContent) { this.#removeContent(); this.#end().remove(); }
      return this;
    }
    remove() {
      this.#state.edits.remove();
      if (this.#state.canHaveContent) { this.#removeContent(); this.#end().remove(); }
      return this;
    }
    removeAndKeepContent() {
      this.#state.edits.remove();
      if (this.#state.canHaveContent) this.#end().remove();
      return this;
    }
    #end() { return this.#state.end ??= new Edits(); }
    #removeContent() {
      this.#state.edits.after = "";
      this.#end().before = "";
      this.#state.removeContent = true;
    }
    onEndTag(handler) {
      if (typeof handler !== "function") throw new TypeError("onEndTag: the handler must be a function");
      if (!this.#state.canHaveContent) throw new TypeError("Parser error: No end tag.");
      this.#state.endTagHandlers.push(handler);
    }
  }

  class EndTag {
    #state;
    constructor(state) { this.#state = state; }
    get name() { return this.#state.name; }
    set name(value) { this.#state.name = String(value).toLowerCase(); this.#state.dirty = true; }
    before(text, options) { this.#state.edits.addBefore(content(text, options)); return this; }
    after(text, options) { this.#state.edits.addAfter(content(text, options)); return this; }
    remove() { this.#state.edits.remove(); return this; }
  }

  class Text {
    #state;
    constructor(state) { this.#state = state; }
    get text() { return this.#state.text; }
    get lastInTextNode() { return this.#state.last; }
    get removed() { return this.#state.edits.removed; }
    before(text, options) { this.#state.edits.addBefore(content(text, options)); return this; }
    after(text, options) { this.#state.edits.addAfter(content(text, options)); return this; }
    replace(text, options) { this.#state.edits.replace(content(text, options)); return this; }
    remove() { this.#state.edits.remove(); return this; }
  }

  class Comment {
    #state;
    constructor(state) { this.#state = state; }
    get text() { return this.#state.text; }
    set text(value) { this.#state.text = String(value); this.#state.dirty = true; }
    get removed() { return this.#state.edits.removed; }
    before(text, options) { this.#state.edits.addBefore(content(text, options)); return this; }
    after(text, options) { this.#state.edits.addAfter(content(text, options)); return this; }
    replace(text, options) { this.#state.edits.replace(content(text, options)); return this; }
    remove() { this.#state.edits.remove(); return this; }
  }

  class Doctype {
    #token;
    constructor(token) { this.#token = token; }
    get name() { return this.#token.name; }
    get publicId() { return this.#token.publicId; }
    get systemId() { return this.#token.systemId; }
  }

  class DocumentEnd {
    #state;
    constructor(state) { this.#state = state; }
    append(text, options) { this.#state.append += content(text, options); return this; }
  }

  // ---------------------------------------------------------------- rewriting

  // A start tag someone changed: its name, its attributes (those untouched as written, changed and
  // new ones as name="value"), and what closed it ("/>" or ">", with any space before).
  const serializeStartTag = (s) =>
    "<" + (s.renamed ? s.name : s.rawName) + s.attributes.map((a) => a.raw).join("") + s.tail;

  async function call(handler, method, argument) {
    if (handler === null || handler === undefined) return;
    const fn = handler[method];
    if (typeof fn === "function") await fn.call(handler, argument);
  }

  // Runs the handlers over the document and returns the rewritten document.
  async function rewrite(html, elementHandlers, documentHandlers) {
    const tokens = tokenize(html);
    const out = [];
    const stack = []; // open elements: { name, attr(), index, typeIndex, children, types, state, matched }
    const root = { children: 0, types: new Map() };
    // Output goes to the innermost open element's sink, so that element's edits can wrap it.
    const sinks = [out];
    const emit = (text) => { sinks[sinks.length - 1].push(text); };

    // The handlers of each .on() whose selector some open element matched, once each however many
    // open elements matched it (in registration order), then the document's.
    const contentHandlersFor = (method) => {
      const active = new Set();
      for (const el of stack) for (const registration of el.matched) active.add(registration);
      const list = [];
      for (const registration of elementHandlers) {
        if (active.has(registration) && typeof registration.handler[method] === "function") list.push(registration.handler);
      }
      for (const h of documentHandlers) if (typeof h[method] === "function") list.push(h);
      return list;
    };

    // An element leaves the stack: its start tag (as edited) and its content (unless removed) go to
    // its parent's sink. What belongs to its end tag is not here: see closeByEndTag.
    const popElement = () => {
      const state = stack.pop().state;
      const inner = sinks.pop().join("");
      const edits = state.edits;
      const start = state.dirty ? serializeStartTag(state) : state.raw;
      emit(edits.before + (edits.removed ? edits.replacement : start) + edits.after + (state.removeContent ? "" : inner));
    };

    // An end tag closes the open elements down to the innermost one of its name, as lol-html does
    // (no HTML-spec implied end tags): each of them, innermost first, makes the end tag its own —
    // a renamed one renames it, one whose end tag was edited (append, after, remove...) replaces
    // the end tag's edits with its own, dropping those made before — and then its end-tag
    // handlers run on it. So after() content of an element closed by an ancestor's end tag goes
    // after that end tag, and only the outermost such element's survives (as in workerd).
    const closeByEndTag = async (token, at) => {
      const endState = { name: token.name, edits: new Edits(), dirty: false };
      while (stack.length > at) {
        const state = stack[stack.length - 1].state;
        if (state.renamed) { endState.name = state.name; endState.dirty = true; }
        if (state.end !== null) endState.edits = state.end;
        for (const handler of state.endTagHandlers) await handler(new EndTag(endState));
        popElement();
      }
      const own = endState.dirty ? `</${endState.name}>` : token.raw;
      emit(endState.edits.wrap(own));
    };

    for (const token of tokens) {
      if (token.type === "start") {
        const parent = stack.length > 0 ? stack[stack.length - 1] : root;
        parent.children++;
        parent.types.set(token.name, (parent.types.get(token.name) ?? 0) + 1);
        const namespace = NAMESPACES[token.name] ??
          (stack.length > 0 && stack[stack.length - 1].state.namespace !== HTML_NS &&
            token.name !== "foreignobject" ? stack[stack.length - 1].state.namespace : HTML_NS);
        const foreign = namespace !== HTML_NS;
        const canHaveContent = !VOID.has(token.name) && !(foreign && token.selfClosing);
        const state = {
          name: token.name, rawName: token.rawName, renamed: false, raw: token.raw, tail: token.tail,
          attributes: token.attributes.map((a) => ({ ...a })),
          selfClosing: token.selfClosing, namespace, canHaveContent, dirty: false, edits: new Edits(),
          end: null, removeContent: false, endTagHandlers: [],
        };
        const entry = {
          name: token.name, index: parent.children, typeIndex: parent.types.get(token.name),
          attr: (n) => { const f = token.attributes.find((a) => a.name === n); return f === undefined ? null : f.value; },
          children: 0, types: new Map(), state, matched: [],
        };
        stack.push(entry);
        // Handlers run inside removed or replaced content too (their edits are then discarded
        // with it), as in workerd.
        for (const registration of elementHandlers) {
          if (!matches(registration.steps, stack)) continue;
          entry.matched.push(registration);
          await call(registration.handler, "element", new Element(state));
        }
        sinks.push([]);
        if (!canHaveContent) popElement();
        continue;
      }
      if (token.type === "end") {
        let at = stack.length - 1;
        while (at >= 0 && stack[at].name !== token.name) at--;
        if (at < 0) { emit(token.raw); continue; } // a stray end tag stays as it was
        await closeByEndTag(token, at);
        continue;
      }
      if (token.type === "text") {
        const handlers = contentHandlersFor("text");
        const chunks = [{ text: token.raw, last: false }, { text: "", last: true }];
        for (const chunk of chunks) {
          const state = { text: chunk.text, last: chunk.last, edits: new Edits() };
          for (const handler of handlers) await handler.text(new Text(state));
          emit(state.edits.wrap(chunk.text));
        }
        continue;
      }
      if (token.type === "comment") {
        const handlers = contentHandlersFor("comments");
        const state = { text: token.text, edits: new Edits(), dirty: false };
        for (const handler of handlers) await handler.comments(new Comment(state));
        emit(state.edits.wrap(state.dirty ? `<!--${state.text}-->` : token.raw));
        continue;
      }
      if (token.type === "doctype") {
        for (const handler of documentHandlers) await call(handler, "doctype", new Doctype(token));
        emit(token.raw);
      }
    }
    // Elements still open at the end were never closed: as in lol-html, their end-tag handlers never
    // run and what they put after or appended is dropped.
    while (stack.length > 0) popElement();
    const end = { append: "" };
    for (const handler of documentHandlers) await call(handler, "end", new DocumentEnd(end));
    return out.join("") + end.append;
  }

  class HTMLRewriter {
    #elementHandlers = [];
    #documentHandlers = [];

    on(selector, handlers) {
      this.#elementHandlers.push({ steps: parseSelectorList(selector), handler: handlers });
      return this;
    }

    onDocument(handlers) {
      this.#documentHandlers.push(handlers);
      return this;
    }

    transform(response) {
      if (!(response instanceof Response)) {
        throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
      }
      const elementHandlers = this.#elementHandlers.slice();
      const documentHandlers = this.#documentHandlers.slice();
      if (response.body === null) return new Response(null, response);
      const source = response;
      let done = false;
      const body = new ReadableStream({
        async pull(controller) {
          if (done) return;
          done = true;
          const html = await source.text();
          const rewritten = await rewrite(html, elementHandlers, documentHandlers);
          controller.enqueue(new TextEncoder().encode(rewritten));
          controller.close();
        },
      });
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    }
  }

  internal.defineGlobal("HTMLRewriter", HTMLRewriter);
});
