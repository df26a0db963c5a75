package org.catdit.overlay.wire;

import java.util.ArrayList;
import java.util.List;

/** Wire formats of the broadcast-tree (Plumtree) messages. */
final class BroadcastFormats {
  private BroadcastFormats() {}

  static void registerAll(MessageCodec codec) {
    codec.register(
        MessageType.GOSSIP,
        new MessageFormat<Gossip>() {
          @Override
          public void write(Gossip message, WireWriter out) {
            writeId(out, message.id());
            out.writePeerId(message.root()).writeByte(message.round());
            out.writeBytes(message.payload());
          }

          @Override
          public Gossip read(WireReader in) throws MalformedMessageException {
            MessageId id = readId(in);
            return new Gossip(
                id,
                in.readPeerId(),
                in.readUnsignedByte(),
                in.readBytes(BroadcastLimits.MAX_PAYLOAD_BYTES));
          }
        });
    codec.register(
        MessageType.IHAVE,
        new MessageFormat<IHave>() {
          @Override
          public void write(IHave message, WireWriter out) {
            out.writeInt(message.batch());
            out.writeUnsignedShort(message.announcements().size());
            for (Announcement announcement : message.announcements()) {
              writeId(out, announcement.id());
              out.writePeerId(announcement.root()).writeByte(announcement.round());
            }
          }

          @Override
          public IHave read(WireReader in) throws MalformedMessageException {
            int batch = in.readInt();
            int count = in.readUnsignedShort();
            if (count == 0 || count > BroadcastLimits.MAX_IDS_PER_IHAVE) {
              throw new MalformedMessageException(
                  "IHAVE with " + count + " ids, limit " + BroadcastLimits.MAX_IDS_PER_IHAVE);
            }
            if (in.remaining() < (long) count * Announcement.BYTES) {
              throw new MalformedMessageException("IHAVE truncated: " + count + " ids announced");
            }
            List<Announcement> announcements = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
              announcements.add(
                  new Announcement(readId(in), in.readPeerId(), in.readUnsignedByte()));
            }
            return new IHave(batch, announcements);
          }
        });
    codec.register(
        MessageType.PRUNE,
        new MessageFormat<Prune>() {
          @Override
          public void write(Prune message, WireWriter out) {
            out.writePeerId(message.root());
          }

          @Override
          public Prune read(WireReader in) throws MalformedMessageException {
            return new Prune(in.readPeerId());
          }
        });
    codec.register(
        MessageType.GRAFT,
        new MessageFormat<Graft>() {
          @Override
          public void write(Graft message, WireWriter out) {
            out.writeBoolean(message.asksForMessage());
            if (message.asksForMessage()) {
              writeId(out, message.id());
            }
            out.writePeerId(message.root()).writeByte(message.round());
          }

          @Override
          public Graft read(WireReader in) throws MalformedMessageException {
            MessageId id = in.readBoolean() ? readId(in) : null;
            return new Graft(id, in.readPeerId(), in.readUnsignedByte());
          }
        });
    codec.register(
        MessageType.IHAVE_ACK,
        new MessageFormat<IHaveAck>() {
          @Override
          public void write(IHaveAck message, WireWriter out) {
            out.writeInt(message.batch());
          }

          @Override
          public IHaveAck read(WireReader in) throws MalformedMessageException {
            return new IHaveAck(in.readInt());
          }
        });
  }

  private static void writeId(WireWriter out, MessageId id) {
    out.writeLong(id.high()).writeLong(id.low());
  }

  private static MessageId readId(WireReader in) throws MalformedMessageException {
    return new MessageId(in.readLong(), in.readLong());
  }
}
