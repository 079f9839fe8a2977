package dev.sagemill.io.csv;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RowParser;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a {@code text/csv} channel in SageMaker's layout: no header; the first {@code label_size} columns
 * (default 1) are the label; with {@code csv_weights=1} the next column is the row weight; the remaining columns
 * are dense features. Every row must have the same number of columns as the first; an empty feature cell is a
 * missing value (NaN); an empty or non-finite label or weight is an error naming the file and line.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class CsvDataSource extends FileSetSource {
  private final int labelSize;
  private final boolean weights;

  private final boolean refuseBlankLines;

  private CsvDataSource(Channel channel, int labelSize, boolean weights, Schema declared, boolean refuseBlankLines) {
    super(channel, ContentType.CSV, declared);
    this.refuseBlankLines = refuseBlankLines;
    if (labelSize < 0) {
      throw new IllegalArgumentException("label_size must be >= 0, got " + labelSize);
    }
    this.labelSize = labelSize;
    this.weights = weights;
  }

  /**
   * A CSV channel.
   *
   * @param channel the files
   * @param labelSize the number of label columns (SageMaker's {@code label_size}; 0 for unsupervised data)
   * @param csvWeights whether the column after the label holds row weights (SageMaker's {@code csv_weights=1})
   * @return the source
   */
  public static CsvDataSource of(Channel channel, int labelSize, boolean csvWeights) {
    return new CsvDataSource(channel, labelSize, csvWeights, null, false);
  }

  /**
   * A CSV channel configured from a content type such as {@code text/csv;label_size=0}. sagemill's own parameter
   * {@code blank_lines=error} refuses a blank line between rows instead of skipping it (batch transform and
   * {@code serve} set it, so that answers line up with the request's lines).
   *
   * @param channel the files
   * @param type the content type
   * @param csvWeights whether a weight column follows the label
   * @return the source
   */
  public static CsvDataSource of(Channel channel, ContentType type, boolean csvWeights) {
    return new CsvDataSource(channel, type.intParameter("label_size", 1), csvWeights, null,
        "error".equals(type.parameters().get("blank_lines")));
  }

  @Override
  protected int leadingColumns() {
    return labelSize + (weights ? 1 : 0);
  }

  @Override
  protected Schema inferSchema() throws IOException {
    for (java.nio.file.Path f : channel().files()) {
      try (CsvParser p = new CsvParser(Inputs.open(f), f.toString())) {
        if (p.nextRow()) {
          int features = p.count() - leadingColumns();
          if (features < 1) {
            throw new InvalidDataException(f.toString(), "line", p.rowLine(), "found " + p.count()
                + " columns, but label_size=" + labelSize + (weights ? " and csv_weights=1 need " : " needs ")
                + (leadingColumns() + 1) + " or more");
          }
          return Schema.of(features, labelSize);
        }
      }
    }
    throw new InvalidDataException("channel " + channel().name() + " holds no CSV rows");
  }

  @Override
  protected boolean sparse(Schema schema) {
    return false;
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) {
    CsvParser p = new CsvParser(in, name, refuseBlankLines);
    int expected = schema.featureDim() + leadingColumns();
    float[] label = new float[labelSize];
    return new RowParser() {
      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        if (!p.nextRow()) {
          return false;
        }
        float[] v = p.values();
        if (p.count() != expected) {
          throw new InvalidDataException(name, "line", p.rowLine(), "expected " + expected + " columns ("
              + (labelSize > 0 ? labelSize + " label, " : "") + (weights ? "1 weight, " : "")
              + schema.featureDim() + " features), found " + p.count());
        }
        for (int i = 0; i < labelSize; i++) {
          if (!Float.isFinite(v[i])) {
            throw new InvalidDataException(name, "line", p.rowLine(), "label in column " + (i + 1)
                + " must be a finite number, got " + (p.isEmpty(i) ? "an empty cell" : v[i]));
          }
          label[i] = v[i];
        }
        float w = 1f;
        if (weights) {
          w = v[labelSize];
          if (!(w >= 0) || Float.isInfinite(w)) {
            throw new InvalidDataException(name, "line", p.rowLine(), "weight in column " + (labelSize + 1)
                + " must be a finite number >= 0, got " + (p.isEmpty(labelSize) ? "an empty cell" : w));
          }
        }
        into.addDense(v, leadingColumns(), labelSize == 0 ? null : label, w);
        return true;
      }

      @Override
      public long position() {
        return p.rowLine();
      }

      @Override
      public void close() throws IOException {
        p.close();
      }
    };
  }
}
