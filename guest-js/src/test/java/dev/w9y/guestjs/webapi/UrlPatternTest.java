package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * URLPattern (prelude urlpattern.js) per the URLPattern Standard as workerd runs it; compat's
 * UrlPatternCompatTest compares the same behaviours with workerd itself.
 */
class UrlPatternTest {
  private final JsTestContext js =
      JsTestContext.with("dom-exception.js", "encoding.js", "url.js", "urlpattern.js");

  @AfterEach
  void close() {
    js.close();
  }

  private String run(String body) {
    return js.string(
        "try { " + body + " } catch (e) { return e.constructor.name + ': ' + e.message; }");
  }

  @Test
  void namedGroupsMatchOneSegmentAndComeBackInExec() {
    assertThat(
            run(
                "const p = new URLPattern('https://example.com/books/:id');"
                    + "return [p.test('https://example.com/books/12'),"
                    + " p.test('https://example.com/books/12/x'),"
                    + " p.exec('https://example.com/books/12').pathname.groups.id].join();"))
        .isEqualTo("true,false,12");
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "/foo/:bar?;/foo;true",
        "/foo/:bar?;/foo/a/b;false",
        "/foo/:bar*;/foo/a/b;true",
        "/foo/:bar+;/foo;false",
        "/foo/:bar+;/foo/a/b;true",
        "/foo/*;/foo/a/b/c;true",
        "/foo{/bar}?;/foo/bar;true",
        "/foo{/bar}?;/foo/baz;false",
        "/:id(\\d+);/12;true",
        "/:id(\\d+);/ab;false",
        "/(foo|bar)/x;/bar/x;true",
        "/*.:ext;/a/b.png;true",
      })
  void modifiersWildcardsAndRegexpGroups(String pattern, String path, boolean matches) {
    assertThat(
            run(
                "return String(new URLPattern("
                    + quote(pattern)
                    + ", 'https://h').test('https://h"
                    + path
                    + "'));"))
        .isEqualTo(String.valueOf(matches));
  }

  @Test
  void aConstructorStringIsSplitIntoCanonicalComponents() {
    assertThat(
            run(
                "const p = new URLPattern('https://EXAMPLE.com:443/caf\u00e9/:x/?q=:q#h');"
                    + "return [p.protocol, p.hostname, p.port, p.pathname, p.search, p.hash,"
                    + " p.username, p.hasRegExpGroups].join('|');"))
        .isEqualTo("https|example.com||/caf%C3%A9/:x/|q=:q|h|*|false");
  }

  @Test
  void anInitDictionaryInheritsFromItsBaseUrlAndLeavesTheRestAWildcard() {
    assertThat(
            run(
                "const p = new URLPattern({ pathname: 'rel/:x', baseURL: 'https://u:p@h/dir/page' });"
                    + "return [p.protocol, p.username, p.hostname, p.pathname, p.search].join('|');"))
        .isEqualTo("https|*|h|/dir/rel/:x|*");
  }

  @Test
  void ignoreCaseAppliesToPathnameSearchAndHash() {
    assertThat(
            run(
                "const p = new URLPattern({ pathname: '/Books', search: 'Q=1' }, { ignoreCase: true });"
                    + "const q = new URLPattern({ pathname: '/Books' });"
                    + "return [p.test('https://h/BOOKS?q=1'), q.test('https://h/books')].join();"))
        .isEqualTo("true,false");
  }

  @Test
  void unmatchedOptionalGroupsAreUndefinedAndGroupsAreListedLastFirstAsWorkerdDoes() {
    assertThat(
            run(
                "const g = new URLPattern({ pathname: '/:a/:b?' }).exec({ pathname: '/1' })"
                    + ".pathname.groups;"
                    + "return Object.keys(g).join() + ' ' + (g.b === undefined) + ' ' + ('b' in g);"))
        .isEqualTo("b,a true true");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "'/relative-without-base'",
        "{ pathname: '/:a/:a' }",
        "{ pathname: '/(a' }",
        "{ pathname: '/{a' }",
        "{ pathname: '/(?a)' }",
        "{ pathname: '/([)' }",
        "{ protocol: 'ht tp' }",
        "{ hostname: 'a b' }",
        "{ port: 'abc' }",
        "{ pathname: '/a' }, 'https://base'",
      })
  void badPatternsAreWorkerdsTypeError(String arguments) {
    assertThat(run("new URLPattern(" + arguments + "); return 'constructed';"))
        .isEqualTo("TypeError: Failed to construct URLPattern");
  }

  @Test
  void aDictionaryWithABaseUrlIsRefusedByTestAndExec() {
    assertThat(run("new URLPattern({}).test({ pathname: '/' }, 'https://h'); return 'no';"))
        .isEqualTo("TypeError: Failed to test URLPattern");
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
