package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeadersTest {
  private final JsTestContext js = JsTestContext.with("dom-exception.js", "headers.js");

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void namesAreCaseInsensitiveAndAppendedValuesCombine() {
    assertThat(
            js.string(
                "const h = new Headers({ 'Content-Type': 'text/plain' });"
                    + " h.append('X-A', '1'); h.append('x-a', '2');"
                    + " return [h.get('content-type'), h.get('X-A'), h.has('CONTENT-TYPE'), String(h.get('missing'))].join('|');"))
        .isEqualTo("text/plain|1, 2|true|null");
  }

  @Test
  void iterationIsSortedLowerCasedCombinedButSetCookieStaysSeparate() {
    assertThat(
            js.string(
                "const h = new Headers([['B', '2'], ['a', '1'], ['Set-Cookie', 'x=1'],"
                    + " ['set-cookie', 'y=2'], ['b', '3']]);"
                    + " return [...h].map(([n, v]) => n + '=' + v).join(';') + ' ' + h.getSetCookie().join('+');"))
        .isEqualTo("a=1;b=2, 3;set-cookie=x=1;set-cookie=y=2 x=1+y=2");
  }

  @Test
  void valuesAreTrimmedAndInvalidNamesOrValuesAreTypeErrors() {
    assertThat(
            js.string(
                "const h = new Headers(); h.set('x', ' \\t padded \\r\\n');"
                    + " const errors = [];"
                    + " for (const [n, v] of [['bad name', 'v'], ['x', 'a\\nb'], ['x', 'a\\u0000b'], ['', 'v'], ['x', '\\u0100']]) {"
                    + "   try { h.append(n, v); errors.push('ok'); } catch (e) { errors.push(e.constructor.name); } }"
                    + " return JSON.stringify(h.get('x')) + ' ' + errors.join(',');"))
        .isEqualTo("\"padded\" TypeError,TypeError,TypeError,TypeError,TypeError");
  }

  @Test
  void alreadyNormalValuesAndRepeatedNamesTakeTheDirectPathWithTheSameRules() {
    // Plain values skip trimming, and checked names are remembered; both must keep the rules.
    assertThat(
            js.string(
                "const h = new Headers(); const errors = [];"
                    + " for (const [n, v] of [['x-a', 'in\\tside  spaces'], ['x-a', '\\u00ff'], ['x-a', ''],"
                    + "   ['x-b', ' lead'], ['x-b', 'trail\\t'], ['x-c', '\\u0100'], ['x-c', 'a\\rb'], ['x c', 'v'], ['x c', 'v']]) {"
                    + "   try { h.append(n, v); errors.push('ok'); } catch (e) { errors.push(e.constructor.name); } }"
                    + " return JSON.stringify([h.get('x-a'), h.get('X-B'), h.has('x-c')]) + ' ' + errors.join(',');"))
        .isEqualTo(
            "[\"in\\tside  spaces, \u00ff, \",\"lead, trail\",false] ok,ok,ok,ok,ok,TypeError,TypeError,TypeError,TypeError");
  }

  @Test
  void setReplacesTheFirstAndRemovesTheRestDeleteRemovesAll() {
    assertThat(
            js.string(
                "const h = new Headers([['a', '1'], ['b', '2'], ['A', '3']]);"
                    + " h.set('a', '9'); const afterSet = [...h].join(';');"
                    + " h.delete('B'); return afterSet + ' ' + [...h].join(';');"))
        .isEqualTo("a,9;b,2 a,9");
  }

  @Test
  void initFromHeadersSequencesAndRecordsAndBadInit() {
    assertThat(
            js.string(
                "const a = new Headers({ x: '1' }); const b = new Headers(a); b.set('x', '2');"
                    + " let bad; try { new Headers([['only-one']]); } catch (e) { bad = e.constructor.name; }"
                    + " return [a.get('x'), b.get('x'), new Headers(new Map([['m', 'v']])).get('m'), bad].join(',');"))
        .isEqualTo("1,2,v,TypeError");
  }

  @Test
  void immutableGuardRejectsMutationAndTheWireListKeepsCaseAndOrder() {
    assertThat(
            js.string(
                "const h = __internal.headersFromList([['X-Trace', 'a'], ['accept', 'b']], 'immutable');"
                    + " let error; try { h.set('x', '1'); } catch (e) { error = e.message; }"
                    + " return JSON.stringify(__internal.headersToList(h)) + ' ' + error + ' '"
                    + " + Object.prototype.toString.call(h);"))
        .isEqualTo(
            "[[\"X-Trace\",\"a\"],[\"accept\",\"b\"]] Headers are immutable [object Headers]");
  }

  @Test
  void forEachSeesValuesAndNames() {
    assertThat(
            js.string(
                "const out = []; new Headers({ b: '2', a: '1' }).forEach((v, n) => out.push(n + v));"
                    + " return out.join(',');"))
        .isEqualTo("a1,b2");
  }

  @Test
  void iteratorsAreWebIdlPairIteratorsNullIsRefusedAndACustomIteratorIsUsed() {
    assertThat(
            js.string(
                "const h = new Headers({ b: '2', a: '1' });"
                    + " const it = h.keys();"
                    + " const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));"
                    + " let nullInit; try { new Headers(null); nullInit = 'accepted'; } catch (e) { nullInit = e.constructor.name; }"
                    + " const custom = new Headers({ x: '1' });"
                    + " custom[Symbol.iterator] = function* () { yield ['y', 'custom']; };"
                    + " const copied = new Headers(custom);"
                    + " return [String(it), Object.getPrototypeOf(Object.getPrototypeOf(it)) === iteratorPrototype,"
                    + "  Headers.prototype[Symbol.iterator] === Headers.prototype.entries, [...h.values()].join(),"
                    + "  JSON.stringify([...h]), nullInit, copied.get('y'), String(copied.get('x'))].join('|');"))
        .isEqualTo(
            "[object Headers Iterator]|true|true|1,2|[[\"a\",\"1\"],[\"b\",\"2\"]]|TypeError|custom|null");
  }
}
