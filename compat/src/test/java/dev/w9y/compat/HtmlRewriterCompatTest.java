package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTMLRewriter rewrites the same document to the same bytes as workerd (lol-html) does, and its
 * handlers see the same elements, attributes, text and comments.
 */
class HtmlRewriterCompatTest {
  private static final Probe PROBE = Probe.ofResource("htmlrewriter.js");

  private static void same(String... paths) {
    Probe probe = PROBE;
    for (String path : paths) {
      probe = probe.with(List.of(Probe.Step.get("http://api/" + path)));
    }
    Differential.run(probe).assertSame();
  }

  @Test
  void untouchedMarkupIsKeptCharacterForCharacter() {
    same("identity");
  }

  @Test
  void handlersSeeElementsAttributesDoctypeAndComments() {
    same("observe");
  }

  @Test
  void attributesAreChangedAsInWorkerd() {
    same("attributes");
  }

  @Test
  void contentIsInsertedAroundAndInsideElements() {
    same("insert");
  }

  @Test
  void elementsAreReplacedRemovedAndUnwrapped() {
    same("replace");
  }

  @Test
  void endTagHandlersAndRenamedTags() {
    same("endTags");
  }

  @Test
  void textAndCommentHandlers() {
    same("text");
  }

  @Test
  void selectorsMatchTheSameElements() {
    same("selectors");
  }

  @Test
  void markupAtTheTokenizersEdgesIsSeenAndKeptAsInWorkerd() {
    same("edge");
  }

  @Test
  void removalsAndEndTagsAmongImpliedAndStrayEndTags() {
    same("edgeRemove");
  }

  /**
   * The documented difference (docs/JS-GUESTS.md, HTMLRewriter): an element closed by an ancestor's
   * end tag ({@code <li>} by {@code </ul>}) has its end-tag handlers called with that end tag in
   * both, but where its {@code after()} content goes differs: workerd puts one of them after the
   * ancestor's end tag, W9Y puts each before it.
   */
  @Test
  void elementsClosedByAnAncestorsEndTagDifferInWhereTheirAfterContentGoes() {
    Differential run = Differential.run(PROBE.with(List.of(Probe.Step.get("http://api/implied"))));
    assertThat(run.workerd(0).body())
        .startsWith(
            "{\"body\":\"<ul>[<li>1[<li>2</ul>][<p>a[<p>b</p>]<div>[<span>s</div>]\","
                + "\"seen\":[\"end ul\",\"end ul\",\"end p\",\"end div\"]");
    assertThat(run.w9y(0).body())
        .startsWith(
            "{\"body\":\"<ul>[<li>1[<li>2]]</ul>[<p>a[<p>b</p>]<div>[<span>s]</div>]\","
                + "\"seen\":[\"end ul\",\"end ul\",\"end p\",\"end div\"]");
  }

  @Test
  void asyncHandlersAreAwaited() {
    same("async");
  }

  @Test
  void badSelectorsAreRefusedAsInWorkerd() {
    same("bad-selectors");
  }
}
