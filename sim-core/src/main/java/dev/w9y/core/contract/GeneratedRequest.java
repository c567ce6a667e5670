package dev.w9y.core.contract;

import dev.w9y.core.http.Request;

/**
 * A request a {@link RequestGenerator} made.
 *
 * @param operation the operation it is for ({@code POST /orders})
 * @param request the request itself
 * @param mistake for a near miss, what is wrong ({@code required property 'quantity' removed});
 *     null for a valid request
 * @param pointer for a near miss, where the contract check reports it ({@code /body}, {@code
 *     /body/items/0/qty}, {@code /query/limit}); null for a valid request
 */
public record GeneratedRequest(String operation, Request request, String mistake, String pointer) {
  public boolean isNearMiss() {
    return mistake != null;
  }
}
