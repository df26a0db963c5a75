package org.catdit.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.catdit.ui.shell.CatditApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code catdit} command line: {@code java -jar target/catdit.jar <command> ...}; with no
 * command it opens the desktop app.
 */
@Command(
    name = "catdit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Serverless cat-picture sharing over a peer-to-peer overlay.",
    subcommands = {SimCommand.class, NodeCommand.class, BenchCommand.class})
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

  /** No subcommand: the desktop app, on the embedded peer {@link DesktopPeer} opens. */
  @Override
  public Integer call() {
    return CatditApp.run(DesktopPeer::open);
  }
}
