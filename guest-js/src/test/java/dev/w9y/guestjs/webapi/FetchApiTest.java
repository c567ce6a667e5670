package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request and Response per the Fetch Standard, outside any network. */
class FetchApiTest {
  private final JsTestContext js = JsTestContext.withFullPrelude();

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void aBodyCanBeReadOnceAndCloneGivesASecondReader() {
    assertThat(
            js.async(
                "const r = new Response('héllo');"
                    + " const copy = r.clone();"
                    + " const first = await r.text();"
                    + " let second; try { await r.text(); } catch (e) { second = e.constructor.name; }"
                    + " let cloneAfter; try { r.clone(); } catch (e) { cloneAfter = e.constructor.name; }"
                    + " const bytes = new Uint8Array(await copy.arrayBuffer());"
                    + " return [first, second, r.bodyUsed, cloneAfter, bytes.length, r.headers.get('content-type')].join(' ');"))
        .isEqualTo("héllo TypeError true TypeError 6 text/plain;charset=UTF-8");
  }

  @Test
  void responseStaticsAndStatusRules() {
    assertThat(
            js.async(
                "const j = Response.json({ a: 1 }, { status: 201, headers: { 'x-y': 'z' } });"
                    + " const redirect = Response.redirect('http://h/next', 307);"
                    + " const errors = [];"
                    + " for (const make of [() => new Response('x', { status: 99 }), () => new Response('x', { status: 204 }),"
                    + "   () => Response.redirect('http://h/', 200), () => Response.json(undefined)]) {"
                    + "   try { make(); errors.push('ok'); } catch (e) { errors.push(e.constructor.name); } }"
                    + " let immutable; try { redirect.headers.set('a', 'b'); } catch (e) { immutable = e.constructor.name; }"
                    + " return [j.status, j.ok, j.headers.get('content-type'), j.headers.get('x-y'), await j.text(),"
                    + "  redirect.status, redirect.headers.get('location'), errors.join(','), immutable,"
                    + "  Response.error().type, Response.error().status, String(new Response(null, { status: 204 }).body)].join(' ');"))
        .isEqualTo(
            "201 true application/json z {\"a\":1} 307 http://h/next RangeError,TypeError,RangeError,TypeError"
                + " TypeError error 0 null");
  }

  @Test
  void requestsNormalizeMethodsRejectBadInputAndCarryBodies() {
    assertThat(
            js.async(
                "const r = new Request('http://h/p', { method: 'post', body: 'x=1', headers: { 'X-A': '1' } });"
                    + " const copy = new Request(r, { headers: { b: '2' } });"
                    + " const errors = [];"
                    + " for (const make of [() => new Request('/relative'), () => new Request('http://h', { method: 'GET', body: 'x' }),"
                    + "   () => new Request('http://u:p@h/'), () => new Request('http://h', { method: 'TRACE' }),"
                    + "   () => new Request('http://h', { method: 'bad method' })]) {"
                    + "   try { make(); errors.push('ok'); } catch (e) { errors.push(e.constructor.name); } }"
                    + " return [r.method, new Request('http://h', { method: 'patch' }).method, r.bodyUsed,"
                    + "  await copy.text(), copy.headers.get('b'), String(copy.headers.get('x-a')), errors.join(','),"
                    + "  r.signal instanceof AbortSignal, r.redirect].join(' ');"))
        // As workerd (not the Fetch standard): every known method is upper-cased, TRACE is allowed.
        .isEqualTo(
            "POST PATCH true x=1 2 null TypeError,TypeError,TypeError,ok,TypeError true follow");
  }

  @Test
  void bodiesFromBytesAndFormsAndJsonErrors() {
    assertThat(
            js.async(
                "const fromBytes = await new Response(new Uint8Array([104, 105])).text();"
                    + " const form = new Request('http://h', { method: 'POST', body: new URLSearchParams({ a: 'b c' }) });"
                    + " let bad; try { await new Response('{').json(); } catch (e) { bad = e.constructor.name; }"
                    + " return [fromBytes, form.headers.get('content-type'), await form.text(), bad].join(' ');"))
        .isEqualTo("hi application/x-www-form-urlencoded;charset=UTF-8 a=b+c SyntaxError");
  }

