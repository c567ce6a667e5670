package dev.w9y.core.network;

import dev.w9y.core.http.Request;

/**
 * A request crossing the simulated network, as fault hooks see it.
 *
 * @param id the exchange's id, unique in the run ({@code m1}, {@code m2}, ...)
 * @param from the sending actor ({@code workload} or an instance such as {@code bank#0})
 * @param to the receiving service
 * @param request what was sent
 */
public record Message(String id, String from, String to, Request request) {}
