package org.catdit.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.feed.PeerHandle;

/**
 * Starts the embedded peer a front end shows (catascii, the desktop app) from command-line options:
 * the per-user data directory unless {@code --data} names another, and a contact or invite if one
 * was given. Failures become exceptions whose message is written for the user.
 */
final class EmbeddedPeers {
  private EmbeddedPeers() {}

  static PeerHandle open(AsciiCommand.PeerOptions options) {
    Path data =
        options.dataDirectory() != null
            ? options.dataDirectory()
            : DataDirectories.forCurrentUser();
    return open(data, options.contact(), options.invite());
  }

  /**
   * @param contact {@code HOST:PORT} or null
   * @param invite {@code PEERID@HOST:PORT} or null
   */
  static EmbeddedPeer open(Path dataDirectory, String contact, String invite) {
    try {
      return openChecked(dataDirectory, contact, invite);
    } catch (DataDirectoryInUseException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not start the peer on " + dataDirectory + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the peer", e);
    }
  }

  /** As {@link #open(Path, String, String)}, with the failures as they are (the desktop app). */
  static EmbeddedPeer openChecked(Path dataDirectory, String contact, String invite)
      throws DataDirectoryInUseException, IOException, InterruptedException {
    PeerOptions options = PeerOptions.of(dataDirectory);
    try {
      if (invite != null) {
        options = options.withInvite(invite);
      } else if (contact != null) {
        options = options.withContact(hostPort(contact), null);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + (invite != null ? invite : contact) + "': " + e.getMessage(), e);
    }
    return EmbeddedPeer.open(options);
  }

  /** Parses {@code HOST:PORT} ({@code [v6]:PORT} too). */
  static InetSocketAddress hostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a contact is HOST:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a contact is HOST:PORT");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the port must be 1..65535");
    }
    InetSocketAddress address =
        new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""), port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve host '" + address.getHostString() + "'");
    }
    return address;
  }
}
