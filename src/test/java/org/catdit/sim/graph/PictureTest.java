package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNGs decode at their advertised size, headless, and the same seed draws the same image. */
class PictureTest {

  @TempDir Path directory;

  @BeforeAll
  static void runHeadless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void overlayPictureDecodesAtItsSizeWithoutADisplay() throws IOException {
    OverlayGraph graph = TestGraphs.randomVaryingDegree(150, 4, 8);
    Path file = directory.resolve("overlay.png");

    OverlayPicture.write(graph, GraphMetrics.compute(graph, MetricsSettings.defaults(1)), file, 42);

    assertTrue(GraphicsEnvironment.isHeadless());
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image);
    assertEquals(OverlayPicture.WIDTH_PIXELS, image.getWidth());
    assertEquals(OverlayPicture.HEIGHT_PIXELS, image.getHeight());
  }

  @Test
  void sameSeedDrawsTheSamePixels() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(80, 3, 2);
    Path first = directory.resolve("first.png");
    Path second = directory.resolve("second.png");

    OverlayPicture.write(graph, first, 7);
    OverlayPicture.write(graph, second, 7);

    assertArrayEquals(pixels(first), pixels(second));
  }

  @Test
  void overlayPictureRefusesMoreVerticesThanItsLimit() {
    OverlayGraph tooBig = OverlayGraph.fromAdjacency(new int[OverlayPicture.MAX_VERTICES + 1][0]);

    assertThrows(
        IllegalArgumentException.class,
        () -> OverlayPicture.write(tooBig, directory.resolve("x.png"), 1));
  }

  @Test
  void degreeHistogramDecodesAtItsSizeForABigOverlay() throws IOException {
    OverlayGraph graph = TestGraphs.randomVaryingDegree(100_000, 20, 5);
    Path file = directory.resolve("degree-histogram.png");

    DegreeHistogramChart.write(graph, file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(DegreeHistogramChart.WIDTH_PIXELS, image.getWidth());
    assertEquals(DegreeHistogramChart.HEIGHT_PIXELS, image.getHeight());
  }

  @Test
  void degreeHistogramCopesWithAnEmptyOverlayAndWideDegreeRanges() throws IOException {
    int[][] hub = new int[1_001][];
    hub[0] = new int[1_000];
    for (int v = 1; v <= 1_000; v++) {
      hub[0][v - 1] = v;
      hub[v] = new int[] {0};
    }

    DegreeHistogramChart.write(
        OverlayGraph.fromAdjacency(new int[0][]), directory.resolve("e.png"));
    DegreeHistogramChart.write(OverlayGraph.fromAdjacency(hub), directory.resolve("hub.png"));

    assertNotNull(ImageIO.read(directory.resolve("e.png").toFile()));
    assertNotNull(ImageIO.read(directory.resolve("hub.png").toFile()));
  }

  private static int[] pixels(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
