// W9Y from guest code: buggify sites, checks and contracts. `import { buggify } from "w9y";`
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

/**
 * The contract the topology declares for `service`, to validate what this Worker receives the way
 * the simulated network checks it (the same compiled contract, run on the host):
 *   const body = await contract("accounts").parse(response);            // a fetch's Response
 *   await contract("accounts").parse(response, { method: "POST", path: "/x" });  // any Response
 *   const order = await contract("orders").parseRequest(request);       // an incoming Request
 *   contract("orders").validate("createOrder", value);                  // a request body
 *   contract("orders").validate({ method: "GET", path: "/orders/7", status: 200 }, value);
 * A violation throws a TypeError whose message is the network check's words, with `violations`,
 * `pointer`, `expected` and `actual`; an unknown service or one without a contract throws at once.
 */
export function contract(service) {
  return globalThis.__w9yContracts.contract(service);
}
