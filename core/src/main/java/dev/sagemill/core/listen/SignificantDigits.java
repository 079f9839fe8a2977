package dev.sagemill.core.listen;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats metric values to a number of significant digits in plain notation, as LightGBM and CatBoost log them. */
public final class SignificantDigits {
  private SignificantDigits() {}

  /**
   * A value rounded to significant digits in plain notation.
   *
   * @param v the value
   * @param digits significant digits, at least 1
   * @return e.g. {@code 0.512345}; {@code NaN} and infinities as Java writes them
   */
  public static String format(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
  }
}
