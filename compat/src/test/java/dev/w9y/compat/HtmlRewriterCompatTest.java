package dev.w9y.compat;

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
   * Elements closed by an ancestor's end tag ({@code <li>} by {@code </ul>}, no {@code </li>}) or
   * never closed, under every kind of edit: lol-html has no HTML-spec implied end tags, so an end
   * tag closes the open elements down to its own and each makes the end tag its own.
   */
  @Test
  void elementsClosedByAnAncestorsEndTagOrNeverClosedAreRewrittenAsInWorkerd() {
    same(
        "implied",
        "impliedAncestorEdited",
        "impliedAppendAndEndTag",
        "impliedRemove",
        "impliedRename",
        "impliedInner",
        "impliedUnclosed",
        "impliedVoid");
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
