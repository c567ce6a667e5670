/**
 * The simulated world (services, network, durable objects, cron, workloads, checks, trace). Built
 * by the sim-core issue.
 */
package dev.w9y.core;
