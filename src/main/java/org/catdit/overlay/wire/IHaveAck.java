package org.catdit.overlay.wire;

/** Acknowledges the IHAVE batch {@code batch}: the announcer stops re-sending it. */
public record IHaveAck(int batch) implements Message {
  @Override
  public MessageType type() {
    return MessageType.IHAVE_ACK;
  }
}
