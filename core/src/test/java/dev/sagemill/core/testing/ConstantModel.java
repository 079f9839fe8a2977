package dev.sagemill.core.testing;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.Map;

/** A model that answers a weighted sum; exists to test persistence without an algorithm module. */
public final class ConstantModel implements Model {
  private final float[] weights;
  private final Schema schema;
  private final ModelCard card;

  /**
   * @param weights one weight per feature
   * @param metrics metrics to record in the card
   */
  public ConstantModel(float[] weights, Map<String, Double> metrics) {
    this.weights = weights.clone();
    this.schema = Schema.of(weights.length, 1);
    this.card = new ModelCard("constant", Map.of("scale", "1"), metrics, "test");
  }

  float[] weights() {
    return weights.clone();
  }

  @Override
  public String algorithm() {
    return "constant";
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public Prediction predict(FeatureVector x) {
    if (x.dim() != weights.length) {
      throw new InvalidDataException("expected " + weights.length + " features, got " + x.dim());
    }
    double s = 0;
    for (int k = 0; k < x.storedCount(); k++) {
      s += x.storedValue(k) * weights[x.storedIndex(k)];
    }
    return Prediction.builder().put("score", s).build();
  }
}
