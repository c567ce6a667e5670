package dev.w9y.guestjs.internal;

import dev.w9y.core.async.Promise;
import dev.w9y.core.workflow.WorkflowClient;
import dev.w9y.core.workflow.WorkflowRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Workflows for JavaScript guests (prelude/workflows.js): the binding's functions over a {@link
 * WorkflowClient}, and a workflow's {@code run(event, step)} started for a {@link WorkflowRun}.
 */
final class WorkflowBridge implements PlatformBridge {
  @Override
  public String kind() {
    return "workflow";
  }

  @Override
  public void define(
      Object handle, JsInstance instance, BiConsumer<String, ProxyExecutable> define) {
    WorkflowClient client = (WorkflowClient) handle;
    String where = "env." + client.workflowName();
    define.accept(
        "create",
        args -> {
          settle(
              instance,
              where + ".create()",
              client.create(args[0].asString(), args[1].asString(), args[2].asString()),
              args[3],
              args[4]);
          return null;
        });
    define.accept("get", args -> array(client.get(args[0].asString())));
    define.accept("status", args -> array(client.status(args[0].asString())));
    define.accept(
        "control",
        args -> {
          String operation = args[1].asString();
          settle(
              instance,
              where + " instance." + operation + "()",
              client.control(args[0].asString(), operation),
              args[2],
              args[3]);
          return null;
        });
    define.accept(
        "sendEvent",
        args -> {
          settle(
              instance,
              where + " instance.sendEvent()",
              client.sendEvent(
                  args[0].asString(), args[1].asString(), args[2].asString(), args[3].asString()),
              args[4],
              args[5]);
          return null;
        });
  }

  /** An execution of an instance: its {@code run(event, step)}, with the engine behind step. */
  @Override
  public GuestEvent event(Object event, JsInstance instance) {
    WorkflowRun run = (WorkflowRun) event;
    String where = "workflow " + run.workflowName() + " instance " + run.instanceId();
    Map<String, Object> fns = new LinkedHashMap<>();
    fns.put(
        "do",
        (ProxyExecutable)
            args -> {
              settle(
                  instance,
                  where + " step.do()",
                  run.stepDo(
                      args[0].asString(),
                      (long) args[1].asDouble(),
                      (long) args[2].asDouble(),
                      args[3].asString(),
                      (long) args[4].asDouble()),
                  args[5],
                  args[6]);
              return null;
            });
    fns.put(
        "attemptDone",
        (ProxyExecutable)
            args -> {
              settle(
                  instance,
                  where + " step.do()",
                  run.attemptDone(
                      (long) args[0].asDouble(),
                      args[1].asInt(),
                      stringOrNull(args[2]),
                      stringOrNull(args[3])),
                  args[4],
                  args[5]);
              return null;
            });
    fns.put(
        "attemptTimeout",
        (ProxyExecutable)
            args -> {
              settle(
                  instance,
                  where + " step.do() timeout",
                  run.attemptTimeout((long) args[0].asDouble()),
                  args[1],
                  args[2]);
              return null;
            });
    fns.put(
        "sleep",
        (ProxyExecutable)
            args -> {
              settle(
                  instance,
                  where + " step.sleep()",
                  run.sleep(args[0].asString(), (long) args[1].asDouble()),
                  args[2],
                  args[3]);
              return null;
            });
    fns.put(
        "waitForEvent",
        (ProxyExecutable)
            args -> {
              settle(
                  instance,
                  where + " step.waitForEvent()",
                  run.waitForEvent(
                      args[0].asString(), args[1].asString(), (long) args[2].asDouble()),
                  args[3],
                  args[4]);
              return null;
            });
    fns.put("now", (ProxyExecutable) args -> (double) run.nowMillis());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("className", run.className());
    view.put("params", run.params());
    view.put("created", (double) run.createdMillis());
    view.put("instanceId", run.instanceId());
    view.put("step", ProxyObject.fromMap(fns));
    return new GuestEvent(where + " run()", ProxyObject.fromMap(view), WorkflowBridge::outcome);
  }

  /** run()'s answer: [kind, bytes or error name, JSON or message]. */
  private static Object outcome(Value value) {
    return new Object[] {
      value.getArrayElement(0).asInt(),
      stringOrNull(value.getArrayElement(1)),
      stringOrNull(value.getArrayElement(2))
    };
  }

  private static void settle(
      JsInstance instance, String where, Promise<Object[]> promise, Value ok, Value fail) {
    instance.settleLaterWithParts(where, promise, ok, fail, parts -> parts);
  }

  private static ProxyArray array(Object[] values) {
    return ProxyArray.fromArray(values);
  }

  private static String stringOrNull(Value value) {
    return value == null || value.isNull() ? null : value.asString();
  }
}
