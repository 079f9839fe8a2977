package dev.sagemill.io.parquet;

import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.RecordReader;
import dev.sagemill.io.SeriesRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads DeepAR's series from a Parquet file, one series per row, as SageMaker's DeepAR reads Parquet: a
 * {@code start} column (a string {@code YYYY-MM-DD[ HH:MM:SS]}, or a timestamp), a {@code target} list of numbers
 * (null elements are missing values), and optional {@code cat} (a list of integers, or one integer) and
 * {@code dynamic_feat} (a list of lists of numbers). Lists may be written in Parquet's standard three-level form (what
 * pandas and Spark write) or the older two-level one. A row or column that does not fit is an error naming the file,
 * row and column.
 *
 * <p>Not thread-safe.
 */
public final class ParquetSeriesReader implements RecordReader<TimeSeries> {
  private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private final ParquetReader<Group> reader;
  private final String name;
  private long row;

  /**
   * @param file the Parquet file
   * @throws IOException if it cannot be opened
   */
  public ParquetSeriesReader(Path file) throws IOException {
    this.name = file.toString();
    try {
      reader = ParquetDataSource.groups(file);
    } catch (RuntimeException | NoClassDefFoundError e) {
      throw new InvalidDataException(name + ": not readable as Parquet: " + e.getMessage());
    }
  }

  @Override
  public Optional<TimeSeries> next() throws IOException {
    Group g;
    try {
      g = reader.read();
    } catch (RuntimeException e) {
      throw new InvalidDataException(name, "row", row + 1, "not readable as Parquet: " + e.getMessage());
    }
    if (g == null) {
      return Optional.empty();
    }
    row++;
    GroupType t = g.getType();
    if (!t.containsField("start") || !t.containsField("target")) {
      throw bad("a DeepAR series needs the columns start and target; the file has " + t.getFields().stream()
          .map(Type::getName).toList());
    }
    String start = start(g);
    double[] target = numbers(g, "target");
    int[] cat = new int[0];
    if (t.containsField("cat") && g.getFieldRepetitionCount("cat") > 0) {
      double[] c = t.getType("cat").isPrimitive() && !t.getType("cat").isRepetition(Type.Repetition.REPEATED)
          ? new double[] {number(g, "cat", 0, t.getType("cat").asPrimitiveType())} : numbers(g, "cat");
      cat = new int[c.length];
      for (int i = 0; i < c.length; i++) {
        if (c[i] != Math.rint(c[i])) {
          throw bad("\"cat\"[" + i + "] must be an integer, got " + c[i]);
        }
        cat[i] = (int) c[i];
      }
    }
    double[][] dyn = new double[0][];
    if (t.containsField("dynamic_feat") && g.getFieldRepetitionCount("dynamic_feat") > 0) {
      Group outer = g.getGroup("dynamic_feat", 0);
      Elements e = elements(outer, "dynamic_feat");
      dyn = new double[e.count][];
      for (int i = 0; i < e.count; i++) {
        Group inner = e.group(i);
        dyn[i] = inner == null ? new double[0] : list(inner, "dynamic_feat[" + i + "]");
      }
    }
    return Optional.of(SeriesRecords.of(start, target, cat, dyn, this::bad));
  }

  private String start(Group g) {
    if (g.getFieldRepetitionCount("start") == 0) {
      throw bad("\"start\" is null");
    }
    PrimitiveType p = g.getType().getType("start").asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
        && a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
      long v = g.getLong("start", 0);
      Instant at = switch (ts.getUnit()) {
        case MILLIS -> Instant.ofEpochMilli(v);
        case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
        case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
      };
      return LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(OUT);
    }
    if (p.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
      throw bad("\"start\" must be a string or a timestamp column, got " + p);
    }
    return g.getString("start", 0);
  }

  private double[] numbers(Group g, String field) {
    Type type = g.getType().getType(field);
    if (type.isPrimitive()) {
      // the legacy form: a repeated primitive column holds the list itself
      int n = g.getFieldRepetitionCount(field);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = number(g, field, i, type.asPrimitiveType());
      }
      return out;
    }
    if (g.getFieldRepetitionCount(field) == 0) {
      throw bad("\"" + field + "\" is null");
    }
    return list(g.getGroup(field, 0), field);
  }

  /** The numbers of a LIST group (standard or two-level); a null element is NaN. */
  private double[] list(Group list, String field) {
    Elements e = elements(list, field);
    double[] out = new double[e.count];
    for (int i = 0; i < e.count; i++) {
      out[i] = e.number(i);
    }
    return out;
  }

  /** The elements of a LIST group: {@code repeated group list { element }} or {@code repeated <primitive>}. */
  private Elements elements(Group list, String field) {
    GroupType lt = list.getType();
    if (lt.getFieldCount() != 1) {
      throw bad("\"" + field + "\" must be a list, got " + lt);
    }
    Type repeated = lt.getType(0);
    int count = list.getFieldRepetitionCount(0);
    return new Elements(list, repeated, count, field);
  }

  private final class Elements {
    private final Group list;
    private final Type repeated;
    private final int count;
    private final String field;

    Elements(Group list, Type repeated, int count, String field) {
      this.list = list;
      this.repeated = repeated;
      this.count = count;
      this.field = field;
    }

    double number(int i) {
      if (repeated.isPrimitive()) {
        return ParquetSeriesReader.this.number(list, repeated.getName(), i, repeated.asPrimitiveType());
      }
      Group item = list.getGroup(0, i);
      if (item.getType().getFieldCount() != 1 || !item.getType().getType(0).isPrimitive()) {
        throw bad("\"" + field + "\" must be a list of numbers, got " + item.getType());
      }
      if (item.getFieldRepetitionCount(0) == 0) {
        return Double.NaN;
      }
      return ParquetSeriesReader.this.number(item, item.getType().getType(0).getName(), 0,
          item.getType().getType(0).asPrimitiveType());
    }

    /** The element as a nested list group (dynamic_feat), or null for a null element. */
    Group group(int i) {
      if (repeated.isPrimitive()) {
        throw bad("\"" + field + "\" must be a list of lists of numbers, got " + list.getType());
      }
      Group item = list.getGroup(0, i);
      GroupType it = item.getType();
      if (it.getFieldCount() == 1 && !it.getType(0).isPrimitive()) {
        return item.getFieldRepetitionCount(0) == 0 ? null : item.getGroup(0, 0);
      }
      return item;
    }
  }

  private double number(Group g, String field, int i, PrimitiveType p) {
    return switch (p.getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(field, i);
      case INT64 -> g.getLong(field, i);
      case FLOAT -> g.getFloat(field, i);
      case DOUBLE -> g.getDouble(field, i);
      default -> throw bad("\"" + field + "\" must hold numbers, got " + p);
    };
  }

  private InvalidDataException bad(String reason) {
    return new InvalidDataException(name, "row", row, reason);
  }

  @Override
  public long position() {
    return row;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
