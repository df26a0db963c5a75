package org.catdit.overlay.wire;

import org.catdit.ledger.Hash;

/** Wire formats of the blob-transfer messages: hash (32 bytes), chunk index (i32), and so on. */
final class BlobFormats {
  private BlobFormats() {}

  static void registerAll(MessageCodec codec) {
    codec.register(
        MessageType.BLOB_REQUEST,
        new MessageFormat<BlobRequest>() {
          @Override
          public void write(BlobRequest message, WireWriter out) {
            out.writeFixed(message.hash().bytes()).writeInt(message.chunkIndex());
          }

          @Override
          public BlobRequest read(WireReader in) throws MalformedMessageException {
            return new BlobRequest(readHash(in), in.readInt());
          }
        });
    codec.register(
        MessageType.BLOB_CHUNK,
        new MessageFormat<BlobChunk>() {
          @Override
          public void write(BlobChunk message, WireWriter out) {
            out.writeFixed(message.hash().bytes()).writeInt(message.chunkIndex());
            out.writeLong(message.blobBytes()).writeBytes(message.data());
          }

          @Override
          public BlobChunk read(WireReader in) throws MalformedMessageException {
            return new BlobChunk(
                readHash(in), in.readInt(), in.readLong(), in.readBytes(BlobLimits.CHUNK_BYTES));
          }
        });
    codec.register(
        MessageType.BLOB_NOT_HAVE,
        new MessageFormat<BlobNotHave>() {
          @Override
          public void write(BlobNotHave message, WireWriter out) {
            out.writeFixed(message.hash().bytes()).writeInt(message.chunkIndex());
          }

          @Override
          public BlobNotHave read(WireReader in) throws MalformedMessageException {
            return new BlobNotHave(readHash(in), in.readInt());
          }
        });
    codec.register(
        MessageType.BLOB_BUSY,
        new MessageFormat<BlobBusy>() {
          @Override
          public void write(BlobBusy message, WireWriter out) {
            out.writeFixed(message.hash().bytes()).writeInt(message.chunkIndex());
          }

          @Override
          public BlobBusy read(WireReader in) throws MalformedMessageException {
            return new BlobBusy(readHash(in), in.readInt());
          }
        });
    codec.register(
        MessageType.BLOB_HAVE,
        new MessageFormat<BlobHave>() {
          @Override
          public void write(BlobHave message, WireWriter out) {
            out.writeFixed(message.hash().bytes()).writeLong(message.blobBytes());
          }

          @Override
          public BlobHave read(WireReader in) throws MalformedMessageException {
            return new BlobHave(readHash(in), in.readLong());
          }
        });
  }

  private static Hash readHash(WireReader in) throws MalformedMessageException {
    return Hash.of(in.readFixed(Hash.BYTES));
  }
}
