package org.catdit.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.junit.jupiter.api.Test;

class BroadcastFormatsTest {
  static final MessageCodec CODEC = MessageCodec.standard();
  static final MessageId ID = new MessageId(0x0102030405060708L, 0x1112131415161718L);
  static final PeerId ROOT = PeerId.of(0xAAL, 0xBBL);

  static Message roundTrip(Message message) throws MalformedMessageException {
    return CODEC.decode(CODEC.encode(message));
  }

  @Test
  void everyBroadcastTypeIsRegisteredInItsRange() {
    for (MessageType type :
        List.of(
            MessageType.GOSSIP,
            MessageType.IHAVE,
            MessageType.PRUNE,
            MessageType.GRAFT,
            MessageType.IHAVE_ACK)) {
      assertTrue(CODEC.registeredTypes().contains(type));
      assertTrue(type.code() >= 16 && type.code() <= 31);
    }
  }

  @Test
  void gossipRoundTrips() throws Exception {
    byte[] payload = {1, 2, 3, 4};
    Gossip decoded = (Gossip) roundTrip(new Gossip(ID, ROOT, 7, payload));
    assertEquals(ID, decoded.id());
    assertEquals(ROOT, decoded.root());
    assertEquals(7, decoded.round());
    assertArrayEquals(payload, decoded.payload());
  }

  @Test
  void gossipOfTheLargestPayloadRoundTrips() throws Exception {
    byte[] payload = new byte[BroadcastLimits.MAX_PAYLOAD_BYTES];
    Arrays.fill(payload, (byte) 9);
    Gossip decoded = (Gossip) roundTrip(new Gossip(ID, ROOT, 0, payload));
    assertArrayEquals(payload, decoded.payload());
  }

  @Test
  void otherMessagesRoundTrip() throws Exception {
    IHave iHave =
        new IHave(-5, List.of(new Announcement(ID, ROOT, 3), new Announcement(ID, ROOT, 255)));
    assertEquals(iHave, roundTrip(iHave));
    assertEquals(new Prune(ROOT), roundTrip(new Prune(ROOT)));
    assertEquals(new Graft(ID, ROOT, 4), roundTrip(new Graft(ID, ROOT, 4)));
    assertEquals(new Graft(null, ROOT, 4), roundTrip(new Graft(null, ROOT, 4)));
    assertEquals(new IHaveAck(123456), roundTrip(new IHaveAck(123456)));
  }

  @Test
  void anIHaveOfTheMostIdsRoundTripsAndOneMoreIsRefused() throws Exception {
    List<Announcement> many = new ArrayList<>();
    for (int i = 0; i < BroadcastLimits.MAX_IDS_PER_IHAVE; i++) {
      many.add(new Announcement(new MessageId(i, i), ROOT, 1));
    }
    assertEquals(new IHave(1, many), roundTrip(new IHave(1, many)));
    many.add(new Announcement(ID, ROOT, 1));
    assertThrows(IllegalArgumentException.class, () -> new IHave(1, many));
  }

  @Test
  void recordsRefuseOutOfRangeFields() {
    assertThrows(IllegalArgumentException.class, () -> new Gossip(ID, ROOT, 256, new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Gossip(ID, ROOT, 0, new byte[BroadcastLimits.MAX_PAYLOAD_BYTES + 1]));
    assertThrows(IllegalArgumentException.class, () -> new IHave(1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Graft(ID, ROOT, -1));
  }

  @Test
  void everyTruncationOfEveryMessageIsRefused() {
    List<Message> messages =
        List.of(
            new Gossip(ID, ROOT, 7, new byte[] {1, 2, 3}),
            new IHave(1, List.of(new Announcement(ID, ROOT, 3))),
            new Prune(ROOT),
            new Graft(ID, ROOT, 4),
            new Graft(null, ROOT, 4),
            new IHaveAck(9));
    for (Message message : messages) {
      byte[] encoded = CODEC.encode(message);
      for (int length = 1; length < encoded.length; length++) {
        byte[] cut = Arrays.copyOf(encoded, length);
        assertThrows(
            MalformedMessageException.class,
            () -> CODEC.decode(cut),
            message.type() + " cut to " + length);
      }
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] encoded = CODEC.encode(new Prune(ROOT));
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThrows(MalformedMessageException.class, () -> CODEC.decode(longer));
  }

  @Test
  void aPayloadLengthAboveTheLimitIsRefusedBeforeReading() {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    buffer.put((byte) MessageType.GOSSIP.code());
    buffer.putLong(1).putLong(2).putLong(ROOT.high()).putLong(ROOT.low()).put((byte) 0);
    buffer.putShort((short) (BroadcastLimits.MAX_PAYLOAD_BYTES + 1));
    buffer.flip();
    MalformedMessageException refused =
        assertThrows(MalformedMessageException.class, () -> CODEC.decode(buffer));
    assertTrue(refused.getMessage().contains("exceeds"));
  }

  @Test
  void anIHaveCountOfZeroOrAboveTheLimitOrBeyondTheBytesIsRefused() {
    for (int count : new int[] {0, BroadcastLimits.MAX_IDS_PER_IHAVE + 1, 3}) {
      ByteBuffer buffer = ByteBuffer.allocate(128);
      buffer.put((byte) MessageType.IHAVE.code()).putInt(1).putShort((short) count);
      // One announcement's worth of bytes, whatever the count says.
      buffer.putLong(1).putLong(2).putLong(ROOT.high()).putLong(ROOT.low()).put((byte) 1);
      buffer.flip();
      assertThrows(MalformedMessageException.class, () -> CODEC.decode(buffer), "count " + count);
    }
  }

  @Test
  void aGraftFlagOtherThanZeroOrOneIsRefused() {
    byte[] encoded = CODEC.encode(new Graft(ID, ROOT, 4));
    encoded[1] = 2;
    assertThrows(MalformedMessageException.class, () -> CODEC.decode(encoded));
  }
}
