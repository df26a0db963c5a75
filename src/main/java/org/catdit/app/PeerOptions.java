package org.catdit.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.catdit.net.Delivery;
import org.catdit.net.LanDiscovery;
import org.catdit.overlay.core.PeerId;

/**
 * How to start an {@link EmbeddedPeer}.
 *
 * @param dataDirectory where its key, database and pictures live (locked while it runs)
 * @param bind the UDP address
 * @param isStoredPortPreferred bind the port stored in the settings (the app), not {@code bind}'s
 * @param contact a peer to join through, or null
 * @param expectedContact the id the contact must prove (from an invite), or null
 * @param isDiscoveryOn null: the stored setting (on by default); otherwise this
 * @param networkName LAN discovery finds only peers of this network
 * @param log lines for a person (joins, discovery)
 * @param deliveries every broadcast this peer delivers (the admin API's log)
 */
public record PeerOptions(
    Path dataDirectory,
    InetSocketAddress bind,
    boolean isStoredPortPreferred,
    InetSocketAddress contact,
    PeerId expectedContact,
    Boolean isDiscoveryOn,
    String networkName,
    Consumer<String> log,
    Consumer<Delivery> deliveries) {

  /** Any free port (or the stored one), no contact, discovery as stored. */
  public static PeerOptions of(Path dataDirectory) {
    return new PeerOptions(
        dataDirectory,
        new InetSocketAddress(0),
        true,
        null,
        null,
        null,
        LanDiscovery.DEFAULT_NETWORK,
        line -> {},
        delivery -> {});
  }

  /** Binds {@code newBind} rather than the stored port. */
  public PeerOptions withBind(InetSocketAddress newBind) {
    return edit(
        draft -> {
          draft.bind = newBind;
          draft.isStoredPortPreferred = false;
        });
  }

  public PeerOptions withContact(InetSocketAddress newContact, PeerId expected) {
    return edit(
        draft -> {
          draft.contact = newContact;
          draft.expectedContact = expected;
        });
  }

  /**
   * Joins through the peer an invite ({@code PEERID@HOST:PORT}) names.
   *
   * @throws IllegalArgumentException with a message for the user if it is not an invite
   */
  public PeerOptions withInvite(String invite) {
    Invite parsed = Invite.parse(invite.strip());
    InetSocketAddress address = parsed.address();
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve host '" + parsed.host() + "'");
    }
    return withContact(address, parsed.peer());
  }

  public PeerOptions withDiscovery(boolean isOn) {
    return edit(draft -> draft.isDiscoveryOn = isOn);
  }

  public PeerOptions withNetwork(String name) {
    return edit(draft -> draft.networkName = name);
  }

  public PeerOptions withLog(Consumer<String> newLog) {
    return edit(draft -> draft.log = newLog);
  }

  public PeerOptions withDeliveries(Consumer<Delivery> newDeliveries) {
    return edit(draft -> draft.deliveries = newDeliveries);
  }

  /** A copy with {@code change} applied: one place that lists every field. */
  private PeerOptions edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return new PeerOptions(
        draft.dataDirectory,
        draft.bind,
        draft.isStoredPortPreferred,
        draft.contact,
        draft.expectedContact,
        draft.isDiscoveryOn,
        draft.networkName,
        draft.log,
        draft.deliveries);
  }

  private static final class Draft {
    Path dataDirectory;
    InetSocketAddress bind;
    boolean isStoredPortPreferred;
    InetSocketAddress contact;
    PeerId expectedContact;
    Boolean isDiscoveryOn;
    String networkName;
    Consumer<String> log;
    Consumer<Delivery> deliveries;

    Draft(PeerOptions options) {
      dataDirectory = options.dataDirectory;
      bind = options.bind;
      isStoredPortPreferred = options.isStoredPortPreferred;
      contact = options.contact;
      expectedContact = options.expectedContact;
      isDiscoveryOn = options.isDiscoveryOn;
      networkName = options.networkName;
      log = options.log;
      deliveries = options.deliveries;
    }
  }
}
