package org.catdit.overlay.node;

import java.util.Objects;
import org.catdit.overlay.membership.ScampConfig;

/** Configuration of every protocol one peer runs. */
public record NodeConfig(ScampConfig membership) {
  public NodeConfig {
    Objects.requireNonNull(membership);
  }

  public static NodeConfig defaults() {
    return new NodeConfig(ScampConfig.defaults());
  }
}
