package dev.sagemill.algo.lightgbm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.algo.gbdt.EnsembleCodec;
import dev.sagemill.algo.gbdt.Objectives;
import dev.sagemill.algo.gbdt.TreeEnsemble;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelCodec;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * Persists {@link LightGBMModel}s. Format {@code sagemill.lightgbm}, version 1: the tree arrays of
 * {@link EnsembleCodec} (categorical splits included) plus {@code model.json} ({@code objective}, the LightGBM
 * objective name, and {@code num_class}); the schema records the categorical features.
 */
public final class LightGBMCodec implements ModelCodec<LightGBMModel> {
  /** The format version this codec writes. */
  public static final int VERSION = 1;

  @Override
  public String formatName() {
    return "sagemill.lightgbm";
  }

  @Override
  public int currentVersion() {
    return VERSION;
  }

  @Override
  public int minReadableVersion() {
    return 1;
  }

  @Override
  public Class<LightGBMModel> modelType() {
    return LightGBMModel.class;
  }

  @Override
  public void write(LightGBMModel m, ModelWriter out) {
    EnsembleCodec.write(m.ensemble(), out);
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("objective", m.objective());
    meta.put("num_class", m.numClass());
    out.putJson("model.json", meta);
  }

  @Override
  public LightGBMModel read(ModelReader in, int version) throws IOException {
    JsonNode meta = in.json("model.json");
    String objective = meta.path("objective").asText();
    in.require(Objectives.LIGHTGBM_NAMES.contains(objective), "model.json names objective \"" + objective
        + "\"; known: " + Objectives.LIGHTGBM_NAMES);
    int numClass = meta.path("num_class").asInt(-1);
    in.require(numClass >= 0, "model.json has no valid num_class");
    TreeEnsemble e = EnsembleCodec.read(in, in.schema().featureDim());
    int expected = objective.equals("multiclass") ? numClass : 1;
    if (e.outputs() != expected) {
      throw new CorruptModelException("the trees have " + e.outputs() + " outputs, objective " + objective
          + " with num_class " + numClass + " needs " + expected);
    }
    return new LightGBMModel(e, objective, numClass, in.schema(), in.card());
  }
}
