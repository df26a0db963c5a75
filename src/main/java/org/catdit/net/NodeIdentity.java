package org.catdit.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.catdit.overlay.link.Ed25519Authenticator;

/**
 * A peer's Ed25519 key pair in its data directory: created on first start, loaded afterwards. The
 * files hold the standard encodings (PKCS#8 private, X.509 public); on POSIX file systems only the
 * owner may read them.
 */
public final class NodeIdentity {
  static final String PRIVATE_KEY_FILE = "identity.key";
  static final String PUBLIC_KEY_FILE = "identity.pub";
  static final String RESTORE_FILE = "identity.restore";
  static final String BACKUP_HEADER = "catdit identity backup v1";
  static final int MAX_BACKUP_BYTES = 4096;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private NodeIdentity() {}

  /** Loads the key pair in {@code dataDirectory}, creating it (and the directory) if absent. */
  public static Ed25519Authenticator loadOrCreate(Path dataDirectory) throws IOException {
    return new Ed25519Authenticator(loadOrCreateKeyPair(dataDirectory));
  }

  /**
   * The key pair in {@code dataDirectory}, created if absent. A key staged by {@link #stageRestore}
   * replaces the old one first: restoring takes effect at a start, never while a node signs with
   * the old key.
   */
  public static KeyPair loadOrCreateKeyPair(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    Path privatePath = dataDirectory.resolve(PRIVATE_KEY_FILE);
    Path publicPath = dataDirectory.resolve(PUBLIC_KEY_FILE);
    Path restore = dataDirectory.resolve(RESTORE_FILE);
    if (Files.exists(restore)) {
      KeyPair staged = readBackup(restore);
      Files.deleteIfExists(privatePath);
      Files.deleteIfExists(publicPath);
      writeOwnerOnly(privatePath, staged.getPrivate().getEncoded());
      writeOwnerOnly(publicPath, staged.getPublic().getEncoded());
      Files.delete(restore);
    }
    if (!Files.exists(privatePath)) {
      create(privatePath, publicPath);
    }
    return load(privatePath, publicPath);
  }

  /**
   * Writes the key pair of {@code dataDirectory} to {@code backup}, owner-only; fails if {@code
   * backup} exists (a backup never overwrites anything).
   */
  public static void exportBackup(Path dataDirectory, Path backup) throws IOException {
    KeyPair pair =
        load(dataDirectory.resolve(PRIVATE_KEY_FILE), dataDirectory.resolve(PUBLIC_KEY_FILE));
    writeOwnerOnly(backup, backupText(pair).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Checks the backup in {@code backup} and stages it to replace the key of {@code dataDirectory}
   * at the next start.
   *
   * @return the staged key pair
   * @throws IOException with a message for the user if the file is not a catdit key backup
   */
  public static KeyPair stageRestore(Path dataDirectory, Path backup) throws IOException {
    KeyPair pair = readBackup(backup);
    Path restore = dataDirectory.resolve(RESTORE_FILE);
    Files.deleteIfExists(restore);
    writeOwnerOnly(restore, backupText(pair).getBytes(StandardCharsets.US_ASCII));
    return pair;
  }

  private static String backupText(KeyPair pair) {
    Base64.Encoder base64 = Base64.getEncoder();
    return BACKUP_HEADER
        + "\nprivate "
        + base64.encodeToString(pair.getPrivate().getEncoded())
        + "\npublic "
        + base64.encodeToString(pair.getPublic().getEncoded())
        + "\n";
  }

  private static KeyPair readBackup(Path backup) throws IOException {
    if (!Files.isRegularFile(backup) || Files.size(backup) > MAX_BACKUP_BYTES) {
      throw new IOException(backup.getFileName() + " is not a catdit key backup");
    }
    // Decoded leniently: a binary file must reach the clear message below, not a charset error.
    List<String> lines =
        List.of(new String(Files.readAllBytes(backup), StandardCharsets.US_ASCII).split("\n"));
    if (lines.size() < 3
        || !lines.get(0).equals(BACKUP_HEADER)
        || !lines.get(1).startsWith("private ")
        || !lines.get(2).startsWith("public ")) {
      throw new IOException(backup.getFileName() + " is not a catdit key backup");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      Base64.Decoder base64 = Base64.getDecoder();
      PrivateKey privateKey =
          factory.generatePrivate(
              new PKCS8EncodedKeySpec(base64.decode(lines.get(1).substring(8).trim())));
      PublicKey publicKey =
          factory.generatePublic(
              new X509EncodedKeySpec(base64.decode(lines.get(2).substring(7).trim())));
      KeyPair pair = new KeyPair(publicKey, privateKey);
      // The two halves must belong together: sign with one, verify with the other.
      Ed25519Authenticator check = new Ed25519Authenticator(pair);
      byte[] probe = "catdit key check".getBytes(StandardCharsets.US_ASCII);
      if (!check.verify(check.publicKey(), probe, check.sign(probe))) {
        throw new IOException("the keys in " + backup.getFileName() + " do not belong together");
      }
      return pair;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(backup.getFileName() + " holds no valid Ed25519 key", e);
    }
  }

  private static void create(Path privatePath, Path publicPath) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
    writeOwnerOnly(privatePath, pair.getPrivate().getEncoded());
    writeOwnerOnly(publicPath, pair.getPublic().getEncoded());
  }

  private static void writeOwnerOnly(Path path, byte[] bytes) throws IOException {
    boolean isPosix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (isPosix) {
        // Created with owner-only permissions, so the key is never readable by others, even
        // briefly.
        Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(path);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException("identity file appeared while creating it: " + path, e);
    }
    Files.write(path, bytes);
  }

  private static KeyPair load(Path privatePath, Path publicPath) throws IOException {
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      PrivateKey privateKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privatePath)));
      PublicKey publicKey =
          factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicPath)));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException e) {
      throw new IOException("identity files in " + privatePath.getParent() + " are not Ed25519", e);
    }
  }
}
