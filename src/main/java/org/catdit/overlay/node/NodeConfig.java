package org.catdit.overlay.node;

import java.util.Objects;
import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.membership.ScampConfig;

/** Configuration of every protocol one peer runs. */
public record NodeConfig(ScampConfig membership, BroadcastConfig broadcast) {
  public NodeConfig {
    Objects.requireNonNull(membership);
    Objects.requireNonNull(broadcast);
  }

  /** Membership as given, the broadcast tree with its defaults. */
  public NodeConfig(ScampConfig membership) {
    this(membership, BroadcastConfig.defaults());
  }

  public static NodeConfig defaults() {
    return new NodeConfig(ScampConfig.defaults(), BroadcastConfig.defaults());
  }

  public NodeConfig withBroadcast(BroadcastConfig newBroadcast) {
    return new NodeConfig(membership, newBroadcast);
  }
}
