package org.catdit.overlay.wire;

/** Wire formats of the SCAMP messages. */
final class MembershipFormats {
  private MembershipFormats() {}

  static void registerAll(MessageCodec codec) {
    codec.register(
        MessageType.SUBSCRIPTION,
        new MessageFormat<Subscription>() {
          @Override
          public void write(Subscription message, WireWriter out) {
            out.writePeerId(message.subscriber())
                .writeByte(message.walkHops())
                .writeUnsignedShort(message.proposerDegree())
                .writeInt(message.leaseGeneration())
                .writeUnsignedShort(message.requestedArcs())
                .writeBoolean(message.isRenewal());
            if (message.record() != null) {
              message.record().write(out);
            }
          }

          @Override
          public Subscription read(WireReader in) throws MalformedMessageException {
            return new Subscription(
                in.readPeerId(),
                in.readUnsignedByte(),
                in.readUnsignedShort(),
                in.readInt(),
                in.readUnsignedShort(),
                in.readBoolean(),
                in.remaining() > 0 ? JoinRecord.read(in) : null);
          }
        });
    codec.register(
        MessageType.FORWARDED_SUBSCRIPTION,
        new MessageFormat<ForwardedSubscription>() {
          @Override
          public void write(ForwardedSubscription message, WireWriter out) {
            out.writePeerId(message.subscriber())
                .writeByte(message.hopsLeft())
                .writeInt(message.leaseGeneration());
            if (message.record() != null) {
              message.record().write(out);
            }
          }

          @Override
          public ForwardedSubscription read(WireReader in) throws MalformedMessageException {
            return new ForwardedSubscription(
                in.readPeerId(),
                in.readUnsignedByte(),
                in.readInt(),
                in.remaining() > 0 ? JoinRecord.read(in) : null);
          }
        });
    codec.register(
        MessageType.KEPT_SUBSCRIPTION,
        new MessageFormat<KeptSubscription>() {
          @Override
          public void write(KeptSubscription message, WireWriter out) {
            out.writeInt(message.leaseGeneration());
          }

          @Override
          public KeptSubscription read(WireReader in) throws MalformedMessageException {
            return new KeptSubscription(in.readInt());
          }
        });
    codec.register(
        MessageType.JOIN_ACCEPTED,
        new MessageFormat<JoinAccepted>() {
          @Override
          public void write(JoinAccepted message, WireWriter out) {
            out.writeInt(message.leaseGeneration());
          }

          @Override
          public JoinAccepted read(WireReader in) throws MalformedMessageException {
            return new JoinAccepted(in.readInt());
          }
        });
    codec.register(
        MessageType.REPLACE_SUBSCRIPTION,
        new MessageFormat<ReplaceSubscription>() {
          @Override
          public void write(ReplaceSubscription message, WireWriter out) {
            out.writePeerId(message.replacement());
          }

          @Override
          public ReplaceSubscription read(WireReader in) throws MalformedMessageException {
            return new ReplaceSubscription(in.readPeerId());
          }
        });
    codec.register(MessageType.REMOVE_SUBSCRIPTION, empty(new RemoveSubscription()));
    codec.register(MessageType.DROPPED_SUBSCRIPTION, empty(new DroppedSubscription()));
    codec.register(
        MessageType.HEARTBEAT,
        new MessageFormat<Heartbeat>() {
          @Override
          public void write(Heartbeat message, WireWriter out) {
            int flags =
                (message.senderHoldsReceiver() ? 1 : 0) | (message.receiverHoldsSender() ? 2 : 0);
            out.writeByte(flags).writeInt(message.leaseGeneration());
          }

          @Override
          public Heartbeat read(WireReader in) throws MalformedMessageException {
            int flags = in.readUnsignedByte();
            if ((flags & ~3) != 0) {
              throw new MalformedMessageException("unknown heartbeat flags " + flags);
            }
            return new Heartbeat((flags & 1) != 0, (flags & 2) != 0, in.readInt());
          }
        });
  }

  /** A message with no body: decoding yields the one shared instance. */
  private static <M extends Message> MessageFormat<M> empty(M instance) {
    return new MessageFormat<>() {
      @Override
      public void write(M message, WireWriter out) {}

      @Override
      public M read(WireReader in) {
        return instance;
      }
    };
  }
}
