package org.catdit.app;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.catdit.feed.AsciiArt;
import org.catdit.feed.ColorMode;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureFile;
import org.catdit.feed.PictureRejectedException;
import org.catdit.tui.Catascii;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code catdit ascii}: catascii, the terminal front end, on an embedded peer; or, with {@code
 * --print FILE}, one picture drawn in characters on stdout.
 */
@Command(
    name = "ascii",
    mixinStandardHelpOptions = true,
    description = {
      "catascii: the catdit feed in a full-screen terminal, pictures drawn as characters.",
      "With --print FILE, draws one picture on stdout and exits."
    })
public final class AsciiCommand implements Callable<Integer> {
  static final int DEFAULT_WIDTH = 80;
  static final int MAX_WIDTH = 1000;

  /**
   * What the embedded peer is started with.
   *
   * @param dataDirectory {@code --data}, or null for the default
   * @param contact {@code --contact HOST:PORT}, or null
   * @param invite {@code --invite PEERID@HOST:PORT}, or null
   */
  public record PeerOptions(Path dataDirectory, String contact, String invite) {}

  /** Opens the terminal for the interactive mode. */
  @FunctionalInterface
  public interface TerminalOpener {
    Terminal open() throws IOException;
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory of the embedded peer.")
  Path data;

  @Option(
      names = "--contact",
      paramLabel = "HOST:PORT",
      description = "HOST:PORT of a peer to join through.")
  String contact;

  @Option(
      names = "--invite",
      paramLabel = "INVITE",
      description = "PEERID@HOST:PORT (another peer's invite): join through that peer.")
  String invite;

  @Option(
      names = "--print",
      paramLabel = "FILE",
      description = "Draw this picture on stdout and exit (exit status 1 if it is not a picture).")
  Path print;

  @Option(
      names = "--width",
      paramLabel = "N",
      description =
          "Columns for --print (default: $COLUMNS if set, else "
              + DEFAULT_WIDTH
              + "; at most "
              + MAX_WIDTH
              + ").")
  Integer width;

  @Option(
      names = "--color",
      paramLabel = "MODE",
      defaultValue = "auto",
      description = "auto, none, 256 or truecolor (default ${DEFAULT-VALUE}).")
  String color;

  private final Function<PeerOptions, PeerHandle> peerFactory;
  private final TerminalOpener terminalOpener;
  private final Map<String, String> environment;

  /**
   * As {@code catdit ascii} runs: an embedded peer on the data directory, the process's terminal.
   */
  public AsciiCommand() {
    this(EmbeddedPeers::open, AsciiCommand::openSystemTerminal, System.getenv());
  }

  /** With a peer factory, a terminal and an environment of one's own (tests, other launchers). */
  public AsciiCommand(
      Function<PeerOptions, PeerHandle> peerFactory,
      TerminalOpener terminalOpener,
      Map<String, String> environment) {
    this.peerFactory = peerFactory;
    this.terminalOpener = terminalOpener;
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    if (contact != null && invite != null) {
      throw new ParameterException(
          spec.commandLine(), "--contact and --invite are mutually exclusive: give one");
    }
    if (width != null && (width < 1 || width > MAX_WIDTH)) {
      throw new ParameterException(
          spec.commandLine(), "--width must be between 1 and " + MAX_WIDTH);
    }
    ColorMode colorMode = colorMode();
    if (print != null) {
      return printPicture(colorMode);
    }
    try (PeerHandle peer = peerFactory.apply(new PeerOptions(data, contact, invite))) {
      Terminal terminal = terminalOpener.open();
      try {
        Catascii.run(peer, terminal, colorMode);
      } finally {
        terminal.close();
      }
    }
    return 0;
  }

  private int printPicture(ColorMode colorMode) {
    PrintWriter out = spec.commandLine().getOut();
    PictureCheck check = new PictureCheck();
    try {
      byte[] bytes = PictureFile.read(print, check);
      out.print(AsciiArt.render(check.check(bytes).image(), columns()).toText(colorMode));
      out.flush();
      return 0;
    } catch (PictureRejectedException e) {
      spec.commandLine().getErr().println("catdit: " + print + ": " + e.getMessage());
      return 1;
    }
  }

  private int columns() {
    if (width != null) {
      return width;
    }
    try {
      int fromEnvironment = Integer.parseInt(environment.getOrDefault("COLUMNS", ""));
      if (fromEnvironment >= 1 && fromEnvironment <= MAX_WIDTH) {
        return fromEnvironment;
      }
    } catch (NumberFormatException e) {
      // Not set or not a number: the default below.
    }
    return DEFAULT_WIDTH;
  }

  private ColorMode colorMode() {
    if (color.equalsIgnoreCase("auto")) {
      return ColorMode.detect(environment, System.console() != null);
    }
    try {
      return ColorMode.parse(color);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--color: " + e.getMessage());
    }
  }

  /**
   * The process's own terminal, never Lanterna's Swing emulator: without a console (a pipe, a
   * service) the interactive mode refuses instead of opening a window.
   */
  private static Terminal openSystemTerminal() throws IOException {
    if (System.console() == null) {
      throw new IllegalStateException(
          "catascii needs an interactive terminal; to draw one picture use --print FILE");
    }
    return new DefaultTerminalFactory(
            new NulDroppingOutputStream(System.out), System.in, StandardCharsets.UTF_8)
        .setForceTextTerminal(true)
        .createTerminal();
  }
}
