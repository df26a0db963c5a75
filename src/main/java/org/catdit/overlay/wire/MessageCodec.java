package org.catdit.overlay.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The binary codec: one type byte, then the body written by that type's {@link MessageFormat}.
 * Decoding checks every length against a limit, rejects unknown types and trailing bytes, and never
 * throws anything but {@link MalformedMessageException} for bad input.
 */
public final class MessageCodec {
  private final MessageFormat<?>[] formats = new MessageFormat<?>[256];

  private MessageCodec() {}

  /** A codec that knows every message type of catdit. */
  public static MessageCodec standard() {
    MessageCodec codec = new MessageCodec();
    MembershipFormats.registerAll(codec);
    BroadcastFormats.registerAll(codec);
    LedgerFormats.registerAll(codec);
    BlobFormats.registerAll(codec);
    return codec;
  }

  /** Registers the format of one type; each type once. */
  public <M extends Message> void register(MessageType type, MessageFormat<M> format) {
    if (formats[type.code()] != null) {
      throw new IllegalStateException("format already registered for " + type);
    }
    formats[type.code()] = Objects.requireNonNull(format);
  }

  /** The types this codec can encode and decode. */
  public List<MessageType> registeredTypes() {
    List<MessageType> types = new ArrayList<>();
    for (MessageType type : MessageType.values()) {
      if (formats[type.code()] != null) {
        types.add(type);
      }
    }
    return types;
  }

  /** Appends the encoding of {@code message} to {@code out}. */
  @SuppressWarnings("unchecked")
  public void encode(Message message, ByteBuffer out) {
    MessageFormat<Message> format = (MessageFormat<Message>) formats[message.type().code()];
    if (format == null) {
      throw new IllegalArgumentException("no format registered for " + message.type());
    }
    WireWriter writer = new WireWriter(out);
    writer.writeByte(message.type().code());
    format.write(message, writer);
  }

  /** The encoding as a fresh array. */
  public byte[] encode(Message message) {
    ByteBuffer buffer = ByteBuffer.allocate(Limits.MAX_MESSAGE_BYTES);
    encode(message, buffer);
    buffer.flip();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  /** Decodes exactly one message occupying all remaining bytes of {@code in}. */
  public Message decode(ByteBuffer in) throws MalformedMessageException {
    if (in.remaining() > Limits.MAX_MESSAGE_BYTES) {
      throw new MalformedMessageException(
          "message of " + in.remaining() + " bytes exceeds " + Limits.MAX_MESSAGE_BYTES);
    }
    WireReader reader = new WireReader(in);
    int code = reader.readUnsignedByte();
    MessageFormat<?> format = formats[code];
    if (format == null) {
      throw new MalformedMessageException("unknown message type " + code);
    }
    Message message;
    try {
      message = format.read(reader);
    } catch (IllegalArgumentException invalidField) {
      // Record constructors validate their fields; an out-of-range value is bad input.
      throw new MalformedMessageException("invalid field: " + invalidField.getMessage());
    }
    if (reader.remaining() != 0) {
      throw new MalformedMessageException(reader.remaining() + " trailing bytes");
    }
    return message;
  }

  public Message decode(byte[] bytes) throws MalformedMessageException {
    return decode(ByteBuffer.wrap(bytes));
  }
}
