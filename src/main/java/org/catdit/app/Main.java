package org.catdit.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.catdit.ui.shell.CatditApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code catdit} command line: {@code java -jar target/catdit.jar <command> ...}; with no
 * command it opens the desktop app.
 */
@Command(
    name = "catdit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Serverless cat-picture sharing over a peer-to-peer overlay.",
    subcommands = {SimCommand.class, NodeCommand.class, BenchCommand.class, AsciiCommand.class})
public final class Main implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit status: 0 success, 2 bad arguments, 1 failure. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          // One line that says what is wrong; the full usage is one --help away.
          exception.getCommandLine().getErr().println("catdit: " + exception.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, parsed, parseResult) -> {
          parsed.getErr().println("catdit: " + exception.getMessage());
          return 1;
        });
    return commandLine.execute(args);
  }

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The desktop app's data directory (default: the per-user one, e.g. ~/.local/share/catdit).")
  Path data;

  @Option(
      names = "--contact",
      paramLabel = "HOST:PORT",
      description = "Join through the peer at HOST:PORT.")
  String contact;

  @Option(
      names = "--invite",
      paramLabel = "INVITE",
      description = "Join through the peer an invite (PEERID@HOST:PORT) names.")
  String invite;

  /** No subcommand: the desktop app, on an embedded peer started once the window shows. */
  @Override
  public Integer call() {
    Path directory = data != null ? data : DataDirectories.forCurrentUser();
    return CatditApp.run(() -> EmbeddedPeers.openChecked(directory, contact, invite));
  }
}
