package org.catdit.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.ledger.Hash;
import org.junit.jupiter.api.Test;

class BlobFormatsTest {
  static final MessageCodec CODEC = MessageCodec.standard();
  static final Hash HASH = Hash.sha256(new byte[] {1, 2, 3});

  @Test
  void everyBlobMessageRoundTrips() throws MalformedMessageException {
    byte[] data = new byte[BlobLimits.CHUNK_BYTES];
    new SplittableRandom(1).nextBytes(data);
    long blobBytes = 3L * BlobLimits.CHUNK_BYTES + 17;
    List<Message> samples =
        List.of(
            new BlobRequest(HASH, 0),
            new BlobRequest(HASH, BlobLimits.MAX_CHUNKS - 1),
            new BlobChunk(HASH, 1, blobBytes, data),
            new BlobChunk(HASH, 3, blobBytes, Arrays.copyOf(data, 17)),
            new BlobNotHave(HASH, 5),
            new BlobBusy(HASH, 6),
            new BlobHave(HASH, blobBytes));
    for (Message message : samples) {
      byte[] bytes = CODEC.encode(message);
      assertEquals(message.type().code(), bytes[0] & 0xFF);
      Message decoded = CODEC.decode(bytes);
      if (message instanceof BlobChunk chunk) {
        BlobChunk back = (BlobChunk) decoded;
        assertEquals(chunk.hash(), back.hash());
        assertEquals(chunk.chunkIndex(), back.chunkIndex());
        assertEquals(chunk.blobBytes(), back.blobBytes());
        assertArrayEquals(chunk.data(), back.data());
      } else {
        assertEquals(message, decoded);
      }
    }
    for (MessageType type : MessageType.values()) {
      if (type.code() >= 64 && type.code() < 80) {
        assertTrue(CODEC.registeredTypes().contains(type), type + " has no format");
      }
    }
  }

  @Test
  void aFullChunkFitsOneCodecMessage() {
    byte[] data = new byte[BlobLimits.CHUNK_BYTES];
    byte[] bytes = CODEC.encode(new BlobChunk(HASH, 0, BlobLimits.MAX_BLOB_BYTES, data));
    assertTrue(bytes.length <= Limits.MAX_MESSAGE_BYTES);
    assertEquals(1 + 32 + 4 + 8 + 2 + BlobLimits.CHUNK_BYTES, bytes.length);
  }

  @Test
  void chunksOfTheWrongShapeAreRejected() {
    long blobBytes = 2L * BlobLimits.CHUNK_BYTES + 10;
    // The last chunk must have exactly 10 bytes; a middle one exactly CHUNK_BYTES.
    assertThrows(IllegalArgumentException.class, () -> chunk(2, blobBytes, 11));
    assertThrows(IllegalArgumentException.class, () -> chunk(1, blobBytes, 10));
    assertThrows(IllegalArgumentException.class, () -> chunk(3, blobBytes, 10));
    assertThrows(IllegalArgumentException.class, () -> chunk(0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> chunk(0, BlobLimits.MAX_BLOB_BYTES + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlobRequest(HASH, -1));
    assertThrows(
        IllegalArgumentException.class, () -> new BlobRequest(HASH, BlobLimits.MAX_CHUNKS));
    assertThrows(IllegalArgumentException.class, () -> new BlobHave(HASH, 0));
  }

  static BlobChunk chunk(int index, long blobBytes, int length) {
    return new BlobChunk(HASH, index, blobBytes, new byte[length]);
  }

  @Test
  void badInputDecodesToMalformedNeverAnotherException() {
    byte[] good =
        CODEC.encode(new BlobChunk(HASH, 2, 2L * BlobLimits.CHUNK_BYTES + 10, new byte[10]));
    // Claim a middle chunk: the length no longer fits the index.
    byte[] wrongIndex = good.clone();
    ByteBuffer.wrap(wrongIndex).putInt(1 + 32, 1);
    assertThrows(MalformedMessageException.class, () -> CODEC.decode(wrongIndex));
    // Negative blob size.
    byte[] negativeSize = good.clone();
    ByteBuffer.wrap(negativeSize).putLong(1 + 32 + 4, -5);
    assertThrows(MalformedMessageException.class, () -> CODEC.decode(negativeSize));
    // Every truncation.
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(MalformedMessageException.class, () -> CODEC.decode(truncated));
    }
    // A data field longer than a chunk.
    ByteBuffer oversized = ByteBuffer.allocate(1 + 32 + 4 + 8 + 2 + BlobLimits.CHUNK_BYTES + 1);
    oversized.put((byte) MessageType.BLOB_CHUNK.code()).put(HASH.bytes()).putInt(0);
    oversized.putLong(BlobLimits.MAX_BLOB_BYTES).putShort((short) (BlobLimits.CHUNK_BYTES + 1));
    assertThrows(MalformedMessageException.class, () -> CODEC.decode(oversized.array()));
    // Random bytes after each blob type code.
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      byte[] noise = new byte[random.nextInt(80)];
      random.nextBytes(noise);
      if (noise.length > 0) {
        noise[0] = (byte) (64 + random.nextInt(5));
      }
      try {
        CODEC.decode(noise);
      } catch (MalformedMessageException expected) {
        // the only exception allowed
      }
    }
  }

  @Test
  void chunkArithmetic() {
    assertEquals(1, BlobLimits.chunkCount(1));
    assertEquals(1, BlobLimits.chunkCount(BlobLimits.CHUNK_BYTES));
    assertEquals(2, BlobLimits.chunkCount(BlobLimits.CHUNK_BYTES + 1));
    assertEquals(1, BlobLimits.chunkLength(BlobLimits.CHUNK_BYTES + 1, 1));
    assertEquals(BlobLimits.MAX_CHUNKS, BlobLimits.chunkCount(BlobLimits.MAX_BLOB_BYTES));
  }
}
