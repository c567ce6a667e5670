package dev.w9y.debugger;

/**
 * A request in flight as the state shows it: who sent what to whom, how far it has got, and what
 * the network did to it so far. Immutable: each step makes a new one (old states keep theirs).
 */
record InFlight(String from, String to, String what, String stage, String fates) {
  InFlight at(String newStage) {
    return new InFlight(from, to, what, newStage, fates);
  }

  InFlight withFate(String fate) {
    return new InFlight(from, to, what, stage, fates.isEmpty() ? fate : fates + "; " + fate);
  }

  @Override
  public String toString() {
    return from
        + " -> "
        + to
        + " "
        + what
        + " ["
        + stage
        + "]"
        + (fates.isEmpty() ? "" : " " + fates);
  }
}
