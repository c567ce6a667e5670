// HTMLRewriter: element, text, comment and document handlers over several documents; each
// answer is the rewritten body plus what the handlers saw (text chunks joined per node, since
// workerd splits text where its input chunks end).
const DOC = `<!DOCTYPE html>
<html lang="en">
<head><title>Test &amp; page</title>
<meta charset=utf-8>
<script>if (a < b && c > d) { document.write("</p>"); }</script>
<style>p > a { color: red }</style>
</head>
<body class="main  page">
<!-- a comment -->
<h1 id=title data-x='single "quoted"'>Hello <b>bold</b> world</h1>
<ul id="list">
  <li class="item first">one</li>
  <li class="item">two <a href="/two" rel="nofollow noopener">link</a></li>
  <li class="item last" data-lang="en-US">three</li>
  <li>four</li>
</ul>
<p>Para with <img src="a.png" alt=""> image and <br/> break &copy; 2026</p>
<div><p>nested <span class="x">span</span></p></div>
<svg viewBox="0 0 1 1"><circle r="1"/><path d="M0"></path></svg>
<form><input type=text name=q value="v"><textarea>a <b>not bold</b></textarea></form>
<UPPER Attr="X">case</UPPER>
</body>
</html>
`;

// Markup at the edges of the tokenizer: implied and stray end tags, odd comments, bogus markup,
// attributes without values or repeated, raw-text elements, CRLF, characters outside ASCII.
const EDGE = "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\r\n" +
  "<P CLASS=a>one</p><p class=b>two</P></p></br><div hidden data-a=1 data-a=2 DATA-B>x < y & z</div>\r\n" +
  "<!--><!---><!----><!-- -- --><? pi ?><!x y><a href=/q?x=1&y=2>q</a a=b><br/ ><br / >" +
  "<textarea><p>not a tag</textarea><title>a<b></title><style>a</style x><script>'</scr' + 'ipt>'</script>" +
  "<ul><li>1</li><li>2</li></ul><table><tr><td>c</td></tr></table><p>caf\u00e9 \u{1F600} &eacute;&#233;</p>" +
  "<div><div class=inner>in</div>out</div><template><p>t</p></template><noscript><p>ns</p></noscript>" +
  "<span>unclosed";
