package org.catdit.sim.broadcast;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.catdit.overlay.core.PeerId;
import org.catdit.sim.Simulation;

/**
 * Draws the last message's broadcast tree over the overlay. Layout is radial: the sender in the
 * middle, every peer on the ring of its hop count, and the angle of each subtree proportional to
 * its number of leaves, so tree edges never cross. Faint grey: SCAMP arcs (PartialView); orange:
 * links eager in the sender's tree; dark red: the links the first copies actually travelled. Peers
 * that did not deliver are black, on the outer ring; crashed peers are not drawn.
 */
public final class TreePicture {
  private static final int SIZE = 2000;

  private final Simulation sim;
  private final DeliveryTree tree;
  private final int peerCount;
  private final double[] x;
  private final double[] y;

  public TreePicture(Simulation sim, DeliveryTree tree) {
    this.sim = sim;
    this.tree = tree;
    this.peerCount = tree.size();
    this.x = new double[peerCount];
    this.y = new double[peerCount];
    layout();
  }

  private void layout() {
    List<List<Integer>> children = new ArrayList<>(peerCount);
    for (int p = 0; p < peerCount; p++) {
      children.add(new ArrayList<>());
    }
    int maxHops = 0;
    for (int p = 0; p < peerCount; p++) {
      int parent = tree.parentOf(p);
      if (parent >= 0 && p != tree.root()) {
        children.get(parent).add(p);
      }
      maxHops = Math.max(maxHops, tree.hopsOf(p));
    }
    int[] leaves = new int[peerCount];
    countLeaves(tree.root(), children, leaves);
    List<Integer> undelivered = new ArrayList<>();
    for (int p = 0; p < peerCount; p++) {
      if (tree.hopsOf(p) < 0 && sim.isAlive(p)) {
        undelivered.add(p);
      }
    }
    double ringStep = (SIZE / 2.0 - 60) / (maxHops + (undelivered.isEmpty() ? 0 : 1));
    place(tree.root(), 0, 2 * Math.PI, children, leaves, ringStep);
    for (int i = 0; i < undelivered.size(); i++) {
      double angle = 2 * Math.PI * i / undelivered.size();
      setPolar(undelivered.get(i), (maxHops + 1) * ringStep, angle);
    }
  }

  private static int countLeaves(int peer, List<List<Integer>> children, int[] leaves) {
    // Iterative post-order: trees can be deep enough to overflow the stack in bad runs.
    List<Integer> order = new ArrayList<>();
    List<Integer> stack = new ArrayList<>(List.of(peer));
    while (!stack.isEmpty()) {
      int current = stack.remove(stack.size() - 1);
      order.add(current);
      stack.addAll(children.get(current));
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      int current = order.get(i);
      int sum = 0;
      for (int child : children.get(current)) {
        sum += leaves[child];
      }
      leaves[current] = Math.max(1, sum);
    }
    return leaves[peer];
  }

  private void place(
      int root, double from, double to, List<List<Integer>> children, int[] leaves, double step) {
    List<double[]> stack = new ArrayList<>();
    stack.add(new double[] {root, from, to});
    while (!stack.isEmpty()) {
      double[] item = stack.remove(stack.size() - 1);
      int peer = (int) item[0];
      setPolar(peer, Math.max(0, tree.hopsOf(peer)) * step, (item[1] + item[2]) / 2);
      double start = item[1];
      double span = item[2] - item[1];
      for (int child : children.get(peer)) {
        double share = span * leaves[child] / leaves[peer];
        stack.add(new double[] {child, start, start + share});
        start += share;
      }
    }
  }

  private void setPolar(int peer, double radius, double angle) {
    x[peer] = SIZE / 2.0 + radius * Math.cos(angle);
    y[peer] = SIZE / 2.0 + radius * Math.sin(angle);
  }

  private PeerId rootId() {
    return sim.id(tree.root());
  }

