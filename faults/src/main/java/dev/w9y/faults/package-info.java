/** Fault plans and injectors. Built by the fault-injection issue. */
package dev.w9y.faults;
