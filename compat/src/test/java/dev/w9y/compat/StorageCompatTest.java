package dev.w9y.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Durable Object storage API, operation by operation, in W9Y and in workerd. */
class StorageCompatTest {
  private static final Probe STORE = Probe.ofResource("storage.js", "STORE", "Store");

  @Test
  void listReturnsTheSameKeysInTheSameOrderForEveryOptionAsWorkerd() {
    Differential.run(
            STORE.gets(
                "list",
                "fill",
                "listAll",
                "listPrefix",
                "listStart",
                "listEnd",
                "listStartEnd",
                "listStartAfter",
                "listStartAfterEnd",
                "listLimit",
                "listReverse",
                "listReverseLimit",
                "listReversePrefixLimit",
                "listPrefixStart",
                "listEmptyRange",
                "listLimitZero",
                "listLimitNegative",
                "listStartAndStartAfter"))
        .assertSame();
  }

  @Test
  void getPutAndDeleteOfOneAndManyKeysAnswerAsInWorkerd() {
    Differential.run(
            STORE.gets(
                "getput",
                "fill",
                "getOne",
                "getMissing",
                "getMany",
                "getEmptyArray",
                "putRichValues",
                "putEntriesNumbersAsKeys",
                "deleteOne",
                "deleteMissing",
                "deleteMany",
                "listAll",
                "deleteAllThenList"))
        .assertSame();
  }

  @Test
  void keysThatAreNotStringsAreCoercedToStringsAsInWorkerd() {
    Differential.run(
            STORE.gets(
                "keys",
                "putNumberKey",
                "getNumberKey",
                "getManyNumberKeys",
                "deleteNumberKey",
                "putUndefinedKey",
                "putNullKey",
                "putBooleanKey",
                "putObjectKeyToString",
                "listAll"))
        .assertSame();
  }

  @Test
  void valuesThatCannotBeStoredAreRefusedWithWorkerdsErrors() {
    Differential.run(
            STORE.gets(
                "values",
                "putUndefinedValue",
                "putNoValue",
                "putNullValue",
                "putFunctionValue",
                "putSymbolValue",
                "putNonStringEntriesKeyTypes",
                "listAll"))
        .assertSame();
  }

  @Test
  void transactionsCommitRollBackAndUndoAThrowAsInWorkerd() {
    Differential.run(
            STORE.gets("txn", "transactionCommit", "transactionRollback", "transactionThrows"))
        .assertSame();
  }

  /**
   * A documented difference (docs/JS-GUESTS.md): W9Y enforces Cloudflare's published storage limits
   * (keys of 2,048 bytes, values of 128 KiB, 128 keys an operation); the workerd that Miniflare
   * runs locally does not.
   */
  @Test
  void w9yEnforcesTheProductionStorageLimitsThatLocalWorkerdDoesNot() {
    Differential run =
        Differential.run(
            STORE.gets(
                "limits",
                "putMaxKey",
                "putLongKey",
                "putBigValue",
                "putTooManyKeys",
                "getTooManyKeys"));
    assertThat(run.workerd(0).body()).contains("\"result\":\"stored\"");
    assertThat(run.w9y(0).body()).contains("\"result\":\"stored\"");
    for (int i = 1; i <= 3; i++) {
      assertThat(run.workerd(i).body()).contains("\"result\":\"stored\"");
      assertThat(run.w9y(i).body()).contains("\"threw\"");
    }
    assertThat(run.workerd(4).body()).contains("\"result\"");
    assertThat(run.w9y(4).body()).contains("\"threw\"");
  }
}
