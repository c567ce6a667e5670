package dev.w9y.guestjs.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.guestjs.JsTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventTargetTest {
  private final JsTestContext js =
      JsTestContext.with("dom-exception.js", "runtime.js", "event.js", "abort.js");

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void domExceptionHasWebIdlsLegacyCodesAndAllTwentyFiveConstants() {
    assertThat(
            js.string(
                """
                const names = Object.keys(DOMException).filter((k) => k.endsWith('_ERR'));
                const e = new DOMException('m', 'URLMismatchError');
                return [names.length, DOMException.DOMSTRING_SIZE_ERR, DOMException.URL_MISMATCH_ERR,
                  e.URL_MISMATCH_ERR, e.code, new DOMException('m', 'NoSuchName').code,
                  DOMException.VALIDATION_ERR, Object.getOwnPropertyDescriptor(DOMException, 'ABORT_ERR').writable,
                  names[0], names[24]].join(' ');
                """))
        .isEqualTo("25 2 21 21 21 0 16 false INDEX_SIZE_ERR DATA_CLONE_ERR");
  }

  @Test
  void listenersRunInOrderOnceAndDuplicatesAreIgnored() {
    assertThat(
            js.string(
                "const t = new EventTarget(); const log = [];"
                    + " const a = () => log.push('a');"
                    + " t.addEventListener('x', a); t.addEventListener('x', a);"
                    + " t.addEventListener('x', { handleEvent: (e) => log.push('obj:' + e.type) });"
                    + " t.addEventListener('x', () => log.push('once'), { once: true });"
                    + " t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x'));"
                    + " return log.join(',');"))
        .isEqualTo("a,obj:x,once,a,obj:x");
  }

  @Test
  void stopImmediatePropagationAndPreventDefaultOnlyWhenCancelableAndNotPassive() {
    assertThat(
            js.string(
                "const t = new EventTarget(); const log = [];"
                    + " t.addEventListener('x', (e) => { e.preventDefault(); e.stopImmediatePropagation(); log.push(e.target === t); });"
                    + " t.addEventListener('x', () => log.push('never'));"
                    + " const cancelable = t.dispatchEvent(new Event('x', { cancelable: true }));"
                    + " const plain = t.dispatchEvent(new Event('x'));"
                    + " const p = new EventTarget(); p.addEventListener('y', (e) => e.preventDefault(), { passive: true });"
                    + " const passive = p.dispatchEvent(new Event('y', { cancelable: true }));"
                    + " return [log.join('+'), cancelable, plain, passive].join(',');"))
        .isEqualTo("true+true,false,true,true");
  }

  @Test
  void aSignalRemovesItsListenersAndCustomEventsCarryDetail() {
    assertThat(
            js.string(
                "const t = new EventTarget(); const c = new AbortController(); const log = [];"
                    + " t.addEventListener('x', (e) => log.push(e.detail), { signal: c.signal });"
                    + " t.dispatchEvent(new CustomEvent('x', { detail: 1 })); c.abort();"
                    + " t.dispatchEvent(new CustomEvent('x', { detail: 2 }));"
                    + " return log.join(',') + ' ' + c.signal.aborted + ' ' + c.signal.reason.name;"))
        .isEqualTo("1 true AbortError");
  }

  @Test
  void abortSignalAnyFollowsTheFirstAbortAndThrowIfAbortedThrowsTheReason() {
    assertThat(
            js.string(
                "const a = new AbortController(); const b = new AbortController();"
                    + " const any = AbortSignal.any([a.signal, b.signal]); let fired = 0;"
                    + " any.onabort = () => fired++; b.abort('why'); a.abort('later');"
                    + " let thrown; try { any.throwIfAborted(); } catch (e) { thrown = e; }"
                    + " let illegal; try { new AbortSignal(); } catch (e) { illegal = e.constructor.name; }"
                    + " return [any.aborted, any.reason, fired, thrown, AbortSignal.abort().reason.name, illegal].join(',');"))
        .isEqualTo("true,why,1,why,AbortError,TypeError");
  }

  @Test
  void abortSignalAnyAbortsDependentsAfterTheSourceInOrderAndEventsReinitialize() {
    assertThat(
            js.string(
                "const order = [];"
                    + " const controller = new AbortController();"
                    + " const a = AbortSignal.any([controller.signal]);"
                    + " const b = AbortSignal.any([a]);" // follows the source, not a
                    + " const c = AbortSignal.any([controller.signal, b]);"
                    + " controller.signal.addEventListener('abort', () => order.push('source'));"
                    + " a.addEventListener('abort', () => order.push('a:' + b.aborted + c.aborted));"
                    + " b.addEventListener('abort', () => order.push('b'));"
                    + " c.addEventListener('abort', () => order.push('c'));"
                    + " let trusted; controller.signal.addEventListener('abort', (e) => { trusted = e.isTrusted; });"
                    + " controller.abort('why');"
                    + " let nullSignal;"
                    + " try { new EventTarget().addEventListener('x', () => {}, { signal: null }); nullSignal = 'accepted'; }"
                    + " catch (e) { nullSignal = e.constructor.name; }"
                    + " const ev = new Event('first'); ev.initEvent('second', true, true);"
                    + " return [order.join(' '), b.reason, c.reason, nullSignal, ev.type, ev.bubbles, ev.cancelable,"
                    + "  trusted, ev.isTrusted].join('|');"))
        .isEqualTo("source a:truetrue b c|why|why|TypeError|second|true|true|true|false");
  }
}
