package org.catdit.overlay.wire;

import java.util.ArrayList;
import java.util.List;

/** Wire formats of the ledger-sync messages; every count and length is checked before reading. */
final class LedgerFormats {
  private static final int HAS_UPPER = 1;
  private static final int IS_ID_LIST = 2;

  private LedgerFormats() {}

  static void registerAll(MessageCodec codec) {
    codec.register(
        MessageType.LEDGER_WANT,
        new MessageFormat<LedgerWant>() {
          @Override
          public void write(LedgerWant message, WireWriter out) {
            out.writeByte(message.ids().size());
            message.ids().forEach(out::writeFixed);
          }

          @Override
          public LedgerWant read(WireReader in) throws MalformedMessageException {
            return new LedgerWant(
                readIds(in, in.readUnsignedByte(), LedgerLimits.MAX_IDS_PER_WANT));
          }
        });
    codec.register(
        MessageType.LEDGER_TRANSITIONS,
        new MessageFormat<LedgerTransitions>() {
          @Override
          public void write(LedgerTransitions message, WireWriter out) {
            out.writeByte(message.transitions().size());
            message.transitions().forEach(out::writeBytes);
          }

          @Override
          public LedgerTransitions read(WireReader in) throws MalformedMessageException {
            int count = in.readUnsignedByte();
            if (count > LedgerLimits.MAX_TRANSITIONS_PER_MESSAGE) {
              throw new MalformedMessageException(count + " transitions in one message");
            }
            List<byte[]> transitions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
              transitions.add(in.readBytes(LedgerLimits.MAX_TRANSITION_BYTES));
            }
            return new LedgerTransitions(transitions);
          }
        });
    codec.register(
        MessageType.LEDGER_RECONCILE,
        new MessageFormat<LedgerReconcile>() {
          @Override
          public void write(LedgerReconcile message, WireWriter out) {
            out.writeByte(message.round());
            out.writeInt((int) message.senderCount());
            out.writeByte(message.ranges().size());
            for (ReconcileRange range : message.ranges()) {
              int flags =
                  (range.upper() != null ? HAS_UPPER : 0) | (range.isIdList() ? IS_ID_LIST : 0);
              out.writeByte(flags);
              out.writeFixed(range.lower());
              if (range.upper() != null) {
                out.writeFixed(range.upper());
              }
              if (range.isIdList()) {
                out.writeUnsignedShort(range.ids().size());
                range.ids().forEach(out::writeFixed);
              } else {
                out.writeFixed(range.fingerprint());
              }
            }
          }

          @Override
          public LedgerReconcile read(WireReader in) throws MalformedMessageException {
            int round = in.readUnsignedByte();
            long senderCount = in.readInt() & 0xFFFF_FFFFL;
            int rangeCount = in.readUnsignedByte();
            if (rangeCount > LedgerLimits.MAX_RANGES_PER_RECONCILE) {
              throw new MalformedMessageException(rangeCount + " ranges in one message");
            }
            List<ReconcileRange> ranges = new ArrayList<>(rangeCount);
            int idBudget = LedgerLimits.MAX_IDS_PER_RECONCILE;
            for (int i = 0; i < rangeCount; i++) {
              int flags = in.readUnsignedByte();
              if ((flags & ~(HAS_UPPER | IS_ID_LIST)) != 0) {
                throw new MalformedMessageException("unknown range flags " + flags);
              }
              byte[] lower = in.readFixed(LedgerLimits.ID_BYTES);
              byte[] upper = (flags & HAS_UPPER) != 0 ? in.readFixed(LedgerLimits.ID_BYTES) : null;
              if ((flags & IS_ID_LIST) != 0) {
                List<byte[]> ids = readIds(in, in.readUnsignedShort(), idBudget);
                idBudget -= ids.size();
                ranges.add(new ReconcileRange(lower, upper, null, ids));
              } else {
                ranges.add(
                    new ReconcileRange(
                        lower, upper, in.readFixed(LedgerLimits.FINGERPRINT_BYTES), null));
              }
            }
            return new LedgerReconcile(round, senderCount, ranges);
          }
        });
    codec.register(
        MessageType.LEDGER_EQUIVOCATION,
        new MessageFormat<LedgerEquivocation>() {
          @Override
          public void write(LedgerEquivocation message, WireWriter out) {
            out.writeBytes(message.first());
            out.writeBytes(message.second());
          }

          @Override
          public LedgerEquivocation read(WireReader in) throws MalformedMessageException {
            return new LedgerEquivocation(
                in.readBytes(LedgerLimits.MAX_TRANSITION_BYTES),
                in.readBytes(LedgerLimits.MAX_TRANSITION_BYTES));
          }
        });
  }

  private static List<byte[]> readIds(WireReader in, int count, int limit)
      throws MalformedMessageException {
    if (count > limit) {
      throw new MalformedMessageException(count + " ids, limit " + limit);
    }
    if (in.remaining() < (long) count * LedgerLimits.ID_BYTES) {
      throw new MalformedMessageException("truncated: " + count + " ids announced");
    }
    List<byte[]> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(in.readFixed(LedgerLimits.ID_BYTES));
    }
    return ids;
  }
}
