package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.TestPictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AsciiCommandTest {
  private record Outcome(int status, String out, String err) {}

  @TempDir Path directory;

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  private static Outcome run(AsciiCommand command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  private Path file(String name) throws Exception {
    Path file = directory.resolve(name);
    Files.write(file, TestPictures.bytes(name));
    return file;
  }

  @Test
  void printDrawsThePictureAtTheGivenWidth() throws Exception {
    Outcome outcome =
        run("ascii", "--print", file("chelsea.png").toString(), "--width", "80", "--color", "none");
    assertEquals(0, outcome.status(), outcome.err());
    List<String> lines = outcome.out().lines().toList();
    assertEquals(27, lines.size());
    assertTrue(lines.stream().allMatch(line -> line.length() == 80));
    assertFalse(outcome.out().contains("\u001b"));
    assertTrue(outcome.out().contains("@"));
  }

  @Test
  void printUsesColourEscapesWhenAsked() throws Exception {
    Outcome outcome =
        run("ascii", "--print", file("chelsea.jpg").toString(), "--width", "40", "--color", "256");
    assertEquals(0, outcome.status(), outcome.err());
    assertTrue(outcome.out().contains("\u001b[38;5;"));
    assertTrue(
        outcome
            .out()
            .lines()
            .allMatch(
                line -> line.isEmpty() || line.endsWith("\u001b[0m") || !line.contains("\u001b")));
  }

  @Test
  void printTakesItsWidthFromColumnsWhenNotGiven() throws Exception {
    AsciiCommand command =
        new AsciiCommand(
            options -> {
              throw new AssertionError("--print needs no peer");
            },
            () -> {
              throw new AssertionError("--print needs no terminal");
            },
            Map.of("COLUMNS", "50"));
    Outcome outcome = run(command, "--print", file("chelsea.jpg").toString(), "--color", "none");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(50, outcome.out().lines().findFirst().orElseThrow().length());
  }

  @Test
  void printRefusesABrokenFileWithExitStatusOne() throws Exception {
    Path truncated = file("truncated.jpg");
    Outcome outcome = run("ascii", "--print", truncated.toString());
    assertEquals(1, outcome.status());
    assertEquals("", outcome.out());
    assertEquals(
        "catdit: "
            + truncated
            + ": This picture is damaged or cut off (the file ends before the"
            + " picture does).",
        outcome.err().strip());
    Outcome missing = run("ascii", "--print", directory.resolve("none.png").toString());
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("There is no file"), missing.err());
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    assertEquals(
        2, run("ascii", "--print", file("chelsea.jpg").toString(), "--width", "0").status());
    assertEquals(
        2, run("ascii", "--print", file("chelsea.jpg").toString(), "--color", "pink").status());
    assertEquals(2, run("ascii", "--contact", "a:1", "--invite", "x@a:1").status());
  }

  @Test
  void interactiveModeOnADataDirectoryInUseSaysSoAndLeavesItAlone() throws Exception {
    Path data = directory.resolve("busy");
    try (EmbeddedPeer running = EmbeddedPeer.open(PeerOptions.of(data).withDiscovery(false))) {
      Outcome outcome = run("ascii", "--data", data.toString());
      assertEquals(1, outcome.status());
      assertTrue(outcome.err().contains("already running"), outcome.err());
      assertTrue(running.feed(org.catdit.feed.FeedSort.NEW, 10).get().isEmpty());
    }
  }

  @Test
  void interactiveModeRunsOnTheGivenPeerAndTerminalAndClosesBoth() {
    DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    terminal.addInput(new KeyStroke('q', false, false));
    AtomicReference<AsciiCommand.PeerOptions> seen = new AtomicReference<>();
    AtomicBoolean isPeerClosed = new AtomicBoolean();
    PeerHandle peer = new ClosingPeer(isPeerClosed);
    AsciiCommand command =
        new AsciiCommand(
            options -> {
              seen.set(options);
              return peer;
            },
            () -> terminal,
            Map.of());
    Outcome outcome = run(command, "--data", directory.toString(), "--invite", "id@host:1");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals(new AsciiCommand.PeerOptions(directory, null, "id@host:1"), seen.get());
    assertTrue(isPeerClosed.get());
  }
}
