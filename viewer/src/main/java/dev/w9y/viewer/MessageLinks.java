package dev.w9y.viewer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Pairs each message's two ends in a trace by message id: {@code request.sent} with its {@code
 * request.delivered}, {@code response.sent} with its {@code response.delivered}, and a delivered
 * request with the {@code response.sent} that answers it. The viewer draws the first two as arrows
 * between lanes; the Perfetto export makes request spans and flow arrows from all three.
 *
 * <p>A duplicated request is delivered (and may be answered) more than once under one id: each
 * delivery points back at the one send, the send points at its first delivery, and deliveries and
 * answers pair up in order (first delivered, first answered).
 */
final class MessageLinks {
  /** {@code partner[i]}: the other end of record i's message hop, or -1. */
  private final int[] partner;

  /** {@code answer[i]}: for a request.delivered record, the response.sent answering it, or -1. */
  private final int[] answer;

  private MessageLinks(int[] partner, int[] answer) {
    this.partner = partner;
    this.answer = answer;
  }

  static MessageLinks of(List<JsonNode> records) {
    int n = records.size();
    int[] partner = new int[n];
    int[] answer = new int[n];
    Arrays.fill(partner, -1);
    Arrays.fill(answer, -1);
    // TreeMaps: ids are strings; nothing here depends on hash order.
    TreeMap<String, Integer> requestSent = new TreeMap<>();
    TreeMap<String, ArrayDeque<Integer>> unanswered = new TreeMap<>();
    TreeMap<String, ArrayDeque<Integer>> responsesInFlight = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      JsonNode record = records.get(i);
      String id = record.path("id").asString(null);
      if (id == null) {
        continue;
      }
      switch (record.path("kind").asString("")) {
        case "request.sent" -> requestSent.put(id, i);
        case "request.delivered" -> {
          Integer sent = requestSent.get(id);
          if (sent != null) {
            partner[i] = sent;
            if (partner[sent] < 0) {
              partner[sent] = i;
            }
          }
          unanswered.computeIfAbsent(id, k -> new ArrayDeque<>()).add(i);
        }
        case "response.sent" -> {
          ArrayDeque<Integer> deliveries = unanswered.get(id);
          if (deliveries != null && !deliveries.isEmpty()) {
            answer[deliveries.poll()] = i;
          }
          responsesInFlight.computeIfAbsent(id, k -> new ArrayDeque<>()).add(i);
        }
        case "response.delivered" -> {
          ArrayDeque<Integer> sent = responsesInFlight.get(id);
          if (sent != null && !sent.isEmpty()) {
            int from = sent.poll();
            partner[i] = from;
            partner[from] = i;
          }
        }
        default -> {}
      }
    }
    return new MessageLinks(partner, answer);
  }

  /** The other end of record i's hop (sent ↔ delivered), or -1. */
  int partner(int i) {
    return partner[i];
  }

  /** For a request.delivered record, the response.sent that answers it, or -1. */
  int answer(int i) {
    return answer[i];
  }
}
