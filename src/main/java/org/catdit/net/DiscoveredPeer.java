package org.catdit.net;

import java.net.InetSocketAddress;
import org.catdit.overlay.core.PeerId;

/**
 * A peer heard on the LAN: its claimed id, where its node's UDP socket listens, and whether its
 * last beacon said it is a member of an overlay already.
 */
public record DiscoveredPeer(PeerId peer, InetSocketAddress address, boolean isMember) {}
