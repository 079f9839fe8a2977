package dev.sagemill.algo.deepar;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A series' frequency as DeepAR's {@code time_freq} names it ({@code [multiple]M|W|D|H|min}), with what follows from
 * it in GluonTS's conventions: the lags the network reads ({@link #lags()}: 1 to 7 and the same season, ±1 or ±2, in
 * earlier cycles, up to 1,200 steps back), the calendar features of a time point ({@link #timeFeatures}: each in
 * [−0.5, 0.5]) and time arithmetic on start timestamps.
 *
 * <p>Immutable and thread-safe.
 *
 * @param multiple the steps of the unit per time point, at least 1
 * @param unit the unit
 */
public record TimeFrequency(int multiple, Unit unit) {
  private static final Pattern FORM = Pattern.compile("(\\d*)(M|W|D|H|min)");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(java.time.format.ResolverStyle.STRICT);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(java.time.format.ResolverStyle.STRICT);
  /** GluonTS's largest lag. */
  static final int MAX_LAG = 1200;

  /** The time units of {@code time_freq}. */
  public enum Unit {
    /** Months. */
    MONTH,
    /** Weeks. */
    WEEK,
    /** Days. */
    DAY,
    /** Hours. */
    HOUR,
    /** Minutes. */
    MINUTE
  }

  /**
   * Validates.
   *
   * @param multiple the unit steps per time point
   * @param unit the unit
   */
  public TimeFrequency {
    if (multiple < 1) {
      throw new IllegalArgumentException("time_freq's multiple must be at least 1, got " + multiple);
    }
  }

  /**
   * @param text {@code time_freq}, e.g. {@code H}, {@code 2H}, {@code 5min}, {@code W}
   * @return the frequency
   * @throws IllegalArgumentException if it is not of the form {@code [multiple]M|W|D|H|min}
   */
  public static TimeFrequency parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("time_freq must be [multiple]M, W, D, H or min (for example H, 2H, 5min), "
          + "got \"" + text + "\"");
    }
    int multiple = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
    Unit unit = switch (m.group(2)) {
      case "M" -> Unit.MONTH;
      case "W" -> Unit.WEEK;
      case "D" -> Unit.DAY;
      case "H" -> Unit.HOUR;
      default -> Unit.MINUTE;
    };
    return new TimeFrequency(multiple, unit);
  }

  /**
   * Parses a series' {@code start} and checks that it falls on this frequency's grid (no minutes in an hourly
   * series, no time of day in a daily one).
   *
   * @param start {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS}
   * @return the timestamp
   * @throws IllegalArgumentException naming the value and the frequency
   */
  public LocalDateTime parseStart(String start) {
    LocalDateTime t;
    try {
      t = start.length() == 10 ? java.time.LocalDate.parse(start, DAY).atStartOfDay()
          : LocalDateTime.parse(start, SECOND);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"start\" " + start + " is not a timestamp YYYY-MM-DD or "
          + "YYYY-MM-DD HH:MM:SS");
    }
    boolean fine = switch (unit) {
      case MINUTE -> t.getSecond() == 0;
      case HOUR -> t.getSecond() == 0 && t.getMinute() == 0;
      default -> t.toLocalTime().toSecondOfDay() == 0;
    };
    if (!fine) {
      throw new IllegalArgumentException("\"start\" " + start + " does not fall on the grid of time_freq "
          + this + " (a " + unit.name().toLowerCase(java.util.Locale.ROOT) + " series starts on a whole "
          + unit.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return t;
  }

  /**
   * @param start the series' first time point
   * @param index the time point's index (may exceed the series, for forecasts)
   * @return its timestamp
   */
  public LocalDateTime at(LocalDateTime start, long index) {
    long steps = index * multiple;
    return switch (unit) {
      case MONTH -> start.plusMonths(steps);
      case WEEK -> start.plusWeeks(steps);
      case DAY -> start.plusDays(steps);
      case HOUR -> start.plusHours(steps);
      case MINUTE -> start.plusMinutes(steps);
    };
  }

  /** @return the number of calendar features per time point */
  public int timeFeatureCount() {
    return switch (unit) {
      case MONTH -> 1;
      case WEEK -> 2;
      case DAY -> 3;
      case HOUR -> 4;
      case MINUTE -> 5;
    };
  }

  /**
   * GluonTS's calendar features of a time point, each scaled to [−0.5, 0.5]: minute of hour, hour of day, day of
   * week, day of month, day of year (as fine as the unit), month of year (monthly), week of year (weekly).
   *
   * @param t the timestamp
   * @param out where to write {@link #timeFeatureCount()} values
   * @param offset the first index written
   */
  public void timeFeatures(LocalDateTime t, float[] out, int offset) {
    int i = offset;
    switch (unit) {
      case MONTH -> out[i] = (float) ((t.getMonthValue() - 1) / 11.0 - 0.5);
      case WEEK -> {
        out[i++] = dayOfMonth(t);
        out[i] = (float) ((t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) / 52.0 - 0.5);
      }
      default -> {
        if (unit == Unit.MINUTE) {
          out[i++] = (float) (t.getMinute() / 59.0 - 0.5);
        }
        if (unit == Unit.MINUTE || unit == Unit.HOUR) {
          out[i++] = (float) (t.getHour() / 23.0 - 0.5);
        }
        out[i++] = (float) ((t.get(ChronoField.DAY_OF_WEEK) - 1) / 6.0 - 0.5);
        out[i++] = dayOfMonth(t);
        out[i] = (float) ((t.getDayOfYear() - 1) / 365.0 - 0.5);
      }
    }
  }

  private static float dayOfMonth(LocalDateTime t) {
    return (float) ((t.getDayOfMonth() - 1) / 30.0 - 0.5);
  }

  /**
   * GluonTS's lags for the frequency ({@code get_lags_for_frequency}): 1 to 7, then the same season ±1 (±2 for
   * minutes) in earlier cycles: for hours the last 7 days and 4 weeks and a month, for days 4 weeks, a month and 3
   * years, for weeks 3 years and 4, 8, 12 weeks, for months 3 years; none beyond {@value #MAX_LAG}.
   *
   * @return the lags, ascending
   */
  public int[] lags() {
    List<int[]> groups = new ArrayList<>();
    double n = multiple;
    switch (unit) {
      case MONTH -> groups.addAll(cycles(12, n, 3, 1));
      case WEEK -> weekly(groups, n);
      case DAY -> {
        daily(groups, n);
        weekly(groups, n / 7.0);
      }
      case HOUR -> {
        groups.addAll(cycles(24, n, 7, 1));
        daily(groups, n / 24.0);
        weekly(groups, n / (24.0 * 7));
      }
      case MINUTE -> {
        groups.addAll(cycles(60, n, 3, 2));
        groups.addAll(cycles(24, n / 60.0, 7, 1));
        daily(groups, n / (60.0 * 24));
        weekly(groups, n / (60.0 * 24 * 7));
      }
    }
    TreeSet<Integer> seasonal = new TreeSet<>();
    for (int[] g : groups) {
      for (int lag : g) {
        if (lag > 7 && lag <= MAX_LAG) {
          seasonal.add(lag);
        }
      }
    }
    int[] out = new int[7 + seasonal.size()];
    for (int i = 0; i < 7; i++) {
      out[i] = i + 1;
    }
    int i = 7;
    for (int lag : seasonal) {
      out[i++] = lag;
    }
    return out;
  }

  private static void daily(List<int[]> groups, double n) {
    groups.addAll(cycles(7, n, 4, 1));
    groups.add(around(floorDiv(30, n), 1));
  }

  private static void weekly(List<int[]> groups, double n) {
    groups.addAll(cycles(52, n, 3, 1));
    groups.add(new int[] {floorDiv(4, n), floorDiv(8, n), floorDiv(12, n)});
  }

  private static List<int[]> cycles(int period, double multiple, int count, int delta) {
    List<int[]> out = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      out.add(around(floorDiv(k * period, multiple), delta));
    }
    return out;
  }

  /** Python's {@code a // b} on floats, guarded against 167.9999 for 168. */
  private static int floorDiv(double a, double b) {
    double q = a / b;
    return (int) Math.min(Integer.MAX_VALUE / 2, Math.floor(q + 1e-9));
  }

  private static int[] around(int middle, int delta) {
    int[] out = new int[2 * delta + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = middle - delta + i;
    }
    return out;
  }

  @Override
  public String toString() {
    String u = switch (unit) {
      case MONTH -> "M";
      case WEEK -> "W";
      case DAY -> "D";
      case HOUR -> "H";
      case MINUTE -> "min";
    };
    return (multiple == 1 ? "" : Integer.toString(multiple)) + u;
  }
}
