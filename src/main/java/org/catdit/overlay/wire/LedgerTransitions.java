package org.catdit.overlay.wire;

import java.util.List;

/**
 * Encoded transitions sent to one neighbour: answers to a want, or what reconciliation found the
 * neighbour lacks. The receiver decodes and validates each one; the codec only bounds the sizes.
 */
public record LedgerTransitions(List<byte[]> transitions) implements Message {
  public LedgerTransitions {
    transitions = List.copyOf(transitions);
    if (transitions.isEmpty() || transitions.size() > LedgerLimits.MAX_TRANSITIONS_PER_MESSAGE) {
      throw new IllegalArgumentException("1-64 transitions per message, not " + transitions.size());
    }
    long total = 0;
    for (byte[] transition : transitions) {
      LedgerLimits.checkTransition(transition);
      total += transition.length;
    }
    if (total > LedgerLimits.MAX_TRANSITION_BYTES_PER_MESSAGE) {
      throw new IllegalArgumentException(total + " transition bytes in one message");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.LEDGER_TRANSITIONS;
  }
}
