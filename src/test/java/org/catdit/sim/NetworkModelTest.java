package org.catdit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkModelTest {
  private static NetworkModel model(double loss, long jitterSdMicros) {
    return new NetworkModel(7, 50_000, 10_000, jitterSdMicros, loss, new SplittableRandom(1));
  }

  @Test
  void baseLatencyIsSymmetricFixedAndGaussianTruncated() {
    NetworkModel network = model(0, 0);
    double sum = 0;
    double sumSquares = 0;
    int pairs = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int a = 0; a < 300; a++) {
      for (int b = a + 1; b < 300; b++) {
        long base = network.baseLatencyMicros(a, b);
        assertEquals(base, network.baseLatencyMicros(b, a), "the same both ways");
        assertEquals(base, network.sampleDelayMicros(a, b), "no jitter: the base itself");
        sum += base;
        sumSquares += (double) base * base;
        min = Math.min(min, base);
        max = Math.max(max, base);
        pairs++;
      }
    }
    double mean = sum / pairs;
    double sd = Math.sqrt(sumSquares / pairs - mean * mean);
    assertEquals(50_000, mean, 300);
    assertEquals(10_000, sd, 300);
    assertTrue(min >= 20_000 && max <= 80_000, "truncated at ±3 sd: " + min + ".." + max);
  }

  @Test
  void jitterVariesEachDatagramAroundItsPairsBase() {
    NetworkModel network = model(0, 1_000);
    long base = network.baseLatencyMicros(3, 4);
    double sum = 0;
    long spread = 0;
    for (int i = 0; i < 20_000; i++) {
      long delay = network.sampleDelayMicros(3, 4);
      sum += delay;
      spread = Math.max(spread, Math.abs(delay - base));
    }
    assertEquals(base, sum / 20_000, 50);
    assertTrue(spread > 1_000 && spread <= 3_000, "spread " + spread);
  }

  @Test
  void lossIsBernoulliAtTheConfiguredRate() {
    NetworkModel network = model(0.05, 0);
    int lost = 0;
    for (int i = 0; i < 100_000; i++) {
      if (network.isLost()) {
        lost++;
      }
    }
    assertEquals(5_000, lost, 300);
    assertFalse(model(0, 0).isLost());
  }

  @Test
  void partitionsCutOnlyAcrossSides() {
    NetworkModel network = model(0, 0);
    network.setPartition(new int[] {0, 0, 1, 1});
    assertFalse(network.isCut(0, 1));
    assertTrue(network.isCut(1, 2));
    assertTrue(network.isCut(3, 0));
    network.setPartition(null);
    assertFalse(network.isCut(1, 2));
  }

  @Test
  void joinWavesGrowByAtMostATenth() {
    JoinSchedule schedule = new JoinSchedule(100, 1_000_000);
    assertEquals(1, schedule.sizeOfWave(1, 10_000));
    assertEquals(1, schedule.sizeOfWave(19, 10_000));
    assertEquals(5, schedule.sizeOfWave(50, 10_000));
    assertEquals(100, schedule.sizeOfWave(5_000, 10_000));
    assertEquals(3, schedule.sizeOfWave(9_997, 10_000));
    int members = 1;
    int waves = 0;
    while (members < 10_000) {
      members += schedule.sizeOfWave(members, 10_000);
      waves++;
    }
    assertEquals(waves, schedule.waveCount(10_000));
  }
}
