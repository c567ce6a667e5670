/**
 * Fault injection for W9Y simulations: {@link dev.w9y.faults.FaultPlan} describes which faults a
 * run suffers (network, HTTP, process, storage, clock, BUGGIFY), {@code FaultPlan.swarm()} derives
 * the mix from the seed, and every injected fault is a numbered trace event that a replay can
 * suppress.
 */
package dev.w9y.faults;
