package dev.w9y.core.network;

import dev.w9y.core.http.Request;

/**
 * A request crossing the simulated network, as fault hooks see it.
 *
 * @param id the exchange's id, unique in the run ({@code m1}, {@code m2}, ...)
 * @param from the sending actor ({@code workload} or an instance such as {@code bank#0})
 * @param to the receiving service
 * @param request what was sent
 * @param depth how many Workers calls deep the request is (1: from the workload, a cron trigger or
 *     an alarm), as production's subrequest depth limit counts them
 */
public record Message(String id, String from, String to, Request request, int depth) {}
