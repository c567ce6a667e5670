package dev.w9y.core.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromiseTest {

  @Test
  void continuationsRunWhenThePromiseSettlesInTheOrderTheyWereAdded() {
    Promise.Deferred<Integer> deferred = Promise.deferred();
    List<String> seen = new ArrayList<>();
    deferred.promise().onSuccess(v -> seen.add("first " + v));
    Promise<Integer> doubled = deferred.promise().then(v -> v * 2);
    doubled.onSuccess(v -> seen.add("doubled " + v));

    assertThat(seen).isEmpty();
    deferred.resolve(21);

    assertThat(seen).containsExactly("first 21", "doubled 42");
  }

  @Test
  void aContinuationAddedAfterSettlingRunsAtOnce() {
    List<Integer> seen = new ArrayList<>();
    Promise.resolved(5).onSuccess(seen::add);

    assertThat(seen).containsExactly(5);
  }

  @Test
  void aThrowingContinuationRejectsItsPromiseAndRecoverTurnsItBack() {
    Promise<Integer> failed =
        Promise.resolved(1)
            .then(
                v -> {
                  throw new IllegalStateException("nope");
                });

    assertThat(failed.isRejected()).isTrue();
    assertThat(failed.error()).hasMessage("nope");
    assertThat(failed.recover(e -> -1).get()).isEqualTo(-1);
  }

  @Test
  void thenComposeWaitsForTheInnerPromise() {
    Promise.Deferred<String> inner = Promise.deferred();
    Promise<String> outer = Promise.resolved(1).thenCompose(v -> inner.promise());

    assertThat(outer.isPending()).isTrue();
    inner.resolve("done");
    assertThat(outer.get()).isEqualTo("done");
  }

  @Test
  void settlingTwiceIsIgnored() {
    Promise.Deferred<String> deferred = Promise.deferred();

    assertThat(deferred.resolve("a")).isTrue();
    assertThat(deferred.resolve("b")).isFalse();
    assertThat(deferred.reject(new RuntimeException())).isFalse();
    assertThat(deferred.promise().get()).isEqualTo("a");
  }

  @Test
  void allCollectsValuesInOrderOrTheFirstRejection() {
    Promise.Deferred<Integer> a = Promise.deferred();
    Promise.Deferred<Integer> b = Promise.deferred();
    Promise<List<Integer>> both = Promise.all(List.of(a.promise(), b.promise()));
    b.resolve(2);
    a.resolve(1);
    assertThat(both.get()).containsExactly(1, 2);

    Promise.Deferred<Integer> c = Promise.deferred();
    Promise<List<Integer>> failing = Promise.all(List.of(c.promise(), Promise.resolved(3)));
    c.reject(new IllegalArgumentException("c failed"));
    assertThat(failing.error()).hasMessage("c failed");
    assertThat(Promise.all(List.<Promise<Integer>>of()).get()).isEmpty();
  }
}
