/**
 * The deterministic core of W9Y: {@link dev.w9y.scheduler.Scheduler} (virtual clock, event queue,
 * run control, budgets), {@link dev.w9y.scheduler.RandomStream} (specified, seeded, named streams)
 * and the values they use. No dependencies beyond the JDK; no wall clock, threads or ambient
 * randomness anywhere in it, enforced at build time.
 */
package dev.w9y.scheduler;
