package org.catdit.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.catdit.feed.Neighbour;
import org.catdit.feed.NetworkView;
import org.catdit.feed.SyncProgress;

/**
 * The overlay around this peer: the size estimate, each neighbour with the direction of its links
 * and whether the broadcast tree pushes over it (eager) or only announces (lazy), its link figures,
 * then every counter the peer reports.
 */
final class NetworkPainter {
  private final Palette palette;

  NetworkPainter(Palette palette) {
    this.palette = palette;
  }

  void paint(
      TextGraphics area,
      NetworkView view,
      SyncProgress progress,
      long messagesSeen,
      long duplicatesSeen) {
    int columns = area.getSize().getColumns();
    int rows = area.getSize().getRows();
    List<String> lines = new ArrayList<>();
    long eager = view.neighbours().stream().filter(Neighbour::isEager).count();
    int neighbourCount = view.neighbours().size();
    lines.add("Network around " + SafeText.clean(view.selfPeerId()));
    lines.add(
        String.format(
            Locale.ROOT,
            "About %d %s (SCAMP estimate) · %d %s",
            view.networkSizeEstimate(),
            view.networkSizeEstimate() == 1 ? "peer" : "peers",
            neighbourCount,
            neighbourCount == 1 ? "neighbour" : "neighbours"));
    lines.add(
        String.format(
            Locale.ROOT,
            "Broadcast tree: %d eager (tree) / %d lazy (announce only)",
            eager,
            neighbourCount - eager));
    lines.add(
        String.format(
            Locale.ROOT,
            "Broadcasts delivered %d, duplicates %d · seen here %d (%d duplicates)",
            view.messagesDelivered(),
            view.duplicatesReceived(),
            messagesSeen,
            duplicatesSeen));
    lines.add(
        String.format(
            Locale.ROOT,
            "Sync %d/%d transitions%s",
            progress.have(),
            progress.total(),
            progress.isCaughtUp() ? " (caught up)" : ""));
    lines.add("");
    String header =
        String.format(
            Locale.ROOT,
            "%-12s %-10s %-6s %-5s %6s %5s %6s %7s %7s %5s",
            "PEER",
            "NAME",
            "LINKS",
            "TREE",
            "RTT ms",
            "LOSS",
            "CWND",
            "SENT",
            "RECV",
            "AGE");
    int headerRow = lines.size();
    lines.add(header);
    int neighbourRows = Math.max(1, rows - lines.size() - 4);
    List<Neighbour> neighbours = view.neighbours();
    for (int i = 0; i < neighbours.size() && i < neighbourRows; i++) {
      if (i == neighbourRows - 1 && neighbours.size() > neighbourRows) {
        lines.add("… and " + (neighbours.size() - i) + " more");
        break;
      }
      lines.add(neighbourLine(neighbours.get(i)));
    }
    if (neighbours.isEmpty()) {
      lines.add("(no neighbours yet)");
    }
    lines.add("");
    int countersRow = lines.size();
    Map<String, Long> nonZero = new TreeMap<>();
    view.counters()
        .forEach(
            (name, value) -> {
              if (value != 0) {
                nonZero.put(name, value);
              }
            });
    int zeros = view.counters().size() - nonZero.size();
    // Most of the ~70 counters are failure counts that stay 0 on a healthy peer: those are hidden.
    lines.add(zeros == 0 ? "Counters" : "Counters (" + zeros + " more at 0 not shown)");
    lines.addAll(counterLines(nonZero, columns, Math.max(0, rows - lines.size())));

    for (int row = 0; row < lines.size() && row < rows; row++) {
      TextGraphics line = FeedPainter.fresh(area);
      if (row == headerRow || row == countersRow || row == 1) {
        line.enableModifiers(SGR.BOLD);
      }
      if (row > headerRow && row < countersRow - 1 && lines.get(row).contains(" eager ")) {
        line.setForegroundColor(palette.basic(TextColor.ANSI.GREEN_BRIGHT));
      }
      line.putString(1, row, SafeText.fit(lines.get(row), columns - 2));
    }
  }

  private static String neighbourLine(Neighbour neighbour) {
    String links =
        (neighbour.isInPartialView() ? "out" : "")
            + (neighbour.isInPartialView() && neighbour.isInInView() ? "+" : "")
            + (neighbour.isInInView() ? "in" : "");
    return String.format(
        Locale.ROOT,
        "%-12s %-10s %-6s %-5s %6s %4.1f%% %6s %7s %7s %5s",
        SafeText.fit(neighbour.peerId(), 12),
        SafeText.fit(neighbour.displayName(), 10),
        links,
        neighbour.isEager() ? "eager" : "lazy",
        neighbour.rttMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", neighbour.rttMillis()),
        neighbour.lossRate() * 100,
        FeedPainter.Bytes.describe(neighbour.cwndBytes()),
        FeedPainter.Bytes.describe(neighbour.bytesSent()),
        FeedPainter.Bytes.describe(neighbour.bytesReceived()),
        neighbour.ageSeconds() + "s");
  }

  /** Counters sorted by name, as many columns of {@code name value} as the width allows. */
  private static List<String> counterLines(Map<String, Long> counters, int columns, int maxRows) {
    List<String> cells = new ArrayList<>();
    new TreeMap<>(counters)
        .forEach((name, value) -> cells.add(SafeText.fit(name, 34) + " " + value));
    int cellWidth = 38;
    int perRow = Math.max(1, (columns - 2) / cellWidth);
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < cells.size() && lines.size() < maxRows; start += perRow) {
      StringBuilder line = new StringBuilder();
      for (int i = start; i < Math.min(cells.size(), start + perRow); i++) {
        line.append(String.format(Locale.ROOT, "%-" + cellWidth + "s", cells.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    if (cells.isEmpty() && maxRows > 0) {
      lines.add("(none above 0)");
    }
    return lines;
  }
}
