package org.catdit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code catdit bench}: measurements of the real runtime. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measurements of the real runtime.",
    subcommands = {TransportBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
