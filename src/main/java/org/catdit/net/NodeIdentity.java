package org.catdit.net;

import java.io.IOException;
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
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private NodeIdentity() {}

  /** Loads the key pair in {@code dataDirectory}, creating it (and the directory) if absent. */
  public static Ed25519Authenticator loadOrCreate(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    Path privatePath = dataDirectory.resolve(PRIVATE_KEY_FILE);
    Path publicPath = dataDirectory.resolve(PUBLIC_KEY_FILE);
    if (!Files.exists(privatePath)) {
      create(privatePath, publicPath);
    }
    return new Ed25519Authenticator(load(privatePath, publicPath));
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
