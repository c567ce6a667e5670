package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/**
 * HTMLRewriter (prelude htmlrewriter.js): untouched markup kept as written, element, text, comment
 * and document handlers, async handlers, selector errors; compat's HtmlRewriterCompatTest compares
 * the same with workerd.
 */
class HtmlRewriterTest {
  private static final String WORKER =
      """
      const DOC = `<!DOCTYPE html><html><body class='a  b'><!-- c --><h1 id=t>Hi <b>there</b></h1>
      <ul><li>1</li><li class="x">2</li></ul><a href="/a" rel=x>link</a></body></html>`;
      const run = async (rw) => rw.transform(new Response(DOC, { headers: { "x-k": "v" } }));
      export default {
        async fetch(request) {
          const op = new URL(request.url).pathname.slice(1);
          if (op === "identity") return run(new HTMLRewriter());
          if (op === "edit") {
            const seen = [];
            const response = await run(new HTMLRewriter()
              .on("a[href^='/']", { element(e) { e.setAttribute("href", "/b?x=\\"1\\""); e.removeAttribute("rel"); } })
              .on("ul > li:nth-child(2)", { element(e) { e.setInnerContent("<i>two</i>", { html: true }); } })
              .on("h1", { element(e) { e.before("<p>", {}); e.after("!", {}); e.onEndTag((end) => seen.push(end.name)); },
                          text(t) { if (t.text === "Hi ") t.replace("Hello "); } })
              .on("li:first-child", { async element(e) {
                  await new Promise((resolve) => setTimeout(resolve, 5));
                  e.prepend("0.");
                } })
              .onDocument({ comments(c) { c.remove(); }, end(end) { end.append(`<!--${seen}-->`, { html: true }); } }));
            return new Response(await response.text() + " " + response.headers.get("x-k"));
          }
          if (op === "implied") {
            const seen = [];
            const rw = new HTMLRewriter()
              .on("li, p, b", { element(e) {
                const name = e.tagName;
                e.before("[", {}); e.after("]", {});
                e.onEndTag((end) => seen.push(`${name}:${end.name}`));
              } })
              .on("ol", { element(e) { e.after("}", {}); } });
            const html = "<ul><li>1<li>2</ul><ol><li>3</ol><p>a<p>b</p><main><b>x";
            const response = rw.transform(new Response(html));
            return new Response(await response.text() + " " + seen.join(","));
          }
          try { new HTMLRewriter().on("a ~ b", {}); } catch (e) { return new Response(`${e.name}: ${e.message}`); }
          return new Response("accepted");
        },
      };
      """;

  @Test
  void untouchedMarkupComesBackAsItWasWritten() {
    JsWorld world = JsWorld.serve(WORKER, Request.get("http://api/identity"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 <!DOCTYPE html><html><body class='a  b'><!-- c --><h1 id=t>Hi <b>there</b></h1>\n"
                + "<ul><li>1</li><li class=\"x\">2</li></ul><a href=\"/a\" rel=x>link</a>"
                + "</body></html>");
  }

  @Test
  void handlersEditElementsTextCommentsAndTheDocumentEndInDocumentOrder() {
    JsWorld first = JsWorld.serve(WORKER, Request.get("http://api/edit"));
    assertThat(first.outcomes)
        .containsExactly(
            "200 <!DOCTYPE html><html><body class='a  b'>&lt;p&gt;<h1 id=t>Hello <b>there</b></h1>!\n"
                + "<ul><li>0.1</li><li class=\"x\"><i>two</i></li></ul>"
                + "<a href=\"/b?x=&quot;1&quot;\">link</a></body></html><!--h1--> v");
    JsWorld again = JsWorld.serve(WORKER, Request.get("http://api/edit"));
    assertThat(again.result.traceSha256()).isEqualTo(first.result.traceSha256());
  }

  /**
   * An end tag closes the open elements down to its own (no implied end tags, as in lol-html): each
   * closed element's end-tag handlers see that end tag, the after() content of the outermost one
   * that has any replaces the others' and goes after the end tag; elements never closed drop it.
   */
  @Test
  void elementsClosedByAnAncestorsEndTagShareItAsInLolHtml() {
    JsWorld world = JsWorld.serve(WORKER, Request.get("http://api/implied"));
    assertThat(world.outcomes)
        .containsExactly(
            "200 <ul>[<li>1[<li>2</ul>]<ol>[<li>3</ol>}[<p>a[<p>b</p>]<main>[<b>x"
                + " li:ul,li:ul,li:ol,p:p");
  }

  @Test
  void anUnsupportedSelectorIsWorkerdsTypeError() {
    JsWorld world = JsWorld.serve(WORKER, Request.get("http://api/bad"));
    assertThat(world.outcomes)
        .containsExactly("200 TypeError: Parser error: Unsupported combinator `~` in selector.");
  }
}
