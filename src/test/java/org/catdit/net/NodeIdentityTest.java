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
import org.catdit.overlay.core.PeerId;
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

  @Test
  void aBackupRestoredElsewhereBringsTheSameIdentityAtTheNextStart(@TempDir Path temp)
      throws IOException {
    Path original = temp.resolve("original");
    Path other = temp.resolve("other");
    PeerId originalId = NodeIdentity.loadOrCreate(original).localPeer();
    PeerId otherId = NodeIdentity.loadOrCreate(other).localPeer();
    Path backup = temp.resolve("catdit-key.backup");
    NodeIdentity.exportBackup(original, backup);
    assertThrows(IOException.class, () -> NodeIdentity.exportBackup(original, backup));

    NodeIdentity.stageRestore(other, backup);
    assertEquals(originalId, NodeIdentity.loadOrCreate(other).localPeer());
    assertEquals(originalId, NodeIdentity.loadOrCreate(other).localPeer());
    assertNotEquals(originalId, otherId);
  }

  @Test
  void aFileThatIsNoBackupIsRefusedAndChangesNothing(@TempDir Path temp) throws IOException {
    Path directory = temp.resolve("node");
    PeerId id = NodeIdentity.loadOrCreate(directory).localPeer();
    Path notABackup = temp.resolve("cat.jpg");
    Files.write(notABackup, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    IOException refused =
        assertThrows(IOException.class, () -> NodeIdentity.stageRestore(directory, notABackup));
    assertTrue(refused.getMessage().contains("not a catdit key backup"));
    assertEquals(id, NodeIdentity.loadOrCreate(directory).localPeer());
  }
}
