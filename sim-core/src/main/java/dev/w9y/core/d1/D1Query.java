package dev.w9y.core.d1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One statement a guest sends to D1 (a prepared statement with its bound values, or one line of
 * {@code exec}).
 *
 * @param sql the SQL text (several statements separated by semicolons run in order; the last one's
 *     rows are the result)
 * @param params the bound values: {@code Double}, {@code String}, {@code byte[]} (a blob) or null
 */
public record D1Query(String sql, List<Object> params) {
  public D1Query {
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }
}
