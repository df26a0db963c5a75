/**
 * The link layer: reliable, congestion-controlled, authenticated sessions between peers over UDP
 * datagrams, as a sans-I/O state machine.
 *
 * <p>Start at {@link org.catdit.overlay.link.LinkEndpoint} (one per socket) and {@link
 * org.catdit.overlay.link.LinkIo} (what a runtime implements). The design, the wire format and the
 * measured figures are in {@code docs/transport.md}.
 */
package org.catdit.overlay.link;
