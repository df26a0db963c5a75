package org.catdit.testing;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.catdit.feed.Identity;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PeerSettings;

/**
 * For test doubles of {@link PeerHandle} whose tests never reach identity, settings or joining:
 * those calls fail, loudly, so a test that starts to need them cannot pass by accident.
 */
public abstract class SettingsFreePeerHandle implements PeerHandle {

  private static <T> CompletableFuture<T> notInThisTest(String what) {
    return CompletableFuture.failedFuture(
        new AssertionError(what + " is not part of this test's double"));
  }

  @Override
  public CompletableFuture<Void> checkPicture(byte[] picture) {
    return notInThisTest("checkPicture");
  }

  @Override
  public CompletableFuture<Void> join(String invite) {
    return notInThisTest("join");
  }

  @Override
  public CompletableFuture<PeerSettings> settings() {
    return notInThisTest("settings");
  }

  @Override
  public CompletableFuture<Void> applySettings(PeerSettings settings) {
    return notInThisTest("applySettings");
  }

  @Override
  public CompletableFuture<Void> backupKey(Path file) {
    return notInThisTest("backupKey");
  }

  @Override
  public CompletableFuture<Identity> restoreKey(Path file) {
    return notInThisTest("restoreKey");
  }
}
