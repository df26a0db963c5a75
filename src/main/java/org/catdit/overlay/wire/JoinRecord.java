package org.catdit.overlay.wire;

import java.util.Arrays;

/**
 * The joiner's signed record, carried with its SCAMP subscription (issue 5: "signed join packets"):
 * its public key (whose hash is its {@code PeerId}), where it says it can be reached (opaque bytes
 * the runtime chose, IP address then port, or none), a random nonce, and a signature by that key
 * over the subscriber's id, the lease generation, the nonce and the address. Any peer can check it
 * without asking anyone, so a peer cannot subscribe somebody else into the overlay. The checking is
 * {@code org.catdit.overlay.membership.JoinRecords}. As with {@link Gossip}'s payload, the arrays
 * are not copied (a record is checked at every hop of every copy): nobody may modify them.
 */
public record JoinRecord(byte[] publicKey, byte[] address, long nonce, byte[] signature) {
  public static final int MAX_PUBLIC_KEY_BYTES = 64;
  public static final int MAX_ADDRESS_BYTES = 18;
  public static final int MAX_SIGNATURE_BYTES = 128;

  public JoinRecord {
    check(publicKey, MAX_PUBLIC_KEY_BYTES, "public key");
    check(address, MAX_ADDRESS_BYTES, "address");
    check(signature, MAX_SIGNATURE_BYTES, "signature");
  }

  private static void check(byte[] bytes, int maxBytes, String what) {
    if (bytes.length > maxBytes) {
      throw new IllegalArgumentException(
          what + " of " + bytes.length + " bytes exceeds " + maxBytes);
    }
  }

  void write(WireWriter out) {
    out.writeBytes(publicKey).writeBytes(address).writeLong(nonce).writeBytes(signature);
  }

  static JoinRecord read(WireReader in) throws MalformedMessageException {
    return new JoinRecord(
        in.readBytes(MAX_PUBLIC_KEY_BYTES),
        in.readBytes(MAX_ADDRESS_BYTES),
        in.readLong(),
        in.readBytes(MAX_SIGNATURE_BYTES));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JoinRecord that
        && Arrays.equals(publicKey, that.publicKey)
        && Arrays.equals(address, that.address)
        && nonce == that.nonce
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(publicKey) + Arrays.hashCode(signature))
        + Long.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "JoinRecord[key "
        + publicKey.length
        + " B, address "
        + address.length
        + " B, nonce "
        + nonce
        + "]";
  }
}
