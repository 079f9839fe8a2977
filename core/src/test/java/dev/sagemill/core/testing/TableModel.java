package dev.sagemill.core.testing;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.Map;

/**
 * A model that looks rows up in one large float table (an embedding table's shape), holding the array it is given
 * without copying: exists to test that large entries save and load without a second copy.
 */
public final class TableModel implements Model {
  private final float[] table;
  private final ModelCard card = new ModelCard("table", Map.of(), Map.of(), "test");

  /** @param table the table, held as given */
  public TableModel(float[] table) {
    this.table = table;
  }

  float[] table() {
    return table;
  }

  @Override
  public String algorithm() {
    return "table";
  }

  @Override
  public Schema schema() {
    return Schema.of(1, 0);
  }

  @Override
  public ModelCard card() {
    return card;
  }

  /** Answers {@code table[x0]}. */
  @Override
  public Prediction predict(FeatureVector x) {
    int i = (int) x.toDense()[0];
    if (i < 0 || i >= table.length) {
      throw new InvalidDataException("index " + i + " is outside the table of " + table.length);
    }
    return Prediction.builder().put("value", table[i]).build();
  }
}