  @Test
  void nullBodiesStayUnusedJsonKeepsAGivenContentTypeAndOnlyHttpIsFetched() {
    assertThat(
            js.async(
                "const empty = new Response(null); await empty.text(); await empty.arrayBuffer();"
                    + " const req = new Request('http://h', { method: 'POST', body: 'a' });"
                    + " const replaced = new Request(req, { body: 'b' });"
                    + " const typed = Response.json({ a: 1 }, { headers: { 'content-type': 'foo/bar' } });"
                    + " const plain = Response.json([1]);"
                    + " const errors = [];"
                    + " for (const url of ['data:,hi', 'ftp://h/x', 'about:blank']) {"
                    + "   try { await fetch(url); errors.push('fetched ' + url); }"
                    + "   catch (e) { errors.push(e.constructor.name + (e.message.includes('http and https only') ? '' : '?')); }"
                    + " }"
                    + " return [empty.bodyUsed, req.bodyUsed, await replaced.text(),"
                    + "  typed.headers.get('content-type'), plain.headers.get('content-type'), await plain.text(),"
                    + "  errors.join(' ')].join('|');"))
        .isEqualTo("false|true|b|foo/bar|application/json|[1]|TypeError TypeError TypeError");
  }

  @Test
  void cloneGivesTheSecondBranchStructuredClonesOfTheChunks() {
    assertThat(
            js.async(
                "const chunk = new Uint8Array([1, 2]);"
                    + " const r = new Response(new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } }));"
                    + " const copy = r.clone();"
                    + " const first = await r.body.getReader().read();"
                    + " const second = await copy.body.getReader().read();"
                    + " return [first.value === chunk, second.value !== chunk, second.value.join()].join('|');"))
        .isEqualTo("true|true|1,2");
  }

  @Test
  void requestInitIsCheckedAsTheFetchStandardSaysAndReadBack() {
    assertThat(
            js.string(
                "const bad = [];"
                    + " for (const init of [{ mode: 'sideways' }, { credentials: 'all' }, { cache: 'forever' },"
                    + "   { referrerPolicy: 'nope' }, { window: {} }, { mode: 'navigate' }, { referrer: 'not a url' },"
                    + "   { cache: 'only-if-cached' }, { mode: 'no-cors', method: 'PUT' },"
                    + "   { mode: 'cors', credentials: 'omit', cache: 'no-store' }]) {"
                    + "   try { new Request('http://h/', init); bad.push('ok'); } catch (e) { bad.push(e.constructor.name); }"
                    + " }"
                    + " const kept = new Request('http://h/', { mode: 'same-origin', cache: 'no-store', referrerPolicy: 'origin' });"
                    + " const copied = new Request(kept).clone();"
                    + " return bad.join(' ') + '|' + [copied.mode, copied.cache, copied.referrerPolicy, copied.credentials,"
                    + "  new Request('http://h/').mode, copied.duplex].join(' ');"))
        .isEqualTo(
            "TypeError TypeError TypeError TypeError TypeError TypeError TypeError TypeError TypeError ok"
                + "|same-origin no-store origin same-origin cors half");
  }

  @Test
  void aConsumedBodyIsAStreamAlreadyReadAndLockedAsInWorkerd() {
    assertThat(
            js.async(
                "const describe = (s) => s === null ? 'null' : s.constructor.name + ' locked=' + s.locked;"
                    + " const attempt = async (f) => { try { await f(); return 'ok'; } catch (e) { return e.name + ': ' + e.message; } };"
                    + " const fresh = new Response('hello'); await fresh.text();"
                    + " const asked = new Response('hello'); const before = asked.body; await asked.text();"
                    + " const request = new Request('http://x/', { method: 'POST', body: 'hi' }); await request.arrayBuffer();"
                    + " const empty = new Response(null); await empty.text();"
                    + " return [fresh.bodyUsed, describe(fresh.body), fresh.body === fresh.body, describe(before), before === asked.body,"
                    + "  describe(request.body), empty.bodyUsed, describe(empty.body),"
                    + "  await attempt(() => fresh.body.getReader()), await attempt(() => new Response(fresh.body))].join(' | ');"))
        .isEqualTo(
            "true | ReadableStream locked=true | true | ReadableStream locked=true | true |"
                + " ReadableStream locked=true | false | null | TypeError: This ReadableStream is"
                + " currently locked to a reader. | TypeError: This ReadableStream is disturbed (has"
                + " already been read from), and cannot be used as a body.");
  }
}
