package org.catdit.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One signed change to the shared database: who (author key and per-author sequence number), which
 * earlier transitions it approves (its parents), when (informational), and what (the payload).
 * Immutable; every instance is canonical, so {@link #encoded()} round-trips byte-for-byte through
 * {@link #decode(byte[])}.
 *
 * <p>Layout (big-endian), see docs/ledger.md: version u8, kind u8, author 32, sequence u64,
 * timestamp i64, parent count u8, parents 32 each ascending, payload length u16, payload, then a
 * 64-byte Ed25519 signature over {@code "catdit-transition-v1\0" || body}. The id is SHA-256 of the
 * body (everything before the signature), so it names the content, not one signature.
 *
 * <p>Structural rules checked here, on the bytes alone: sequence at least 1; parents strictly
 * ascending (so unique and in one order); zero parents only when sequence is 1 (an author's first
 * transition may start a network, every later one approves at least its own predecessor).
 */
public final class Transition {
  /** Prefix of every signed message: a signature over a transition means nothing elsewhere. */
  static final byte[] SIGNING_DOMAIN = "catdit-transition-v1\0".getBytes(StandardCharsets.US_ASCII);

  private static final int FIXED_HEADER_BYTES = 1 + 1 + AuthorKey.BYTES + 8 + 8 + 1;

  private final AuthorKey author;
  private final long sequence;
  private final long timestampMillis;
  private final List<Hash> parents;
  private final Payload payload;
  private final byte[] body;
  private final byte[] signature;
  private final Hash id;

  private Transition(
      AuthorKey author,
      long sequence,
      long timestampMillis,
      List<Hash> parents,
      Payload payload,
      byte[] body,
      byte[] signature) {
    this.author = author;
    this.sequence = sequence;
    this.timestampMillis = timestampMillis;
    this.parents = parents;
    this.payload = payload;
    this.body = body;
    this.signature = signature;
    this.id = Hash.sha256(body);
  }

  /**
   * Builds and signs a transition. {@code parents} may come in any order; they are sorted.
   *
   * @throws IllegalArgumentException if a field breaks a structural rule or a limit
   */
  public static Transition create(
      Signer signer, long sequence, long timestampMillis, List<Hash> parents, Payload payload) {
    AuthorKey author = signer.publicKey();
    List<Hash> sorted = new ArrayList<>(parents);
    sorted.sort(null);
    checkStructure(sequence, timestampMillis, sorted);
    byte[] payloadBytes = PayloadCodec.encode(Objects.requireNonNull(payload));
    if (payloadBytes.length > TransitionLimits.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload of " + payloadBytes.length + " bytes");
    }
    byte[] body =
        encodeBody(author, sequence, timestampMillis, sorted, payload.kind(), payloadBytes);
    byte[] signature = signer.sign(signedMessage(body));
    if (signature.length != TransitionLimits.SIGNATURE_BYTES) {
      throw new IllegalStateException("signer made a " + signature.length + "-byte signature");
    }
    return new Transition(
        author, sequence, timestampMillis, List.copyOf(sorted), payload, body, signature);
  }

  /**
   * Parses one transition occupying all of {@code bytes}. Strict: unknown versions and kinds,
   * unsorted or duplicate parents, out-of-range fields, non-canonical text and trailing bytes are
   * all rejected. The signature is NOT checked here (see {@link Verifier} and {@link Ledger}).
   */
  public static Transition decode(byte[] bytes) throws MalformedTransitionException {
    if (bytes.length > TransitionLimits.MAX_TRANSITION_BYTES) {
      throw new MalformedTransitionException(
          "transition of "
              + bytes.length
              + " bytes exceeds "
              + TransitionLimits.MAX_TRANSITION_BYTES);
    }
    ByteReader in = new ByteReader(bytes);
    int version = in.u8();
    if (version != TransitionLimits.VERSION) {
      throw new MalformedTransitionException("unknown version " + version);
    }
    int kindCode = in.u8();
    TransitionKind kind = TransitionKind.byCode(kindCode);
    if (kind == null) {
      throw new MalformedTransitionException("unknown kind " + kindCode);
    }
    AuthorKey author = AuthorKey.of(in.fixed(AuthorKey.BYTES));
    long sequence = in.i64();
    long timestamp = in.i64();
    int parentCount = in.u8();
    if (parentCount > TransitionLimits.MAX_PARENTS) {
      throw new MalformedTransitionException(parentCount + " parents, at most 8");
    }
    List<Hash> parents = new ArrayList<>(parentCount);
    for (int i = 0; i < parentCount; i++) {
      parents.add(in.hash());
    }
    try {
      checkStructure(sequence, timestamp, parents);
    } catch (IllegalArgumentException e) {
      throw new MalformedTransitionException(e.getMessage());
    }
    int payloadLength = in.u16();
    if (payloadLength > TransitionLimits.MAX_PAYLOAD_BYTES) {
      throw new MalformedTransitionException("payload of " + payloadLength + " bytes");
    }
    Payload payload = PayloadCodec.decode(kind, in.fixed(payloadLength));
    int bodyLength = in.position();
    byte[] signature = in.fixed(TransitionLimits.SIGNATURE_BYTES);
    if (in.remaining() != 0) {
      throw new MalformedTransitionException(in.remaining() + " trailing bytes");
    }
    byte[] body = Arrays.copyOf(bytes, bodyLength);
    // Canonical form: re-encoding what we read must give the same bytes (catches text that
    // decodes but is not what the encoder writes, such as a non-NFC caption; the payload records
    // already refuse those, this is the belt to those braces).
    byte[] again =
        encodeBody(author, sequence, timestamp, parents, kind, PayloadCodec.encode(payload));
    if (!Arrays.equals(again, body)) {
      throw new MalformedTransitionException("non-canonical encoding");
    }
    return new Transition(
        author, sequence, timestamp, List.copyOf(parents), payload, body, signature);
  }

  private static void checkStructure(
      long sequence, long timestampMillis, List<Hash> sortedParents) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    if (timestampMillis < 0) {
      throw new IllegalArgumentException("negative timestamp " + timestampMillis);
    }
    if (sortedParents.size() > TransitionLimits.MAX_PARENTS) {
      throw new IllegalArgumentException(sortedParents.size() + " parents, at most 8");
    }
    if (sortedParents.isEmpty() && sequence != 1) {
      throw new IllegalArgumentException("only an author's first transition may have no parents");
    }
    for (int i = 1; i < sortedParents.size(); i++) {
      if (sortedParents.get(i - 1).compareTo(sortedParents.get(i)) >= 0) {
        throw new IllegalArgumentException("parents must be strictly ascending (sorted, unique)");
      }
    }
  }

  private static byte[] encodeBody(
      AuthorKey author,
      long sequence,
      long timestampMillis,
      List<Hash> parents,
      TransitionKind kind,
      byte[] payloadBytes) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(
            FIXED_HEADER_BYTES + parents.size() * 32 + 2 + payloadBytes.length);
    out.write(TransitionLimits.VERSION);
    out.write(kind.code());
    out.writeBytes(author.rawBytes());
    PayloadCodec.writeI64(out, sequence);
    PayloadCodec.writeI64(out, timestampMillis);
    out.write(parents.size());
    for (Hash parent : parents) {
      out.writeBytes(parent.bytes());
    }
    PayloadCodec.writeU16(out, payloadBytes.length);
    out.writeBytes(payloadBytes);
    return out.toByteArray();
  }

  static byte[] signedMessage(byte[] body) {
    byte[] message = new byte[SIGNING_DOMAIN.length + body.length];
    System.arraycopy(SIGNING_DOMAIN, 0, message, 0, SIGNING_DOMAIN.length);
    System.arraycopy(body, 0, message, SIGNING_DOMAIN.length, body.length);
    return message;
  }

  /** The bytes the signature covers: the domain prefix and the body. */
  public byte[] signedMessage() {
    return signedMessage(body);
  }

  /** The canonical encoding: body then signature. */
  public byte[] encoded() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public int encodedLength() {
    return body.length + signature.length;
  }

  /** SHA-256 of the unsigned body. */
  public Hash id() {
    return id;
  }

  public TransitionKind kind() {
    return payload.kind();
  }

  public AuthorKey author() {
    return author;
  }

  public long sequence() {
    return sequence;
  }

  /** As the author's clock said; informational only, never used by a rule. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** Strictly ascending. */
  public List<Hash> parents() {
    return parents;
  }

  public Payload payload() {
    return payload;
  }

  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transition that
        && id.equals(that.id)
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return kind() + " " + id.shortHex() + " by " + author.hex().substring(0, 8) + "#" + sequence;
  }
}
