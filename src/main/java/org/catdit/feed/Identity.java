package org.catdit.feed;

/**
 * This peer as others see it.
 *
 * @param peerId the overlay id derived from the public key
 * @param publicKeyHex the Ed25519 public key, 64 hexadecimal digits (the author key of its posts)
 * @param displayName the name from its latest profile transition, or empty if it has none yet
 * @param invite the string another peer pastes to join through this one over the Internet
 * @param address the local UDP address, {@code host:port}
 */
public record Identity(
    String peerId, String publicKeyHex, String displayName, String invite, String address) {}