  /** Graphviz: overlay arcs grey, eager links orange, the links the message travelled red. */
  public void writeDot(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("digraph broadcast_tree {\n  node [shape=point];\n");
      out.write("  // root " + tree.root() + "; positions are the radial layout of tree.png\n");
      for (int p = 0; p < peerCount; p++) {
        if (!sim.isAlive(p)) {
          continue;
        }
        String color = p == tree.root() ? "blue" : tree.hopsOf(p) < 0 ? "black" : "gray30";
        out.write(
            String.format(
                java.util.Locale.ROOT,
                "  p%d [color=%s, hops=%d, pos=\"%.0f,%.0f!\"];%n",
                p,
                color,
                tree.hopsOf(p),
                x[p],
                SIZE - y[p]));
      }
      for (int p = 0; p < peerCount; p++) {
        if (!sim.isAlive(p)) {
          continue;
        }
        for (PeerId member : sim.node(p).membership().partialView()) {
          int q = sim.indexOf(member);
          if (q >= 0 && sim.isAlive(q) && tree.parentOf(q) != p && tree.parentOf(p) != q) {
            String style = isEagerEitherWay(p, q) ? "color=orange" : "color=gray85";
            out.write("  p" + p + " -> p" + q + " [" + style + "];\n");
          }
        }
      }
      for (int p = 0; p < peerCount; p++) {
        int parent = tree.parentOf(p);
        if (parent >= 0 && p != tree.root()) {
          out.write("  p" + parent + " -> p" + p + " [color=red, penwidth=2];\n");
        }
      }
      out.write("}\n");
    }
  }

  private boolean isEagerEitherWay(int p, int q) {
    PeerId root = rootId();
    return sim.node(p).broadcastTree().isEager(root, sim.id(q))
        || sim.node(q).broadcastTree().isEager(root, sim.id(p));
  }

  /** A PNG of {@value #SIZE}×{@value #SIZE} pixels. */
  public void writePng(Path file) throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, SIZE, SIZE);
    g.setStroke(new BasicStroke(0.6f));
    // Thousands of arcs would paint the middle grey: the fainter, the more peers.
    Color overlay = new Color(0, 0, 0, Math.max(3, Math.min(18, 4_000 / Math.max(1, peerCount))));
    Color eager = new Color(255, 140, 0, 150);
    List<int[]> eagerLinks = new ArrayList<>();
    for (int p = 0; p < peerCount; p++) {
      if (!sim.isAlive(p)) {
        continue;
      }
      for (PeerId member : sim.node(p).membership().partialView()) {
        int q = sim.indexOf(member);
        if (q < 0 || !sim.isAlive(q)) {
          continue;
        }
        if (isEagerEitherWay(p, q)) {
          eagerLinks.add(new int[] {p, q});
        } else {
          g.setColor(overlay);
          g.draw(new Line2D.Double(x[p], y[p], x[q], y[q]));
        }
      }
    }
    g.setStroke(new BasicStroke(1.2f));
    g.setColor(eager);
    for (int[] link : eagerLinks) {
      g.draw(new Line2D.Double(x[link[0]], y[link[0]], x[link[1]], y[link[1]]));
    }
    g.setStroke(new BasicStroke(peerCount > 500 ? 1.2f : 2.0f));
    g.setColor(new Color(170, 0, 0));
    for (int p = 0; p < peerCount; p++) {
      int parent = tree.parentOf(p);
      if (parent >= 0 && p != tree.root()) {
        g.draw(new Line2D.Double(x[parent], y[parent], x[p], y[p]));
      }
    }
    for (int p = 0; p < peerCount; p++) {
      if (!sim.isAlive(p)) {
        continue;
      }
      boolean isDelivered = tree.hopsOf(p) >= 0;
      double r = p == tree.root() ? 12 : peerCount > 500 ? 2.5 : 4;
      g.setColor(p == tree.root() ? Color.BLUE : isDelivered ? new Color(40, 40, 40) : Color.BLACK);
      g.fill(new Ellipse2D.Double(x[p] - r, y[p] - r, 2 * r, 2 * r));
      if (!isDelivered) {
        g.setColor(Color.MAGENTA);
        g.draw(new Ellipse2D.Double(x[p] - 8, y[p] - 8, 16, 16));
      }
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
    g.drawString(
        "last broadcast from peer "
            + tree.root()
            + ": red = links its first copies travelled, orange = eager links, grey = SCAMP arcs;"
            + " ring = hop count",
        30,
        40);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
