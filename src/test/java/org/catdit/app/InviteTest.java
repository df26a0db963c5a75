package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.catdit.overlay.core.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteTest {
  private static final String ID = "4eefa7bc0c1d2e3f405162738495a6b7";

  @Test
  void parsesAnIpv4Invite() {
    Invite invite = Invite.parse(ID + "@192.0.2.7:4100");
    assertEquals(PeerId.parse(ID), invite.peer());
    assertEquals("192.0.2.7", invite.host());
    assertEquals(4100, invite.port());
    assertEquals(new InetSocketAddress("192.0.2.7", 4100), invite.address());
  }

  @Test
  void parsesBracketedIpv6UpperCaseIdsAndSurroundingSpace() {
    Invite invite = Invite.parse("  " + ID.toUpperCase() + "@[::1]:9  ");
    assertEquals(PeerId.parse(ID), invite.peer());
    assertEquals("::1", invite.host());
    assertEquals(9, invite.port());
    assertEquals(ID + "@[::1]:9", invite.toString());
  }

  @Test
  void aNameIsKeptForResolutionLater() {
    Invite invite = Invite.parse(ID + "@cats.example:4100");
    assertEquals("cats.example", invite.host());
  }

  @Test
  void theInviteANodePrintsParsesBack() {
    PeerId peer = PeerId.parse(ID);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4100);
    String printed = Invite.advertised(peer, address);
    Invite parsed = Invite.parse(printed);
    assertEquals(peer, parsed.peer());
    assertEquals(address, parsed.address());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        ID,
        "@127.0.0.1:4100",
        ID + "@",
        ID + "@127.0.0.1",
        ID + "@127.0.0.1:",
        ID + "@:4100",
        ID + "@127.0.0.1:0",
        ID + "@127.0.0.1:65536",
        ID + "@127.0.0.1:-1",
        ID + "@127.0.0.1:+80",
        ID + "@127.0.0.1:http",
        ID + "@::1:4100",
        ID + "@[::1:4100",
        ID + "@[]:4100",
        ID + "@a b:4100",
        ID + "@x@127.0.0.1:4100",
        "4eefa7bc@127.0.0.1:4100",
        "4eefa7bc0c1d2e3f405162738495a6b7ff@127.0.0.1:4100",
        "zzefa7bc0c1d2e3f405162738495a6b7@127.0.0.1:4100",
        "+4efa7bc0c1d2e3f405162738495a6b7@127.0.0.1:4100"
      })
  void malformedInvitesAreRefusedWithAOneLineReason(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Invite.parse(text));
    assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
  }
}
