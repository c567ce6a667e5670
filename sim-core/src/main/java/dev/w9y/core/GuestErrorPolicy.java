package dev.w9y.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which guest errors a simulation tolerates instead of failing the seed: by kind, or by kind and a
 * regular expression found in the error's text. Immutable.
 */
final class GuestErrorPolicy {
  static final GuestErrorPolicy STRICT = new GuestErrorPolicy(List.of());

  /** One tolerance: every error of {@code kind}, or those whose text {@code pattern} finds. */
  record Toleration(GuestErrorKind kind, Pattern pattern) {
    boolean covers(GuestErrorKind errorKind, String text) {
      return kind == errorKind && (pattern == null || pattern.matcher(text).find());
    }

    /** How the trace header writes it: the kind, or kind:pattern. */
    String describe() {
      return pattern == null ? kind.name() : kind.name() + ":" + pattern.pattern();
    }
  }

  private final List<Toleration> tolerations;

  private GuestErrorPolicy(List<Toleration> tolerations) {
    this.tolerations = List.copyOf(tolerations);
  }

  GuestErrorPolicy with(Toleration toleration) {
    List<Toleration> more = new ArrayList<>(tolerations);
    more.add(toleration);
    return new GuestErrorPolicy(more);
  }

  boolean tolerates(GuestErrorKind kind, String text) {
    for (Toleration toleration : tolerations) {
      if (toleration.covers(kind, text)) {
        return true;
      }
    }
    return false;
  }

  boolean isStrict() {
    return tolerations.isEmpty();
  }

  List<String> describe() {
    List<String> described = new ArrayList<>();
    for (Toleration toleration : tolerations) {
      described.add(toleration.describe());
    }
    return described;
  }
}
