package org.catdit.overlay.membership;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.PeerAuthenticator;
import org.catdit.overlay.wire.JoinRecord;

/**
 * Signs this peer's {@link JoinRecord}s and checks other peers' (issue 5: "a join carries a record
 * signed by the joiner that any peer can verify"). The signature covers a domain tag, the
 * subscriber's id, the lease generation, the nonce and the address, so a record cannot be moved to
 * another peer's subscription or to another generation. The real network signs with Ed25519 ({@code
 * Ed25519Authenticator}); the simulator with the cheap, forgeable {@code SimAuthenticator}, which
 * exercises the same paths.
 *
 * <p>A peer sees the same record several times (a walk, forwarded copies), so records already
 * checked are remembered in a bounded table (by default {@value #VERIFIED_CAPACITY}, oldest out):
 * an Ed25519 verification costs milliseconds on JDK 17. The simulator, whose stand-in costs
 * nanoseconds, keeps no table (it would cost memory per peer for nothing).
 */
public final class JoinRecords {
  static final int VERIFIED_CAPACITY = 1024;
  private static final byte[] DOMAIN = "catdit join v1".getBytes(StandardCharsets.US_ASCII);

  private final PeerAuthenticator authenticator;
  private final byte[] ownAddress;
  private final int verifiedCapacity;
  private final Map<JoinRecord, Checked> verified = new LinkedHashMap<>();
  private JoinRecord ownRecord;
  private int ownRecordGeneration;
  private long recordsSigned;

  /**
   * @param ownAddress where this peer says it can be reached (IP address then port, as the runtime
   *     encodes it), or empty
   */
  public JoinRecords(PeerAuthenticator authenticator, byte[] ownAddress) {
    this(authenticator, ownAddress, VERIFIED_CAPACITY);
  }

  /** As above, remembering at most {@code verifiedCapacity} checked records (0: none). */
  public JoinRecords(PeerAuthenticator authenticator, byte[] ownAddress, int verifiedCapacity) {
    if (ownAddress.length > JoinRecord.MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException("address too long: " + ownAddress.length);
    }
    if (verifiedCapacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    this.verifiedCapacity = verifiedCapacity;
    this.authenticator = authenticator;
    this.ownAddress = ownAddress.clone();
  }

  /**
   * This peer's record for lease {@code generation}: signed once per generation. The nonce counts
   * the records this instance signed (no random draw, so a simulation's random sequence and results
   * do not change when joins are signed).
   */
  JoinRecord own(int generation) {
    if (ownRecord == null || ownRecordGeneration != generation) {
      PeerId self = authenticator.localPeer();
      long nonce = ++recordsSigned;
      ownRecord =
          new JoinRecord(
              authenticator.publicKey(),
              ownAddress,
              nonce,
              authenticator.sign(signed(self, generation, nonce, ownAddress)));
      ownRecordGeneration = generation;
    }
    return ownRecord;
  }

  /**
   * Whether {@code record} is {@code subscriber}'s, for lease {@code generation}: its key hashes to
   * the subscriber's id and the signature holds. A missing record is not valid.
   */
  boolean isValid(PeerId subscriber, int generation, JoinRecord record) {
    if (record == null) {
      return false;
    }
    Checked known = verified.get(record);
    if (known != null) {
      return known.equals(new Checked(subscriber, generation));
    }
    byte[] key = record.publicKey();
    if (!subscriber.equals(authenticator.peerIdOf(key))
        || !authenticator.verify(
            key,
            signed(subscriber, generation, record.nonce(), record.address()),
            record.signature())) {
      return false;
    }
    if (verifiedCapacity == 0) {
      return true;
    }
    if (verified.size() >= verifiedCapacity) {
      Iterator<JoinRecord> eldest = verified.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    verified.put(record, new Checked(subscriber, generation));
    return true;
  }

  /** What a remembered record was found valid for. */
  private record Checked(PeerId subscriber, int generation) {}

  int verifiedCount() {
    return verified.size();
  }

  private static byte[] signed(PeerId subscriber, int generation, long nonce, byte[] address) {
    return ByteBuffer.allocate(DOMAIN.length + PeerId.BYTES + 4 + 8 + 1 + address.length)
        .put(DOMAIN)
        .put(subscriber.toBytes())
        .putInt(generation)
        .putLong(nonce)
        .put((byte) address.length)
        .put(address)
        .array();
  }
}
