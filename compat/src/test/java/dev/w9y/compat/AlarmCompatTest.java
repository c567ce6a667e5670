package dev.w9y.compat;

import dev.w9y.core.GuestErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Durable Object alarms in W9Y and in workerd. Alarms fire in real time in workerd, so they are set
 * 50 ms ahead and the probe waits before it looks (in W9Y the wait is virtual).
 */
class AlarmCompatTest {
  private static final Probe ALARMED = Probe.ofResource("alarms.js", "ALARMED", "Alarmed");

  private static Probe.Step get(String op) {
    return Probe.Step.get("http://api/" + op);
  }

  @Test
  void getSetAndDeleteAlarmOutsideTheHandlerAnswerAsInWorkerd() {
    Differential.run(
            ALARMED.with(
                List.of(
                    get("getNone?name=outside"),
                    get("setDate?name=outside"),
                    get("delete?name=outside"),
                    get("setBad?name=outside"))))
        .assertSame();
  }

  @Test
  void theAlarmHandlerGetsScheduledTimeRetryCountAndIsRetryAndSeesNoPendingAlarm() {
    Differential.run(
            ALARMED.with(
                List.of(get("set?name=fires"), Probe.Step.sleep(300), get("state?name=fires"))))
        .assertSame();
  }

  @Test
  void anAlarmSetInsideTheHandlerIsTheOneGetAlarmReturnsAndItFiresToo() {
    Differential.run(
            ALARMED.with(
                List.of(
                    get("set?name=rearm&mode=rearm"),
                    Probe.Step.sleep(500),
                    get("state?name=rearm"))))
        .assertSame();
  }

  @Test
  void anAlarmSetAndDeletedInsideTheHandlerLeavesNoneAndDoesNotFire() {
    Differential.run(
            ALARMED.with(
                List.of(
                    get("set?name=del&mode=deleteInside"),
                    Probe.Step.sleep(400),
                    get("state?name=del"))))
        .assertSame();
  }

  @Test
  void aFailedAlarmStaysPendingAndIsRetriedWithRetryCountOneAfterAboutTwoSeconds() {
    // The failing handler is an uncaught error in W9Y's terms (workerd logs it): tolerated here.
    Differential.run(
            ALARMED.with(
                List.of(
                    get("set?name=retry&mode=failOnce"),
                    Probe.Step.sleep(300),
                    get("state?name=retry"),
                    Probe.Step.sleep(2700),
                    get("state?name=retry"))),
            GuestErrorKind.UNCAUGHT_EXCEPTION)
        .assertSame();
  }
}