// Elements closed without their own end tag: by an ancestor's end tag, or never.
const IMPLIED = "<ul><li>1<li>2</ul><p>a<p>b</p><div><span>s</div>";
const rewriters = {
  identity: () => new HTMLRewriter(),
  attributes: () => new HTMLRewriter()
    .on("a", { element(e) { e.setAttribute("href", "/changed?a=1&b=\"2\""); e.removeAttribute("rel"); } })
    .on("h1", { element(e) { e.setAttribute("data-new", "n"); } })
    .on("img", { element(e) { e.setAttribute("alt", "an image"); } }),
  observe: () => {
    const seen = [];
    const rw = new HTMLRewriter()
      .on("*", { element(e) {
        seen.push([e.tagName, [...e.attributes].map(([n, v]) => `${n}=${v}`).join(","), e.namespaceURI,
          e.selfClosing, e.canHaveContent, e.hasAttribute("class"), e.getAttribute("id")].join("|"));
      } })
      .onDocument({ doctype(d) { seen.push(`doctype ${d.name} ${d.publicId} ${d.systemId}`); },
        comments(c) { seen.push(`comment ${c.text}`); }, end(end) { end.append(`<!-- ${seen.length} -->`, { html: true }); } });
    return [rw, seen];
  },
  insert: () => new HTMLRewriter()
    .on("h1", { element(e) {
      e.before("<b>before 1</b>"); e.before("<i>before 2</i>", { html: true });
      e.after("after 1", { html: true }); e.after("after 2 <&>");
      e.prepend("prepend 1 "); e.prepend("prepend 2 ", { html: true });
      e.append(" append 1"); e.append(" <u>append 2</u>", { html: true });
    } }),
  replace: () => new HTMLRewriter()
    .on("li.first", { element(e) { e.replace("<li>replaced</li>", { html: true }); } })
    .on("li.last", { element(e) { e.remove(); } })
    .on("ul > li:nth-child(2)", { element(e) { e.setInnerContent("inner <b>escaped</b>"); } })
    .on("div", { element(e) { e.removeAndKeepContent(); } })
    .on("span.x", { element(e) { e.setInnerContent("<em>html</em>", { html: true }); } }),
  endTags: () => new HTMLRewriter()
    .on("h1, li", { element(e) {} })
    .on("li", { element(e) {
      e.onEndTag((end) => { end.before(`[end ${end.name}]`); end.after("<!--after-->", { html: true }); });
    } })
    .on("h1", { element(e) { e.tagName = "h2"; e.onEndTag((end) => { end.name = "h2"; }); } }),
  text: () => {
    const seen = [];
    let current = "";
    const rw = new HTMLRewriter()
      .on("li", { text(t) {
        current += t.text;
        if (t.lastInTextNode) { seen.push(current); current = ""; }
        if (t.text === "two ") t.replace("TWO ");
        if (t.text === "three") t.before("<3>", { html: true });
      } })
      .on("title", { text(t) { if (t.text !== "") t.after(" (edited)"); } })
      .on("script", { text(t) { if (t.text !== "") t.remove(); } })
      .onDocument({ comments(c) { c.text = " rewritten "; } });
    return [rw, seen];
  },
  selectors: () => {
    const hits = [];
    const rw = new HTMLRewriter();
    for (const s of ["li", "#list", ".item", "li.item.first", "[data-lang]", "[data-lang=en-US]",
      "[rel~=noopener]", "[data-lang|=en]", "[href^='/t']", "[href$=wo]", "[href*=tw]", "ul li", "ul > li",
      "body > h1", "html p span", "li:first-child", "li:nth-child(2n+1)", "li:nth-child(3)", "li:not(.item)",
      "p:first-of-type", "li:nth-of-type(even)", "h1, li.last", "li:not(.first, .last)", "li:not(ul > .item)",
      "p:nth-child(-n+3)", "[data-x*=quoted]", "[class~=PAGE i]", "[class=\"main  page\"]", "h1[data-x]", "circle", "upper"]) {
      rw.on(s, { element(e) { hits.push(`${s} -> ${e.tagName}${e.getAttribute("class") ? "." + e.getAttribute("class") : ""}`); } });
    }
    return [rw, hits];
  },
  edge: () => {
    const seen = [];
    let current = "";
    const rw = new HTMLRewriter()
      .on("*", { element(e) { seen.push(`<${e.tagName} ${[...e.attributes].map(([n, v]) => `${n}=${v}`).join(",")}>`); },
        text(t) { current += t.text; if (t.lastInTextNode) { seen.push(JSON.stringify(current)); current = ""; } },
        comments(c) { seen.push(`comment ${JSON.stringify(c.text)}`); } })
      .on("div[hidden]", { element(e) { e.setAttribute("data-c", "3"); } })
      .onDocument({ doctype(d) { seen.push(`doctype ${d.name} ${d.publicId} ${d.systemId}`); } });
    return [rw, seen, EDGE];
  },
  edgeRemove: () => {
    const seen = [];
    const rw = new HTMLRewriter()
      .on("div", { element(e) { seen.push(`div ${e.getAttribute("class")}`); if (e.getAttribute("class") === null) e.remove(); } })
      .on("div.inner", { element(e) { seen.push("inner seen"); } })
      .on("li", { element(e) { e.before("[", { html: true }); e.after("]", { html: true }); } })
      .on("p", { element(e) { e.onEndTag((end) => { seen.push(`end ${end.name}`); }); } })
      .on("textarea", { element(e) { e.setInnerContent("new & text"); } })
      .on("a", { element(e) { e.tagName = "b"; } });
    return [rw, seen, EDGE];
  },
  implied: () => {
    const seen = [];
    const rw = new HTMLRewriter().on("li, p, span", { element(e) {
      e.before("[", { html: true }); e.after("]", { html: true });
      e.onEndTag((end) => { seen.push(`end ${end.name}`); });
    } });
    return [rw, seen, IMPLIED];
  },
  // Elements closed by an ancestor's end tag, or never closed, under each kind of edit.
  impliedAncestorEdited: () => {
    const seen = [];
    const rw = new HTMLRewriter().on("div, span, b", { element(e) {
      const name = e.tagName;
      e.before(`(${name}`, { html: true }); e.after(`${name})`, { html: true });
      e.onEndTag((end) => { seen.push(`end ${name} sees ${end.name}`); });
    } });
    return [rw, seen, "<div><span>s<b>b</div>x<div>y</div>"];
  },
  impliedAppendAndEndTag: () => {
    const seen = [];
    const rw = new HTMLRewriter()
      .on("li", { element(e) {
        e.append(`+${e.getAttribute("n")}`);
        if (e.getAttribute("n") === "1") e.onEndTag((end) => { end.before("<i>", { html: true }); end.after("!"); seen.push(`end ${end.name}`); });
      } })
      .on("ul", { element(e) { e.onEndTag((end) => { seen.push(`ul end ${end.name}`); end.after("?"); }); } });
    return [rw, seen, "<ul><li n=1>a<li n=2>b</ul><ul><li n=1>c</ul>"];
  },
  impliedRemove: () => {
    const seen = [];
    const rw = new HTMLRewriter()
      .on("li.gone", { element(e) { e.remove(); } })
      .on("li.keep", { element(e) { e.removeAndKeepContent(); } })
      .on("li", { text(t) { if (t.text) seen.push(`text ${t.text}`); } });
    return [rw, seen, "<ol><li class=gone>x<li>y</ol>after<ol><li class=keep>k<li>z</ol><ul><li class=gone>w</ul>"];
  },
  impliedRename: () => [new HTMLRewriter()
    .on("em", { element(e) { e.tagName = "strong"; } })
    .on("q", { element(e) { e.tagName = "cite"; e.after("~"); } })
    .on("section.named", { element(e) { e.tagName = "article"; } }),
  null, "<section><em>x</section><section class=named><q>y<em>z</section><div><em>w</em></div>"],
  impliedInner: () => [new HTMLRewriter()
    .on("p.set", { element(e) { e.setInnerContent("<new>", { html: true }); e.after("]"); } })
    .on("p.replace", { element(e) { e.replace("R"); } })
    .on("p", { element(e) { e.prepend("^"); } }),
  null, "<div><p class=set>old<span>gone</div><div><p class=replace>old</div><div><p>kept<p class=set>x</p></div>"],
  impliedUnclosed: () => {
    const seen = [];
    const rw = new HTMLRewriter()
      .on("b, i", { element(e) {
        const name = e.tagName;
        e.before("["); e.prepend("<"); e.append(">"); e.after("]");
        e.onEndTag(() => { seen.push(`end ${name}`); });
      } })
      .on("i.gone", { element(e) { e.remove(); } })
      .onDocument({ end(end) { end.append("|end"); } });
    return [rw, seen, "<main><b>bold<i>it</i> tail<br><img src=x>"];
  },
  impliedVoid: () => [new HTMLRewriter()
    .on("br, img, input", { element(e) { e.before("["); e.after("]"); e.prepend("no"); e.append("no"); } })
    .on("p", { element(e) { e.after("}"); } }),
  null, "<div><p>a<br>b<img src=x></div><p>c<input></p><br/>"],
  async: () => new HTMLRewriter()
    .on("li", { async element(e) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      e.setAttribute("data-async", "yes");
    } })
    .onDocument({ async end(end) { await Promise.resolve(); end.append("<!-- async end -->", { html: true }); } }),
};

