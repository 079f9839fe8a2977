package dev.sagemill.io.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sagemill.core.random.RandomStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FastFloatTest {
  private static float parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return FastFloat.parse(b, 0, b.length);
  }

  @Test
  void agreesWithTheJdkBitForBit() {
    RandomStream rng = RandomStream.of(99);
    for (int i = 0; i < 200_000; i++) {
      String s;
      switch (i % 5) {
        case 0 -> s = Long.toString(rng.nextLong() % 100_000_000L);
        case 1 -> s = String.format(Locale.ROOT, "%." + (i % 12) + "f", (rng.nextDouble() - 0.5) * Math.pow(10, i % 9));
        case 2 -> s = Float.toString((float) ((rng.nextDouble() - 0.5) * Math.pow(10, (i % 60) - 30)));
        case 3 -> s = "0.000" + (rng.nextInt(9_000_000) + 1);
        // 17 significant digits, as float64 columns are written: rounding to float from far past its precision
        default -> s = Double.toString((rng.nextDouble() - 0.5) * Math.pow(10, (i % 90) - 45));
      }
      assertEquals(Float.floatToIntBits(Float.parseFloat(s)), Float.floatToIntBits(parse(s)), s);
    }
  }

  @Test
  void specialValuesAndGarbage() {
    assertEquals(Float.NaN, parse("nan"));
    assertEquals(Float.NEGATIVE_INFINITY, parse("-inf"));
    assertEquals(Float.POSITIVE_INFINITY, parse("Infinity"));
    assertEquals(-0.0f, parse("-0"));
    assertEquals(0.5f, parse(".5"));
    assertThrows(NumberFormatException.class, () -> parse("1.5f"));
    assertThrows(NumberFormatException.class, () -> parse("0x10"));
    assertThrows(NumberFormatException.class, () -> parse("1,5"));
    assertThrows(NumberFormatException.class, () -> parse("-"));
    assertThrows(NumberFormatException.class, () -> parse("."));
    assertThrows(NumberFormatException.class, () -> parse("1e"));
    assertThrows(NumberFormatException.class, () -> parse("--1"));
    assertThrows(NumberFormatException.class, () -> parse("1e5e5"));
    assertThrows(NumberFormatException.class, () -> parse("1.2.3"));
    assertThrows(NumberFormatException.class, () -> parse(""));
    // Past float's range: the JDK's answers (infinity, zero, the smallest subnormal).
    for (String edge : new String[] {"3.4028236e38", "1e39", "-1e39", "1e-46", "1.4e-45", "0.7006492321624087e-45",
        "123456789012345678901234567890"}) {
      assertEquals(Float.floatToIntBits(Float.parseFloat(edge)), Float.floatToIntBits(parse(edge)), edge);
    }
  }
}
