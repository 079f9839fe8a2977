package dev.sagemill.algo.deepar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** GluonTS's lags and calendar features, and SageMaker's time_freq and start forms. */
class TimeFrequencyTest {
  @Test
  void hourlyLagsAreGluonTsLags() {
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 23, 24, 25, 47, 48, 49, 71, 72, 73, 95, 96, 97, 119, 120, 121,
        143, 144, 145, 167, 168, 169, 335, 336, 337, 503, 504, 505, 671, 672, 673, 719, 720, 721},
        TimeFrequency.parse("H").lags());
  }

  @Test
  void otherFrequenciesLagsAreGluonTsLags() {
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 23, 24, 25, 35, 36, 37},
        TimeFrequency.parse("M").lags());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 12, 51, 52, 53, 103, 104, 105, 155, 156, 157},
        TimeFrequency.parse("W").lags());
    // 4 weeks ±1, a month ±1, then 4, 8 and 12 weeks and 1 to 3 years ±1
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 15, 20, 21, 22, 27, 28, 29, 30, 31, 56, 84, 363, 364,
        365, 727, 728, 729, 1091, 1092, 1093}, TimeFrequency.parse("D").lags());
    int[] fiveMin = TimeFrequency.parse("5min").lags();
    assertEquals(12 - 2, fiveMin[7], "an hour of 5-minute steps, ±2");
    assertTrue(fiveMin[fiveMin.length - 1] <= 1200);
  }

  @Test
  void calendarFeaturesAreScaledToPlusMinusHalf() {
    TimeFrequency h = TimeFrequency.parse("H");
    float[] f = new float[4];
    h.timeFeatures(LocalDateTime.of(2024, 1, 1, 23, 0), f, 0);
    // hour 23/23, Monday, the 1st, day 1 of the year
    assertArrayEquals(new float[] {0.5f, -0.5f, -0.5f, -0.5f}, f, 1e-6f);
    float[] m = new float[1];
    TimeFrequency.parse("M").timeFeatures(LocalDateTime.of(2024, 12, 1, 0, 0), m, 0);
    assertEquals(0.5f, m[0], 1e-6f);
  }

  @Test
  void stepsFollowTheUnitAndMultiple() {
    LocalDateTime start = LocalDateTime.of(2024, 1, 31, 0, 0);
    assertEquals(LocalDateTime.of(2024, 3, 31, 0, 0), TimeFrequency.parse("M").at(start, 2));
    assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0), TimeFrequency.parse("2H").at(start, 5));
    assertEquals(LocalDateTime.of(2024, 1, 31, 0, 15), TimeFrequency.parse("5min").at(start, 3));
  }

  @Test
  void badFrequenciesAndStartsAreRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeFrequency.parse("3X"));
    assertTrue(e.getMessage().contains("3X"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeFrequency.parse("H").parseStart("2024-01-01 10:30:00"));
    assertTrue(e.getMessage().contains("2024-01-01 10:30:00") && e.getMessage().contains("grid"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeFrequency.parse("D").parseStart("2024-02-30"));
    assertTrue(e.getMessage().contains("2024-02-30"), e.getMessage());
  }
}