// Each refused with workerd's words, or accepted ("[a" and "[a='x]": CSS closes them at the end).
const BAD_SELECTORS = ["", " ", "p >", "> p", "[a=", "[", "a[", "[a", "[a=b", ":hover", "a:nth-child(x)",
  "a:nth-child(", "a:not(", "a:not(b", "a:not(b c)", "a:not(:not(b))", "a ~ b", "a + b", "::before", "#", ".",
  "a#", "a.", "a,", ",a", "a, b", "$", "a:first-child(x)", "a b >", "a >> b", "*|a", "a|b", "[a='x]",
  "a:nth-child(2n+1 )", "a:NTH-CHILD(2)", "A", "[a=b i]", "[a=b s]", "[a=b x]", "a:first-of-type",
  "a:nth-of-type(2)", "a:last-child", "a:empty", "a:only-child", "#1a", ".-x", "a\\:b", "p:nth-child(-n+3)",
  "p:nth-child(+5)", "p:nth-child( odd )"];

export default {
  async fetch(request) {
    const name = new URL(request.url).pathname.slice(1);
    if (name === "bad-selectors") {
      return Response.json(BAD_SELECTORS.map((s) => {
        try { new HTMLRewriter().on(s, {}); return "accepted"; } catch (e) { return `${e.name}: ${e.message}`; }
      }));
    }
    const made = rewriters[name]();
    const [rw, seen, doc] = Array.isArray(made) ? made : [made, null];
    const response = rw.transform(new Response(doc ?? DOC, { headers: { "content-type": "text/html", "x-custom": "kept" } }));
    const body = await response.text();
    return Response.json({ body, seen, status: response.status, custom: response.headers.get("x-custom"),
      type: response.headers.get("content-type") });
  },
};
