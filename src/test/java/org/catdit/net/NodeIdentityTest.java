package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  @TempDir Path data;

  @Test
  void theFirstStartCreatesAKeyThatLaterStartsLoad() throws IOException {
    Ed25519Authenticator first = NodeIdentity.loadOrCreate(data.resolve("peer"));
    Ed25519Authenticator second = NodeIdentity.loadOrCreate(data.resolve("peer"));

    assertEquals(first.localPeer(), second.localPeer());
    assertArrayEquals(first.publicKey(), second.publicKey());
    byte[] message = {1, 2, 3};
    assertTrue(second.verify(first.publicKey(), message, second.sign(message)));
  }

  @Test
  void thePeerIdComesFromThePublicKey() throws IOException {
    Ed25519Authenticator identity = NodeIdentity.loadOrCreate(data);

    assertEquals(identity.peerIdOf(identity.publicKey()), identity.localPeer());
    assertNotEquals(
        identity.localPeer(), NodeIdentity.loadOrCreate(data.resolve("other")).localPeer());
  }

  @Test
  void onlyTheOwnerMayReadTheKeyFiles() throws IOException {
    NodeIdentity.loadOrCreate(data);
    if (data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      for (String name :
          new String[] {NodeIdentity.PRIVATE_KEY_FILE, NodeIdentity.PUBLIC_KEY_FILE}) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name))));
      }
    }
  }

  @Test
  void aDamagedKeyFileIsAClearError() throws IOException {
    NodeIdentity.loadOrCreate(data);
    Files.write(data.resolve(NodeIdentity.PRIVATE_KEY_FILE), new byte[] {1, 2, 3});

    IOException error = assertThrows(IOException.class, () -> NodeIdentity.loadOrCreate(data));
    assertTrue(error.getMessage().contains("not Ed25519"), error.getMessage());
  }
}
