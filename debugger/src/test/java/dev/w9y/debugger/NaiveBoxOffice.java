package dev.w9y.debugger;

import dev.w9y.core.Simulation;
import dev.w9y.core.http.Json;
import dev.w9y.samples.tickets.Tickets;
import java.nio.file.Path;
import java.util.ArrayList;
import tools.jackson.databind.JsonNode;

/** The samples' naive box office, whose seed 195988461 sells a seat twice (README). */
final class NaiveBoxOffice {
  static final long FAILING_SEED = 195988461L;
  static final Path SOURCES = Path.of("..", "samples", "src", "main", "js", "tickets");

  private NaiveBoxOffice() {}

  static Simulation failingSeed() {
    return seed(FAILING_SEED);
  }

  static Simulation seed(long seed) {
    return Tickets.simulation(SOURCES, "naive-box-office.js", seed, new ArrayList<>());
  }

  /**
   * A sale: the event object's {@code response.sent} giving a seat. Returns the seat, or -1 if the
   * record is not a sale.
   */
  static int seatSold(JsonNode record) {
    if (!record.get("kind").asString().equals("response.sent")
        || !record.get("actor").asString().startsWith("EVENTS:")
        || !record.has("body")) {
      return -1;
    }
    JsonNode body = Json.MAPPER.readTree(record.get("body").get("text").asString());
    return body.has("seat") ? body.get("seat").asInt() : -1;
  }

  /** An event selling a seat that an earlier sale already gave: a double sale. */
  static Breakpoint seatSoldAgain() {
    return Breakpoint.onRecord(
        "a seat sold again",
        (run, index, record) -> {
          int seat = seatSold(record);
          if (seat < 0) {
            return false;
          }
          for (long earlier = 0; earlier < index; earlier++) {
            if (seatSold(Json.MAPPER.readTree(run.record(earlier))) == seat) {
              return true;
            }
          }
          return false;
        });
  }
}
