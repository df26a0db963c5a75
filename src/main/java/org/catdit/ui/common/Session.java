package org.catdit.ui.common;

import org.catdit.feed.PeerHandle;

/**
 * What every screen gets once the peer is running: the peer, where to run work, the event bridge
 * and the shared picture cache.
 */
public record Session(PeerHandle peer, UiThreads threads, EventBridge bridge, ImageCache images) {}
