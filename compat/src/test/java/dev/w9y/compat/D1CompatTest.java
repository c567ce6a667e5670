package dev.w9y.compat;

import org.junit.jupiter.api.Test;

/**
 * D1 bindings (env.DB), in W9Y and in workerd's local D1. Each test uses a table of its own, since
 * workerd keeps one database for every probe of the Worker.
 */
class D1CompatTest {
  private static final Probe D1 = Probe.ofResource("d1.js").withD1("DB", "d1-compat");

  private static Probe gets(String table, String... ops) {
    Probe probe = D1;
    java.util.List<Probe.Step> steps = new java.util.ArrayList<>();
    for (String op : ops) {
      steps.add(Probe.Step.get("http://api/" + op + "?t=" + table));
    }
    return probe.with(steps);
  }

  @Test
  void preparedStatementsAndTheirResultsAnswerAsInWorkerd() {
    Differential.run(
            gets(
                "stmts",
                "create",
                "insert",
                "insertMore",
                "all",
                "first",
                "firstColumn",
                "firstNone",
                "raw",
                "rawNames",
                "runSelect",
                "bindTypes",
                "values"))
        .assertSame();
  }

  @Test
  void batchesAndExecAreTransactionsAsInWorkerd() {
    Differential.run(
            gets("txns", "create", "batch", "batchFails", "count", "exec", "execFails", "count"))
        .assertSame();
  }

  @Test
  void errorsCarryD1sAndSqlitesWordsAsInWorkerd() {
    Differential.run(
            gets(
                "errs",
                "create",
                "insert",
                "firstMissing",
                "noTable",
                "syntax",
                "duplicate",
                "wrongBindings",
                "undefinedBinding",
                "objectBinding",
                "begin",
                "emptyExec",
                "emptyBatch",
                "dump"))
        .assertSame();
  }

  @Test
  void statementsOverTheDocumentedLimitsAreRefusedAsInWorkerd() {
    Differential.run(
            gets(
                "limits",
                "tooLong",
                "tooManyParameters",
                "parameterNumber",
                "tooManyColumns",
                "tooBig"))
        .assertSame();
  }

  @Test
  void sessionsHandOutBookmarksAsInWorkerd() {
    Differential.run(gets("sessions", "session")).assertSame();
  }

  /**
   * Whole bookmark values, so on a database of its own (a workerd of its own): local workerd's
   * bookmark is a counter every successful request moves on, reads and the database's own calls
   * included, failed ones not.
   */
  @Test
  void sessionBookmarksCountAsWorkerdsLocalD1Does() {
    Probe probe = Probe.ofResource("d1.js").withD1("DB", "d1-compat-sessions");
    java.util.List<Probe.Step> steps = new java.util.ArrayList<>();
    for (String op :
        new String[] {
          "sessionReads", "sessionWrites", "sessionFails", "primaryMoves", "sessionFrom"
        }) {
      steps.add(Probe.Step.get("http://api/" + op + "?t=marks"));
    }
    Differential differential = Differential.run(probe.with(steps));
    differential.assertSame();
    // The first request the database answers hands out bookmark 0.
    org.assertj.core.api.Assertions.assertThat(differential.workerd(0).body())
        .startsWith("[null,\"00000000-00000000-00000000-");
  }
}
