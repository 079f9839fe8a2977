package dev.sagemill.algo.deepar;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * DeepAR's model file (format {@code sagemill.deepar}, version 1): the hyperparameters (in the card), the data's
 * shape that training found ({@code shape.json}: cardinality and dynamic features), and every network array as
 * float32 under {@code net.<block>.<parameter>} with its shape. Loading rebuilds the network from the
 * hyperparameters and checks every array's name and shape against it.
 */
public final class DeepArCodec extends VersionedCodec<DeepArModel> {
  /** The codec of {@link DeepArModel}. */
  public DeepArCodec() {
    super("sagemill.deepar", 1, 1, DeepArModel.class);
  }

  @Override
  public void write(DeepArModel model, ModelWriter out) {
    SeriesShape shape = model.shape();
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.putArray("cardinality").addAll(java.util.Arrays.stream(shape.cardinality())
        .mapToObj(JsonNodeFactory.instance::numberNode).toList());
    s.put("num_dynamic_feat", shape.dynamicFeatures());
    out.putJson("shape.json", s);
    try (DeepArNetwork n = network(model.params(), shape)) {
      n.parameters().save(out, "net.", model.parameterValues());
    }
  }

  @Override
  public DeepArModel read(ModelReader in, int version) throws IOException {
    DeepArParams params = DeepArParams.parse(in.card().hyperparameters());
    var s = in.json("shape.json");
    in.require(s.path("cardinality").isArray() && s.path("num_dynamic_feat").isInt(),
        "shape.json lacks cardinality or num_dynamic_feat");
    int[] card = new int[s.get("cardinality").size()];
    for (int i = 0; i < card.length; i++) {
      card[i] = s.get("cardinality").get(i).asInt();
      in.require(card[i] > 0, "cardinality[" + i + "] is " + card[i]);
    }
    TimeFrequency f = params.frequency();
    SeriesShape shape = new SeriesShape(f, params.likelihood(), f.lags(), card, s.get("num_dynamic_feat").asInt(),
        params.values().getInt("embedding_dimension"));
    float[] values;
    try (DeepArNetwork n = network(params, shape)) {
      values = n.parameters().read(in, "net.");
    }
    return new DeepArModel(params, shape, values, in.card());
  }

  private static DeepArNetwork network(DeepArParams params, SeriesShape shape) {
    var hps = params.values();
    return new DeepArNetwork(shape, hps.getInt("num_cells"), hps.getInt("num_layers"), hps.getDouble("dropout_rate"),
        1, hps.getLong("seed"));
  }
}
