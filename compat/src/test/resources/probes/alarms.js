// Probe: Durable Object alarms. Times are reported relative to the time set, so real-time workerd
// and virtual-time W9Y can be compared exactly.
export class Alarmed {
  constructor(state) { this.storage = state.storage; }

  async fetch(request) {
    const url = new URL(request.url);
    const op = url.pathname.slice(1);
    const s = this.storage;
    try {
      if (op === "set") {
        const at = Date.now() + 50;
        await s.put("setAt", at);
        await s.put("mode", url.searchParams.get("mode") ?? "plain");
        await s.setAlarm(at);
        const got = await s.getAlarm();
        return Response.json({ op, getAlarmType: typeof got, getAlarmIsSetTime: got === at });
      }
      if (op === "setDate") {
        const at = new Date(Date.now() + 60000);
        await s.setAlarm(at);
        const got = await s.getAlarm();
        return Response.json({ op, getAlarmIsSetTime: got === at.getTime() });
      }
      if (op === "delete") {
        await s.deleteAlarm();
        return Response.json({ op, after: await s.getAlarm() });
      }
      if (op === "getNone") {
        return Response.json({ op, got: await s.getAlarm() });
      }
      if (op === "setBad") {
        try { await s.setAlarm("soon"); return Response.json({ op, stored: true }); }
        catch (e) { return Response.json({ op, threw: e.name }); }
      }
      if (op === "state") {
        const runs = (await s.get("runs")) ?? [];
        const pending = await s.getAlarm();
        const setAt = await s.get("setAt");
        return Response.json({ op, runs, pending: pending === null ? null : pending === setAt ? "setAt" : "other" });
      }
      return new Response("unknown op " + op, { status: 404 });
    } catch (error) {
      return Response.json({ op, threw: { name: error.name, message: error.message } });
    }
  }

  async alarm(info) {
    const s = this.storage;
    const setAt = await s.get("setAt");
    const mode = await s.get("mode");
    const inside = await s.getAlarm();
    const runs = (await s.get("runs")) ?? [];
    const scheduled = info === undefined ? undefined : info.scheduledTime;
    runs.push({
      argKeys: info === undefined ? null : Object.keys(info).sort(),
      retryCount: info?.retryCount,
      isRetry: info?.isRetry,
      scheduledTimeType: scheduled instanceof Date ? "Date" : typeof scheduled,
      scheduledTimeIsSetTime: (scheduled instanceof Date ? scheduled.getTime() : scheduled) === setAt,
      getAlarmInside: inside,
    });
    await s.put("runs", runs);
    if (mode === "rearm" && runs.length === 1) {
      const next = Date.now() + 50;
      await s.put("setAt", next);
      await s.setAlarm(next);
      runs[0].getAlarmAfterRearmIsNext = (await s.getAlarm()) === next;
      await s.put("runs", runs);
    }
    if (mode === "deleteInside") {
      await s.setAlarm(Date.now() + 50);
      await s.deleteAlarm();
      runs[runs.length - 1].getAlarmAfterSetAndDelete = await s.getAlarm();
      await s.put("runs", runs);
    }
    if (mode === "failOnce" && runs.length === 1) {
      throw new Error("alarm fails the first time");
    }
  }
}

export default {
  async fetch(request, env) {
    const name = new URL(request.url).searchParams.get("name") ?? "default";
    return env.ALARMED.get(env.ALARMED.idFromName(name)).fetch(request);
  },
};
