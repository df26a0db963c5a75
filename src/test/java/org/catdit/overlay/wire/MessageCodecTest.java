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

  static List<Message> samples() {
    return List.of(
        new Subscription(peer(1), 8, 0, 0, 0, false),
        new Subscription(peer(2), 0, 65535, Integer.MAX_VALUE, 65535, true),
        new ForwardedSubscription(peer(3), 255, 7),
        new KeptSubscription(),
        new JoinAccepted(12),
        new ReplaceSubscription(peer(4)),
        new RemoveSubscription(),
        new DroppedSubscription(),
        new Heartbeat(true, false, 0),
        new Heartbeat(false, true, 5));
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
      for (int length = 0; length < bytes.length; length++) {
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
    byte[] withTrailer = Arrays.copyOf(codec.encode(new KeptSubscription()), 2);
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
