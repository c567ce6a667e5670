// node:url and node:querystring (nodejs_compat), written for W9Y to Node's documented behaviour:
// the WHATWG URL (the global one), fileURLToPath/pathToFileURL (POSIX), the legacy
// parse/format/resolve and Url objects, and querystring's parse/stringify/escape/unescape.
(function (internal) {
  "use strict";
  const factories = internal.nodeFactories;
  if (factories === undefined) return;
  const { nodeError, invalidArgType, Buffer, path: posix } = internal.nodeShared;

  // ------------------------------------------------------------ querystring

  // Node's table leaves !'()* unescaped, as encodeURIComponent does
  const qsEscape = (text) => encodeURIComponent(String(text));
  function qsUnescape(text) {
    try { return decodeURIComponent(text); } catch (error) {
      return text.replace(/%([0-9a-fA-F]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16)));
    }
  }
  const primitive = (v) => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v)
    : typeof v === "bigint" ? String(v) : typeof v === "boolean" ? String(v) : "");
  function stringify(object, sep = "&", eq = "=", options = {}) {
    const escape = options.encodeURIComponent ?? qsEscape;
    if (object === null || typeof object !== "object") return "";
    const parts = [];
    for (const key of Object.keys(object)) {
      const value = object[key];
      const name = escape(primitive(key)) + eq;
      if (Array.isArray(value)) for (const v of value) parts.push(name + escape(primitive(v)));
      else parts.push(name + escape(primitive(value)));
    }
    return parts.join(sep);
  }
  function parse(text, sep = "&", eq = "=", options = {}) {
    const out = Object.create(null);
    if (typeof text !== "string" || text.length === 0) return out;
    const decode = options.decodeURIComponent ?? qsUnescape;
    const max = options.maxKeys ?? 1000;
    let pairs = text.split(sep);
    if (max > 0) pairs = pairs.slice(0, max);
    for (const pair of pairs) {
      if (pair === "") continue;
      const at = pair.indexOf(eq);
      const rawKey = at < 0 ? pair : pair.slice(0, at);
      const rawValue = at < 0 ? "" : pair.slice(at + eq.length);
      const key = decode(rawKey.replace(/\+/g, " "));
      const value = decode(rawValue.replace(/\+/g, " "));
      if (!(key in out)) out[key] = value;
      else if (Array.isArray(out[key])) out[key].push(value);
      else out[key] = [out[key], value];
    }
    return out;
  }
  const querystring = { parse, stringify, escape: qsEscape, unescape: qsUnescape, decode: parse, encode: stringify, unescapeBuffer: (s) => Buffer.from(qsUnescape(String(s))) };

  // ------------------------------------------------------------ url

  let urlModule = null;
  function build() {
    if (urlModule !== null) return urlModule;
    function fileURLToPath(input) {
      const url = typeof input === "string" ? new URL(input) : input;
      if (!(url instanceof URL)) throw invalidArgType("path", "of type string or an instance of URL", input);
      if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
      if (url.hostname !== "") throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
      if (/%2f/i.test(url.pathname)) throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
      return decodeURIComponent(url.pathname);
    }
    function pathToFileURL(path) {
      let resolved = posix.resolve(String(path));
      if (String(path).endsWith("/") && !resolved.endsWith("/")) resolved += "/";
      const url = new URL("file://");
      url.pathname = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09");
      return url;
    }

    // The legacy API: a Url's fields as Node's url.parse leaves them.
    function Url() {
      this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
      this.hostname = null; this.hash = null; this.search = null; this.query = null; this.pathname = null;
      this.path = null; this.href = null;
    }
    const SLASHED = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);
    function urlParse(input, parseQueryString = false, slashesDenoteHost = false) {
      if (input instanceof Url) return input;
      if (typeof input !== "string") throw invalidArgType("url", "of type string", input);
      const url = new Url();
      let rest = input.trim();
      const hashAt = rest.indexOf("#");
      if (hashAt >= 0) { url.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
      const queryAt = rest.indexOf("?");
      if (queryAt >= 0) {
        url.search = rest.slice(queryAt);
        url.query = rest.slice(queryAt + 1);
        rest = rest.slice(0, queryAt);
      } else if (parseQueryString) {
        url.search = "";
        url.query = {};
      }
      if (parseQueryString && typeof url.query === "string") url.query = parse(url.query);
      const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
      if (proto) { url.protocol = proto[1].toLowerCase(); rest = rest.slice(proto[1].length); }
      if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
        if (rest.startsWith("//") && !(proto && !SLASHED.has(url.protocol) && false)) {
          url.slashes = true;
          rest = rest.slice(2);
          let end = rest.search(/[/\\]/);
          if (end < 0) end = rest.length;
          let host = rest.slice(0, end);
          rest = rest.slice(end);
          const at = host.lastIndexOf("@");
          if (at >= 0) { url.auth = decodeURIComponent(host.slice(0, at)); host = host.slice(at + 1); }
          const port = /:(\d*)$/.exec(host);
          if (port) { if (port[1] !== "") url.port = port[1]; host = host.slice(0, port.index); }
          url.hostname = host.toLowerCase();
          url.host = url.hostname + (url.port ? `:${url.port}` : "");
        }
      }
      if (rest !== "") url.pathname = rest;
      else if (url.slashes && SLASHED.has(url.protocol)) url.pathname = "/";
      if (url.pathname !== null || url.search !== null) url.path = (url.pathname ?? "") + (url.search ?? "");
      url.href = urlFormat(url);
      return url;
    }
    function urlFormat(object, options) {
      if (typeof object === "string") object = urlParse(object);
      else if (object instanceof URL) {
        const { auth = true, fragment = true, search = true } = options ?? {};
        let text = object.protocol + "//";
        if (auth && (object.username || object.password)) text += object.username + (object.password ? `:${object.password}` : "") + "@";
        return text + object.host + object.pathname + (search ? object.search : "") + (fragment ? object.hash : "");
      }
      if (object === null || typeof object !== "object") throw invalidArgType("urlObject", "one of type object or string", object);
      let protocol = object.protocol ?? "";
      if (protocol && !protocol.endsWith(":")) protocol += ":";
      let auth = object.auth ? encodeURIComponent(object.auth).replace(/%3A/i, ":") + "@" : "";
      let host = "";
      if (object.host) host = auth + object.host;
      else if (object.hostname) host = auth + object.hostname + (object.port ? `:${object.port}` : "");
      let pathname = object.pathname ?? "";
      let search = object.search ?? (object.query && typeof object.query === "object" && Object.keys(object.query).length ? `?${stringify(object.query)}` : "");
      if (search && !search.startsWith("?")) search = `?${search}`;
      let hash = object.hash ?? "";
      if (hash && !hash.startsWith("#")) hash = `#${hash}`;
      if (object.slashes || ((!protocol || SLASHED.has(protocol)) && host !== "")) {
        host = `//${host}`;
        if (pathname && !pathname.startsWith("/")) pathname = `/${pathname}`;
      }
      pathname = pathname.replace(/[?#]/g, encodeURIComponent);
      search = search.replace("#", "%23");
      void auth;
      return protocol + host + pathname + search + hash;
    }
    function urlResolve(from, to) {
      try {
        return new URL(to, new URL(from)).href;
      } catch (error) {
        // a relative base: resolve the paths alone, as Node's legacy resolve does
        const base = urlParse(from);
        const target = urlParse(to);
        if (target.protocol || target.host) return urlFormat(target);
        const dir = base.pathname && !base.pathname.endsWith("/") ? posix.dirname(base.pathname) : base.pathname ?? "";
        const joined = target.pathname ? posix.normalize(target.pathname.startsWith("/") ? target.pathname : `${dir}/${target.pathname}`) : base.pathname ?? "";
        return urlFormat({ ...base, pathname: joined, search: target.search ?? (target.pathname ? null : base.search), hash: target.hash, host: base.host });
      }
    }
    function urlToHttpOptions(url) {
      const options = {
        protocol: url.protocol, hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        hash: url.hash, search: url.search, pathname: url.pathname, path: `${url.pathname || ""}${url.search || ""}`, href: url.href,
      };
      if (url.port !== "") options.port = Number(url.port);
      if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      return options;
    }
    Url.prototype.parse = function (text, parseQueryString, slashesDenoteHost) { return Object.assign(this, urlParse(text, parseQueryString, slashesDenoteHost)); };
    Url.prototype.format = function () { return urlFormat(this); };
    Url.prototype.resolve = function (to) { return urlResolve(urlFormat(this), to); };
    urlModule = {
      URL, URLSearchParams, Url, parse: urlParse, format: urlFormat, resolve: urlResolve, resolveObject: (a, b) => urlParse(urlResolve(a, b)),
      fileURLToPath, pathToFileURL, urlToHttpOptions,
      domainToASCII: (domain) => { try { return new URL(`http://${domain}`).hostname; } catch (error) { return ""; } },
      domainToUnicode: (domain) => String(domain),
    };
    return urlModule;
  }

  factories.url = () => build();
  factories.querystring = () => querystring;
});
