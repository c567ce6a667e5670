package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlTest {
  private final JsTestContext js = JsTestContext.with("dom-exception.js", "encoding.js", "url.js");

  @AfterEach
  void close() {
    js.close();
  }

  private String href(String input, String base) {
    String call =
        base == null
            ? "new URL(" + quote(input) + ")"
            : "new URL(" + quote(input) + ", " + quote(base) + ")";
    return js.string("try { return " + call + ".href; } catch (e) { return e.constructor.name; }");
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "  http://a/b/../c  |NULL|http://a/c",
        "HTTP://EXAMPLE.com:80/|NULL|http://example.com/",
        "https://example.com:443/x?y#z|NULL|https://example.com/x?y#z",
        "http://example.com:8080|NULL|http://example.com:8080/",
        "http://example.com:65536|NULL|TypeError",
        "http:\\\\host\\path\\x|NULL|http://host/path/x",
        "http:foo.com|NULL|http://foo.com/",
        "//x/y|https://base/z|https://x/y",
        "../../../up|http://h/a/b/c|http://h/up",
        "?q|http://h/p?old#f|http://h/p?q",
        "#frag|http://h/p?q|http://h/p?q#frag",
        "./a/./b/%2e%2E/c|http://h/dir/|http://h/dir/a/c",
        "http://[::1]:80/|NULL|http://[::1]/",
        "http://[1:0:0:0:0:0:0:1]/|NULL|http://[1::1]/",
        "http://[::ffff:192.168.0.1]/|NULL|http://[::ffff:c0a8:1]/",
        "http://[1::2::3]/|NULL|TypeError",
        "http://0x7f.1/|NULL|http://127.0.0.1/",
        "http://0177.0.0.1/|NULL|http://127.0.0.1/",
        "http://2130706433/|NULL|http://127.0.0.1/",
        "http://256.256.256.256/|NULL|TypeError",
        "http://1.2.3.4.5/|NULL|TypeError",
        "http://foo.0x/|NULL|TypeError",
        "http://exa mple.com/|NULL|TypeError",
        "http://ex%41mple.com/|NULL|http://example.com/",
        "http://bücher.example/|NULL|http://xn--bcher-kva.example/",
        "http://user:p@ss@host/|NULL|http://user:p%40ss@host/",
        "http://a/ path?q r#f g|NULL|http://a/%20path?q%20r#f%20g",
        "http://a/é?é#é|NULL|http://a/%C3%A9?%C3%A9#%C3%A9",
        "mailto:Someone@Example.com|NULL|mailto:Someone@Example.com",
        "sc://ñ.x/y|NULL|sc://%C3%B1.x/y",
        "data:text/plain,hello world|NULL|data:text/plain,hello world",
        "file:///C:/dir/../x|NULL|file:///C:/x",
        "file://localhost/etc/hosts|NULL|file:///etc/hosts",
        "file:c:\\foo|NULL|file:///c:/foo",
        "relative|NULL|TypeError",
        "relative|mailto:x|TypeError",
        "http://h/a'b?c'd|NULL|http://h/a'b?c%27d",
        "foo://h/a'b?c'd|NULL|foo://h/a'b?c'd",
        "non-special:/.//p|NULL|non-special:/.//p",
        "http://@host/|NULL|http://host/",
        "http://a:b@/|NULL|TypeError",
      })
  void parsesPerTheStandard(String input, String base, String expected) {
    assertThat(href(input, base)).isEqualTo(expected);
  }

  /** Domain to ASCII is UTS #46 (ICU4J), with the URL Standard's flags and ASCII rule. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // width and compatibility folding (NFKC), then lower-casing
        "http://ＥＸＡＭＰＬＥ．ｃｏｍ/|http://example.com/",
        "http://ｗ９ｙ．ｄｅｖ/|http://w9y.dev/",
        "http://①②.example/|http://12.example/",
        // fullwidth digits that fold into an IPv4 address
        "http://１２７．０．０．１/|http://127.0.0.1/",
        // default-ignorable code points are removed; a label of nothing else is empty
        "http://ex\u00ADam\u200Bple.org/|http://example.org/",
        "http://\u00AD/|TypeError",
        // disallowed: the replacement character (also what bad UTF-8 decodes to), noncharacters
        "http://a\uFFFDb.org/|TypeError",
        "http://a%80b.org/|TypeError",
        "http://\uFDD5.org/|TypeError",
        // a fullwidth percent sign folds into a forbidden domain code point
        "http://％７０.org/|TypeError",
        // non-transitional processing keeps ß and ς; CheckBidi rejects a mixed-direction label
        "http://straße.de/|http://xn--strae-oqa.de/",
        "http://ÖBB.at/|http://xn--bb-eka.at/",
        "http://a\u05D0.example/|TypeError",
        // an ASCII domain is only lower-cased, even with a label that is not valid Punycode
        "http://XN--ZZZZ.Example/|http://xn--zzzz.example/",
        "http://ab--cd.example/|http://ab--cd.example/",
      })
  void hostsGoThroughUnicodeIdnaProcessing(String input, String expected) {
    assertThat(
            js.string(
                "try { return new URL('"
                    + input
                    + "').href; } catch (e) { return e.constructor.name; }"))
        .as(input)
        .isEqualTo(expected);
  }

  @Test
  void theHostSetterKeepsTheHostWhenOnlyThePortPartFails() {
    assertThat(
            js.string(
                "const a = new URL('http://example.net:8080/p'); a.host = 'example.com:99999';"
                    + " const b = new URL('http://example.net:8080/p'); b.host = 'other.com:x';"
                    + " const c = new URL('http://example.net:8080/p'); c.host = 'bad host:1';"
                    + " return [a.href, b.href, c.href].join(' ');"))
        .isEqualTo("http://example.com:8080/p http://other.com:8080/p http://example.net:8080/p");
  }

  @Test
  void componentsAndOrigin() {
    assertThat(
            js.string(
                "const u = new URL('https://us%20er:pa@EXAMPLE.com:8443/a/b?x=1&y=2#top');"
                    + " return [u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname,"
                    + "  u.search, u.hash, u.origin, new URL('file:///x').origin, new URL('blob:https://a.b/uuid').origin,"
                    + "  JSON.stringify({ u: new URL('http://x') })].join(' ');"))
        .isEqualTo(
            "https: us%20er pa example.com:8443 example.com 8443 /a/b ?x=1&y=2 #top"
                + " https://example.com:8443 null https://a.b {\"u\":\"http://x/\"}");
  }

  @Test
  void settersFollowTheStateOverrides() {
    assertThat(
            js.string(
                "const u = new URL('http://h/p?q#f');"
                    + " u.protocol = 'https'; const a = u.href;"
                    + " u.protocol = 'mailto'; const b = u.href;"
                    + " u.host = 'other:81'; u.pathname = 'a b/c'; u.search = '?z=1'; u.hash = 'h';"
                    + " const c = u.href; u.port = '443'; const d = u.href; u.port = 'x';"
                    + " u.hostname = 'new'; u.username = 'me@'; u.search = ''; u.hash = '';"
                    + " return [a, b, c, d, u.href].join(' ');"))
        .isEqualTo(
            "https://h/p?q#f https://h/p?q#f https://other:81/a%20b/c?z=1#h"
                + " https://other/a%20b/c?z=1#h https://me%40@new/a%20b/c");
  }

  @Test
  void canParseAndParse() {
    assertThat(
            js.string(
                "return [URL.canParse('x'), URL.canParse('x', 'http://h'), URL.parse('nope'),"
                    + " URL.parse('/a', 'http://h').href].join(',');"))
        .isEqualTo("false,true,,http://h/a");
  }

  @Test
  void searchParamsParseSerializeAndStayLinkedToTheUrl() {
    assertThat(
            js.string(
                "const u = new URL('http://h/?a=1&b=x+y&a=%C3%A9&c');"
                    + " const p = u.searchParams;"
                    + " const read = [p.get('a'), p.getAll('a').join('/'), p.get('b'), p.get('c'), String(p.get('zz')), p.size, p.has('a', 'é')];"
                    + " p.append('d', 'a b&c=é'); p.delete('a', '1'); p.set('b', '~!'); p.sort();"
                    + " return read.join('|') + ' ' + u.href + ' ' + u.search;"))
        .isEqualTo(
            "1|1/é|x y||null|4|true http://h/?a=%C3%A9&b=%7E%21&c=&d=a+b%26c%3D%C3%A9"
                + " ?a=%C3%A9&b=%7E%21&c=&d=a+b%26c%3D%C3%A9");
  }

  @Test
  void searchParamsConstructorsAndIteration() {
    assertThat(
            js.string(
                "const a = new URLSearchParams('?x=1&&y=2');"
                    + " const b = new URLSearchParams([['k', 'v'], ['k', 'w']]);"
                    + " const c = new URLSearchParams({ one: 1, two: 'z z' });"
                    + " let bad; try { new URLSearchParams([['only']]); } catch (e) { bad = e.constructor.name; }"
                    + " const sorted = new URLSearchParams('z=1&a=2&z=0&b=3'); sorted.sort();"
                    + " return [a.toString(), [...b].join(';'), c.toString(), bad, sorted.toString()].join(' ');"))
        .isEqualTo("x=1&y=2 k,v;k,w one=1&two=z+z TypeError a=2&b=3&z=1&z=0");
  }

  @Test
  void loneSurrogatesBecomeReplacementCharactersWhilePairsSurvive() {
    // USVString conversion (WebIDL): a lone surrogate is U+FFFD, encoded as EF BF BD.
    assertThat(
            js.string(
                "const p = new URLSearchParams([['a\\uD800', 'b\\uDC00c'], ['pair', '\\uD83D\\uDE00']]);"
                    + " p.append('\\uDBFFx', 'y');"
                    + " return [p.toString(), p.has('a\\uFFFD'), p.get('a\\uD800')].join(' ');"))
        .isEqualTo("a%EF%BF%BD=b%EF%BF%BDc&pair=%F0%9F%98%80&%EF%BF%BDx=y true b\uFFFDc");
  }

  @Test
  void recordKeysThatConvertToTheSameStringAreOneEntryWithTheLastValue() {
    // WPT urlsearchparams-constructor "Construct with 2/3 unpaired surrogates"; workerd gives
    // [["\uFFFDx","3"],["xx","2"]] and [["x\uFFFD","3"]] (checked with Miniflare 4.20260426.0).
    assertThat(
            js.string(
                "const two = new URLSearchParams({'\\uD835x': '1', xx: '2', '\\uD83Dx': '3'});"
                    + " const three = new URLSearchParams({'x\\uDC53': '1', 'x\\uDC5C': '2', 'x\\uDC65': '3'});"
                    + " return JSON.stringify([[...two], [...three]]);"))
        .isEqualTo("[[[\"\uFFFDx\",\"3\"],[\"xx\",\"2\"]],[[\"x\uFFFD\",\"3\"]]]");
  }

  @Test
  void theFastPathForPlainUrlsAgreesWithTheFullParser() {
    String urls =
        "['http://api/', 'http://api', 'https://a.b-c.example:8443/x/y.z?q=1&r=a%20b#frag',"
            + " 'http://h:80/p', 'https://h:443', 'http://h:0/', 'http://h/a/./b', 'http://h/a/%2E%2e/b',"
            + " 'http://h/..', 'http://h/p?', 'http://h/p#', 'http://h/it\\'s', 'http://h/?q=it\\'s',"
            + " 'http://1.2.3.4/', 'http://h.0x1/', 'http://h:99999/', 'http://h/%zz', 'http://h/a//b',"
            + " 'https://events.example/events/show-1/buy?buyer=b7', 'http://x-y.z/~a!$&()*+,;=:@']";
    assertThat(
            js.string(
                "const out = [];"
                    + " for (const u of "
                    + urls
                    + ") {"
                    + "   const fast = __internal.urlFastPathHref(u); const full = __internal.urlFullParserHref(u);"
                    + "   if (fast !== null && fast !== full) out.push(u + ' fast=' + fast + ' full=' + full); }"
                    + " const used = "
                    + urls
                    + ".filter((u) => __internal.urlFastPathHref(u) !== null).length;"
                    + " return out.length === 0 ? 'agree on ' + used : out.join(' | ');"))
        .isEqualTo("agree on 13");
  }

  @Test
  void searchParamsFromAnyIterableOfIterablePairsOrARecordAsWebIdlConvertsThem() {
    assertThat(
            js.string(
                "const custom = { *[Symbol.iterator]() { yield ['x', '1']; yield new Set(['y', '2']); } };"
                    + " const overridden = new URLSearchParams('a=1');"
                    + " overridden[Symbol.iterator] = function* () { yield ['q', 'r']; };"
                    + " const record = { a: '1' }; Object.defineProperty(record, 'hidden', { value: '2' }); record[Symbol('s')] = 'x';"
                    + " return [new URLSearchParams(custom), new URLSearchParams(overridden), new URLSearchParams(record),"
                    + "  new URLSearchParams(new Map([['m', '1']])), new URLSearchParams({ [Symbol.iterator]: 5, k: 'v' }),"
                    + "  new URLSearchParams(function () {}), new URLSearchParams(new URLSearchParams('c=3'))].join(' ');"))
        .isEqualTo("x=1&y=2 q=r a=1 m=1 k=v  c=3");
    assertThat(
            js.string(
                "const attempt = (init) => { try { return String(new URLSearchParams(init)); } catch (e) { return e.name + ': ' + e.message; } };"
                    + " return [attempt([['a']]), attempt(['ab']), attempt([{ 0: 'a', 1: 'b', length: 2 }]), attempt(Symbol('s'))].join(' | ');"))
        .isEqualTo(
            "TypeError: Invalid URL search params sequence. | TypeError: Incorrect type: the"
                + " provided value is not of type 'Sequence'. | TypeError: Incorrect type: the"
                + " provided value is not of type 'Sequence'. | TypeError: Cannot convert a Symbol"
                + " value to a string");
  }

  @Test
  void searchParamsTurnLoneSurrogatesIntoReplacementCharactersWhateverTheInit() {
    assertThat(
            js.string(
                "return [new URLSearchParams('a=\\uD800&b\\uDC00=c'), new URLSearchParams({ 'a\\uD800': 'x\\uDFFF' }),"
                    + " new URLSearchParams('?a=1\\uD83D'), new URLSearchParams([['\\uD83D\\uDE00', 'ok']])].join(' ')"))
        .isEqualTo("a=%EF%BF%BD&b%EF%BF%BD=c a%EF%BF%BD=x%EF%BF%BD a=1%EF%BF%BD %F0%9F%98%80=ok");
  }
}
