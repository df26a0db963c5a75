package org.catdit.overlay.wire;

import static org.catdit.testing.FakeEnvironment.peer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private final MessageCodec codec = MessageCodec.standard();

  private static final JoinRecord SIGNED =
      new JoinRecord(new byte[32], new byte[] {127, 0, 0, 1, 16, 4}, 7, new byte[64]);
  private static final JoinRecord MAXIMAL =
      new JoinRecord(
          new byte[JoinRecord.MAX_PUBLIC_KEY_BYTES],
          new byte[JoinRecord.MAX_ADDRESS_BYTES],
          Long.MIN_VALUE,
          new byte[JoinRecord.MAX_SIGNATURE_BYTES]);

  static List<Message> samples() {
    return List.of(
        new Subscription(peer(1), 8, 0, 0, 0, false),
        new Subscription(peer(2), 0, 65535, Integer.MAX_VALUE, 65535, true),
        new ForwardedSubscription(peer(3), 255, 7),
        new Subscription(peer(5), 3, 2, 1, 0, false, SIGNED),
        new ForwardedSubscription(peer(6), 9, 1, SIGNED),
        new ForwardedSubscription(peer(6), 9, 1, MAXIMAL),
        new KeptSubscription(0),
        new JoinAccepted(12),
        new ReplaceSubscription(peer(4)),
        new RemoveSubscription(),
        new DroppedSubscription(),
        new Heartbeat(true, false, 0),
        new Heartbeat(false, true, 5));
  }

  /** Append-only: the record follows the old layout, so an unsigned one encodes as before. */
  @Test
  void aJoinRecordIsAppendedAndBounded() throws MalformedMessageException {
    Subscription unsigned = new Subscription(peer(5), 3, 2, 1, 0, false);
    byte[] before = codec.encode(unsigned);
    byte[] signed = codec.encode(new Subscription(peer(5), 3, 2, 1, 0, false, SIGNED));
    assertEquals(
        java.nio.ByteBuffer.wrap(before), java.nio.ByteBuffer.wrap(signed, 0, before.length));
    // A record's fields are checked against their limits: an oversized key is malformed.
    byte[] oversized = signed.clone();
    oversized[before.length] = (byte) 0x01; // key length 256 + 32
    org.junit.jupiter.api.Assertions.assertThrows(
        MalformedMessageException.class, () -> codec.decode(oversized));
    org.junit.jupiter.api.Assertions.assertThrows(
        MalformedMessageException.class,
        () -> codec.decode(Arrays.copyOf(signed, signed.length - 1)));
  }

  @Test
  void everyMessageRoundTrips() throws MalformedMessageException {
    for (Message message : samples()) {
      byte[] bytes = codec.encode(message);
      assertEquals(message.type().code(), bytes[0] & 0xFF);
      assertEquals(message, codec.decode(bytes));
    }
  }

  @Test
  void everyMembershipTypeHasAFormat() {
    for (MessageType type : MessageType.values()) {
      if (type.code() < 16) {
        assertTrue(codec.registeredTypes().contains(type), type + " has no format");
      }
    }
  }

  @Test
  void encodingIsStable() {
    // Pinned bytes: changing a format breaks peers already deployed.
    assertArrayEquals(
        new byte[] {
          1,
          0,
          0,
          0,
          0,
          0,
          0,
          (byte) 0xFE,
          (byte) 0xED,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          1,
          8,
          0,
          0,
          0,
          0,
          0,
          2,
          0,
          9,
          1
        },
        codec.encode(new Subscription(peer(1), 8, 0, 2, 9, true)));
    assertArrayEquals(new byte[] {8, 3, 0, 0, 1, 0}, codec.encode(new Heartbeat(true, true, 256)));
  }

  @Test
  void truncatedMessagesAreRejected() {
    for (Message message : samples()) {
      byte[] bytes = codec.encode(message);
      // A signed subscription cut exactly where its record starts is the unsigned one (the record
      // is appended to the old layout); membership refuses that where joins are signed.
      int unsignedLength =
          message instanceof Subscription s && s.record() != null
              ? codec.encode(
                      new Subscription(
                          s.subscriber(),
                          s.walkHops(),
                          s.proposerDegree(),
                          s.leaseGeneration(),
                          s.requestedArcs(),
                          s.isRenewal()))
                  .length
              : message instanceof ForwardedSubscription f && f.record() != null
                  ? codec.encode(
                          new ForwardedSubscription(
                              f.subscriber(), f.hopsLeft(), f.leaseGeneration()))
                      .length
                  : -1;
      for (int length = 0; length < bytes.length; length++) {
        if (length == unsignedLength) {
          continue;
        }
        byte[] truncated = Arrays.copyOf(bytes, length);
        assertThrows(
            MalformedMessageException.class,
            () -> codec.decode(truncated),
            message + " cut at " + length);
      }
    }
  }

  @Test
  void trailingBytesUnknownTypesAndBadFieldsAreRejected() {
    byte[] withTrailer = Arrays.copyOf(codec.encode(new KeptSubscription(0)), 2);
    assertThrows(MalformedMessageException.class, () -> codec.decode(withTrailer));
    assertThrows(MalformedMessageException.class, () -> codec.decode(new byte[] {(byte) 200}));
    assertThrows(MalformedMessageException.class, () -> codec.decode(new byte[] {0}));
    assertThrows(
        MalformedMessageException.class, () -> codec.decode(new byte[] {8, 4, 0, 0, 0, 0}));
    assertThrows(
        MalformedMessageException.class,
        () -> codec.decode(new byte[] {8, 1, (byte) 0xFF, 0, 0, 0}),
        "negative lease generation");
    assertThrows(
        MalformedMessageException.class,
        () -> codec.decode(new byte[Limits.MAX_MESSAGE_BYTES + 1]),
        "oversized input is refused before it is read");
  }

  @Test
  void randomAndMutatedInputOnlyEverFailsAsMalformed() {
    SplittableRandom random = new SplittableRandom(11);
    List<byte[]> valid = samples().stream().map(codec::encode).toList();
    int decoded = 0;
    for (int i = 0; i < 300_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(40)];
        random.nextBytes(input);
      } else {
        byte[] base = valid.get(random.nextInt(valid.size()));
        input = Arrays.copyOf(base, Math.max(0, base.length + random.nextInt(-2, 3)));
        if (input.length > 0) {
          input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      try {
        Message message = codec.decode(input);
        // Whatever decodes must re-encode to the same bytes: one canonical encoding.
        assertArrayEquals(input, codec.encode(message));
        decoded++;
      } catch (MalformedMessageException expected) {
        // dropped and counted by the runtime
      }
    }
    assertTrue(decoded > 1000, "some mutations are still valid messages: " + decoded);
  }
}
