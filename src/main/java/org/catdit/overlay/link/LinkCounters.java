package org.catdit.overlay.link;

import java.util.EnumMap;
import java.util.Map;

/** What an endpoint counted: every dropped input lands in exactly one of these. */
public final class LinkCounters {

  /** The counters; names read as "number of ...". */
  public enum Counter {
    DATAGRAMS_RECEIVED,
    BYTES_RECEIVED,
    DATAGRAMS_SENT,
    BYTES_SENT,
    // Drops of inbound input.
    MALFORMED_DROPPED,
    OVERSIZED_DROPPED,
    UNKNOWN_CONNECTION_DROPPED,
    WRONG_ADDRESS_DROPPED,
    UNAUTHENTIC_PACKETS_DROPPED,
    DUPLICATE_PACKETS_DROPPED,
    OUT_OF_WINDOW_DROPPED,
    INVALID_ACK_DROPPED,
    FLOW_CONTROL_VIOLATIONS,
    OVERSIZED_MESSAGES,
    STALE_HANDSHAKES_DROPPED,
    // Handshakes.
    INITS_RECEIVED,
    HANDSHAKE_MISMATCHES,
    INIT_ACKS_SENT,
    HANDSHAKES_RATE_LIMITED,
    // Of those, refused by the source's own bucket (a part of the above, not added to drops again).
    HANDSHAKES_SOURCE_LIMITED,
    COOKIES_INVALID,
    COOKIES_EXPIRED,
    AUTHENTICATION_FAILURES,
    SESSIONS_REFUSED_FULL,
    SESSIONS_ESTABLISHED,
    SESSIONS_REPLACED,
    SESSIONS_FAILED,
    CONNECTS_FAILED,
    // Recovery.
    PACKETS_LOST,
    SPURIOUS_LOSSES,
    PROBE_TIMEOUTS,
    MTU_PROBES_SENT,
    MTU_RAISED,
    // Messages.
    MESSAGES_SENT,
    MESSAGES_DELIVERED,
    SEND_BUFFER_FULL
  }

  private final long[] values = new long[Counter.values().length];

  void add(Counter counter, long amount) {
    values[counter.ordinal()] += amount;
  }

  void increment(Counter counter) {
    values[counter.ordinal()]++;
  }

  public long get(Counter counter) {
    return values[counter.ordinal()];
  }

  /** Inbound datagrams dropped for any reason. */
  public long droppedTotal() {
    long total = 0;
    for (Counter counter :
        new Counter[] {
          Counter.MALFORMED_DROPPED,
          Counter.OVERSIZED_DROPPED,
          Counter.UNKNOWN_CONNECTION_DROPPED,
          Counter.WRONG_ADDRESS_DROPPED,
          Counter.UNAUTHENTIC_PACKETS_DROPPED,
          Counter.HANDSHAKE_MISMATCHES,
          Counter.DUPLICATE_PACKETS_DROPPED,
          Counter.OUT_OF_WINDOW_DROPPED,
          Counter.INVALID_ACK_DROPPED,
          Counter.FLOW_CONTROL_VIOLATIONS,
          Counter.OVERSIZED_MESSAGES,
          Counter.STALE_HANDSHAKES_DROPPED,
          Counter.HANDSHAKES_RATE_LIMITED,
          Counter.COOKIES_INVALID,
          Counter.COOKIES_EXPIRED,
          Counter.AUTHENTICATION_FAILURES,
          Counter.SESSIONS_REFUSED_FULL
        }) {
      total += get(counter);
    }
    return total;
  }

  /** A snapshot in declaration order. */
  public Map<Counter, Long> snapshot() {
    Map<Counter, Long> out = new EnumMap<>(Counter.class);
    for (Counter counter : Counter.values()) {
      out.put(counter, values[counter.ordinal()]);
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("LinkCounters{");
    for (Counter counter : Counter.values()) {
      long value = values[counter.ordinal()];
      if (value != 0) {
        out.append(counter.name().toLowerCase()).append('=').append(value).append(' ');
      }
    }
    return out.append('}').toString();
  }
}
