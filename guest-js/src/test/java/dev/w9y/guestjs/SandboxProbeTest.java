package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxProbeTest {
  @Test
  void domExceptionInstalls() {
    try (JsTestContext js = JsTestContext.with("dom-exception.js")) {
      assertThat(
              js.string(
                  "const e = new DOMException('bad', 'DataCloneError');"
                      + " return [e.name, e.message, e.code, e instanceof Error, DOMException.DATA_CLONE_ERR,"
                      + " Object.keys(globalThis).includes('DOMException')].join()"))
          .isEqualTo("DataCloneError,bad,25,true,25,false");
      assertThat(
              js.string(
                  "return [typeof Polyglot, typeof print, typeof load, typeof console].join()"))
          .isEqualTo("undefined,undefined,undefined,undefined");
      // GraalJS's Java package globals and global `arguments`, which workerd does not have.
      assertThat(
              js.string(
                  "return Object.getOwnPropertyNames(globalThis).filter((n) =>"
                      + " ['com', 'org', 'edu', 'java', 'javax', 'javafx', 'arguments',"
                      + " 'Packages'].includes(n)).join() || 'none'"))
          .isEqualTo("none");
      assertThat(
              js.string(
                  "return new Intl.DateTimeFormat().resolvedOptions().timeZone + ' '"
                      + " + new Intl.DateTimeFormat().resolvedOptions().locale"))
          .isEqualTo("GMT en-US");
    }
  }
}
