// W9Y from guest code: buggify sites and checks. `import { buggify } from "w9y";`
const w9y = globalThis.__w9y;

/** True when the simulation chooses to make this site misbehave (a seeded choice). */
export function buggify(site) {
  return w9y.buggify(String(site));
}

/** Fails the run (at this event) if `condition` is false. */
export function assertAlways(condition, name, detail = "") {
  w9y.always(String(name), Boolean(condition), String(detail));
}

/** Counts whether `condition` was ever true; a sweep fails if it never is. */
export function assertSometimes(condition, name) {
  w9y.sometimes(String(name), Boolean(condition));
}

/**
 * Reports whether a liveness condition holds now; the last report per name counts, and the run's
 * liveness phase (after faults heal) needs it true by its end.
 */
export function assertEventually(condition, name) {
  w9y.eventually(String(name), Boolean(condition));
}
