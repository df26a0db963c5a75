package org.catdit.ui.compose;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.Dragboard;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.Session;

/**
 * Posting a picture, from a file chooser, a drop onto the window or the clipboard: the bytes are
 * read off the FX thread, checked by the peer, previewed with a caption, then posted. Anything
 * wrong (not a picture, too large, unreadable) is said in the compose window and nothing is posted.
 */
public final class ComposeController {
  /**
   * Files larger than this are refused before being read, so a stray multi-gigabyte drop costs
   * nothing; the peer's own, smaller cap on pictures still applies to what is read.
   */
  public static final long MAX_FILE_BYTES = 25L * 1024 * 1024;

  public static final int MAX_CAPTION_CHARS = 280;

  private final Session session;
  private final Window owner;
  private final Consumer<String> onPosted;
  private final Consumer<String> notifier;
  private ComposeDialog openDialog;

  /**
   * @param onPosted called on the FX thread with the id of each post made
   * @param notifier shows a short message to the user
   */
  public ComposeController(
      Session session, Window owner, Consumer<String> onPosted, Consumer<String> notifier) {
    this.session = session;
    this.owner = owner;
    this.onPosted = onPosted;
    this.notifier = notifier;
  }

  /** Asks for a picture file and opens the compose window with it. */
  public void chooseFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Post a cat picture");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "Pictures", "*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.JPG", "*.PNG"),
            new FileChooser.ExtensionFilter("All files", "*.*"));
    File file = chooser.showOpenDialog(owner);
    if (file != null) {
      openFiles(List.of(file));
    }
  }

  /** Whether a drag carries something this window can post. */
  public static boolean canAccept(Dragboard dragboard) {
    return dragboard.hasFiles() || dragboard.hasImage();
  }

  /** Files dropped onto the window, chosen or pasted: the first is offered for posting. */
  public void openFiles(List<File> files) {
    if (files.isEmpty()) {
      return;
    }
    if (files.size() > 1) {
      notifier.accept("One picture at a time: posting " + files.get(0).getName() + ".");
    }
    Path path = files.get(0).toPath();
    String name = path.getFileName().toString();
    CompletableFuture.supplyAsync(() -> read(path), session.threads().background())
        .whenCompleteAsync(
            (bytes, failure) -> {
              if (failure != null) {
                show(null, name, rootMessage(failure));
              } else {
                show(bytes, name, null);
              }
            },
            session.threads().fx());
  }

  /** A drop: files or an image dragged from another application. */
  public void openDrop(Dragboard dragboard) {
    if (dragboard.hasFiles()) {
      openFiles(dragboard.getFiles());
    } else if (dragboard.hasImage()) {
      openImage(dragboard.getImage(), "dropped picture");
    }
  }

  /** Ctrl+V: a copied file or a copied image. */
  public void paste(Clipboard clipboard) {
    if (clipboard.hasFiles()) {
      openFiles(clipboard.getFiles());
    } else if (clipboard.hasImage()) {
      openImage(clipboard.getImage(), "pasted picture");
    } else {
      notifier.accept("The clipboard holds no picture to post.");
    }
  }

  private void openImage(Image image, String name) {
    // Converting to a BufferedImage reads the FX image, so it happens here; PNG encoding does not.
    var buffered = SwingFXUtils.fromFXImage(image, null);
    CompletableFuture.supplyAsync(
            () -> {
              ByteArrayOutputStream png = new ByteArrayOutputStream();
              try {
                ImageIO.write(buffered, "png", png);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return png.toByteArray();
            },
            session.threads().background())
        .whenCompleteAsync(
            (bytes, failure) ->
                show(bytes, name, failure == null ? null : "Could not read the picture."),
            session.threads().fx());
  }

  /** Reads at most {@link #MAX_FILE_BYTES}; the message of what it throws is for the user. */
  static byte[] read(Path path) {
    try {
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(path.getFileName() + " is not a file.");
      }
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(
            path.getFileName()
                + " is too large ("
                + Ages.bytes(size)
                + "); catdit takes pictures of at most "
                + Ages.bytes(MAX_FILE_BYTES)
                + ".");
      }
      if (size == 0) {
        throw new IllegalArgumentException(path.getFileName() + " is empty.");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Could not read " + path.getFileName() + ": " + e.getMessage() + ".", e);
    }
  }

  private void show(byte[] bytes, String name, String error) {
    if (openDialog != null) {
      openDialog.close();
    }
    openDialog = new ComposeDialog(session, owner, bytes, name, this::posted);
    if (error != null) {
      openDialog.showError(error);
    }
    openDialog.show();
  }

  private void posted(String postId) {
    openDialog = null;
    onPosted.accept(postId);
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && !(cause instanceof IllegalArgumentException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
