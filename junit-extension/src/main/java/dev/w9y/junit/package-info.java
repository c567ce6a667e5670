/**
 * How users run simulations: {@link dev.w9y.junit.W9ySimulation} on a JUnit Jupiter test method
 * runs it once per seed, reproduces one seed with {@code -Dseed=N}, remembers failing seeds in a
 * regression corpus, shrinks a failure to the faults it needs, and reports the exact command that
 * reproduces it. {@link dev.w9y.junit.SeedRunner} offers the same without JUnit.
 */
package dev.w9y.junit;
