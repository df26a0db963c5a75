package org.catdit.app;

import java.util.Optional;
import java.util.function.Function;
import org.catdit.feed.PeerHandle;

/**
 * Where {@code catdit ascii} gets the running peer it shows: a factory that starts an embedded node
 * with its ledger and store from {@link AsciiCommand.PeerOptions}. The embedded peer is built
 * elsewhere; until a factory is installed here, the interactive mode says so and exits ({@code
 * ascii --print} needs no peer).
 */
public final class EmbeddedPeers {
  private static volatile Function<AsciiCommand.PeerOptions, PeerHandle> factory;

  private EmbeddedPeers() {}

  /** Installs the factory that starts an embedded peer (replacing any earlier one). */
  public static void install(Function<AsciiCommand.PeerOptions, PeerHandle> peerFactory) {
    factory = peerFactory;
  }

  public static Optional<Function<AsciiCommand.PeerOptions, PeerHandle>> installed() {
    return Optional.ofNullable(factory);
  }

  /** Starts the embedded peer, or fails with a message for the user if none is available. */
  static PeerHandle open(AsciiCommand.PeerOptions options) {
    Function<AsciiCommand.PeerOptions, PeerHandle> current = factory;
    if (current == null) {
      throw new IllegalStateException(
          "the interactive catascii needs the embedded peer (node, ledger and store), which this"
              + " build does not include yet; 'catdit ascii --print FILE' works without it");
    }
    return current.apply(options);
  }
}
