package dev.w9y.guestjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.w9y.core.GuestErrorKind;
import dev.w9y.core.http.Request;
import org.junit.jupiter.api.Test;

/** A JavaScript service that cannot start fails the seed at boot, as any guest kind does. */
class BootFailureTest {
  @Test
  void aSyntaxErrorFailsTheSeedAtBootWithTheTraceKept() {
    JsWorld world = JsWorld.serve("export default { fetch( };", Request.get("http://api/"));

    assertThat(world.failedWith()).isEqualTo(GuestErrorKind.BOOT_FAILURE);
    assertThat(world.result.failure().get().getMessage()).contains("event #0").contains("api#0");
    assertThat(world.records("instance.start-failed"))
        .singleElement()
        .asString()
        .contains("index.js");
  }

  @Test
  void aModuleWithoutADefaultExportFailsTheSeedUnlessBootFailuresAreTolerated() {
    String source = "export const notAHandler = 1;";

    JsWorld strict = JsWorld.serve(source, Request.get("http://api/"));
    JsWorld tolerant =
        JsWorld.tolerating(GuestErrorKind.BOOT_FAILURE, GuestErrorKind.UNCAUGHT_EXCEPTION)
            .serve(source, Request.get("http://api/"));

    assertThat(strict.failedWith())
        .isIn(GuestErrorKind.BOOT_FAILURE, GuestErrorKind.UNCAUGHT_EXCEPTION);
    assertThat(tolerant.result.passed()).as(tolerant.result.summary()).isTrue();
  }
}
