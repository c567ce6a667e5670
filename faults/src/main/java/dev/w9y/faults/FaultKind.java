package dev.w9y.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The kinds of fault a plan injects, one per family of {@link FaultPlan}: what a {@link FaultScope}
 * spares or keeps by kind, and the first word of every fault id ({@code storage.write-failure:...}
 * is a {@code STORAGE} fault).
 */
public enum FaultKind {
  NETWORK,
  HTTP,
  PROCESS,
  STORAGE,
  CLOCK,
  BUGGIFY,
  KV,
  QUEUE,
  R2;

  /**
   * Every fault family the injector records, with the shape of the occurrence after its colon. A
   * plan listing an id of another shape was mistyped or cut short; it would never match a fault, so
   * it is refused instead of being silently ignored.
   */
  private static final Map<String, Pattern> FAMILIES = new TreeMap<>();

  static {
    String link = ".+->.+";
    String actor = ".+";
    for (String family :
        List.of(
            "network.drop", "network.delay", "network.duplicate", "http.reset", "http.timeout")) {
      FAMILIES.put(family, Pattern.compile(link + "/request#[1-9][0-9]*"));
    }
    for (String family :
        List.of("http.server-error", "http.too-many-requests", "http.unknown-outcome")) {
      FAMILIES.put(family, Pattern.compile(link + "/response#[1-9][0-9]*"));
    }
    FAMILIES.put("network.partition", Pattern.compile("partitions#[1-9][0-9]*"));
    FAMILIES.put("network.swizzle-clog", Pattern.compile("clogging#[1-9][0-9]*"));
    FAMILIES.put("process.crash", Pattern.compile("crashes#[1-9][0-9]*"));
    FAMILIES.put("process.object-crash", Pattern.compile("object-crashes#[1-9][0-9]*"));
    FAMILIES.put("process.evict", Pattern.compile("evictions#[1-9][0-9]*"));
    FAMILIES.put("process.crash-mid-request", Pattern.compile(actor + "/delivery#[1-9][0-9]*"));
    FAMILIES.put("storage.write-failure", Pattern.compile(actor + "/write#[1-9][0-9]*"));
    FAMILIES.put("storage.crash-after-write", Pattern.compile(actor + "/durable#[1-9][0-9]*"));
    FAMILIES.put("storage.slow", Pattern.compile(actor + "/(write|read)-latency#[1-9][0-9]*"));
    FAMILIES.put("storage.alarm-delay", Pattern.compile(actor + "/alarm#[1-9][0-9]*"));
    FAMILIES.put("storage.alarm-twice", Pattern.compile(actor + "/alarm-delivery#[1-9][0-9]*"));
    FAMILIES.put("storage.workflow-crash", Pattern.compile(actor + "/checkpoint#[1-9][0-9]*"));
    FAMILIES.put("storage.workflow-step-failure", Pattern.compile(actor + "/attempt#[1-9][0-9]*"));
    FAMILIES.put("storage.workflow-wakeup-delay", Pattern.compile(actor + "/wakeup#[1-9][0-9]*"));
    FAMILIES.put("clock.skew", Pattern.compile(actor + "/clock#[1-9][0-9]*"));
    FAMILIES.put("clock.jump", Pattern.compile("clock-jumps#[1-9][0-9]*"));
    FAMILIES.put("clock.strobe", Pattern.compile("clock-strobes#[1-9][0-9]*"));
    FAMILIES.put("kv.stale-read", Pattern.compile(actor + "/propagation#[1-9][0-9]*"));
    FAMILIES.put("queue.duplicate", Pattern.compile(actor + "/delivery#[1-9][0-9]*"));
    FAMILIES.put("queue.delay", Pattern.compile(actor + "/send#[1-9][0-9]*"));
    FAMILIES.put("queue.consumer-crash", Pattern.compile(actor + "/batch#[1-9][0-9]*"));
    FAMILIES.put("r2.internal-error", Pattern.compile(actor + "/r2#[1-9][0-9]*"));
    FAMILIES.put("buggify", Pattern.compile("buggify/.+#[1-9][0-9]*"));
  }

  /** The kind as written in topology files, plan files and traces: {@code storage}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code label} ({@code network}, {@code http}, ...), any case. */
  public static FaultKind parse(String label) {
    for (FaultKind kind : values()) {
      if (kind.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault kind '" + label + "' (the kinds are " + labels() + ")");
  }

  /**
   * The kind of the fault {@code faultId} (as the trace's {@code fault.injected} records give it,
   * e.g. {@code http.unknown-outcome:ledger->payer/response#6}).
   *
   * @throws IllegalArgumentException naming the id if it is not one W9Y could have recorded: an
   *     unknown family, or an occurrence of the wrong shape (a truncated or mistyped id)
   */
  public static FaultKind ofFaultId(String faultId) {
    int colon = faultId.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "fault id '"
              + faultId
              + "' is malformed: ids look like family:occurrence, e.g."
              + " http.unknown-outcome:ledger->payer/response#6 (as fault.injected records give"
              + " them)");
    }
    String family = faultId.substring(0, colon);
    Pattern occurrence = FAMILIES.get(family);
    if (occurrence == null) {
      throw new IllegalArgumentException(
          "fault id '"
              + faultId
              + "' has an unknown fault family '"
              + family
              + "' (the families are "
              + String.join(", ", FAMILIES.keySet())
              + ")");
    }
    if (!occurrence.matcher(faultId.substring(colon + 1)).matches()) {
      throw new IllegalArgumentException(
          "fault id '"
              + faultId
              + "' is malformed (truncated?): a "
              + family
              + " id ends with "
              + occurrence.pattern().replace(".+", "<...>").replace("[1-9][0-9]*", "<n>"));
    }
    int dot = family.indexOf('.');
    return parse(dot < 0 ? family : family.substring(0, dot));
  }

  private static String labels() {
    List<String> labels = new ArrayList<>();
    for (FaultKind kind : values()) {
      labels.add(kind.label());
    }
    return String.join(", ", labels);
  }
}
