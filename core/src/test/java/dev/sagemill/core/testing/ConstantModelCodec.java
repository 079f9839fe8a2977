package dev.sagemill.core.testing;

import dev.sagemill.core.io.ModelCodec;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/** Codec of {@link ConstantModel}: format {@code sagemill.constant}, readable versions 2 to 3. */
public final class ConstantModelCodec implements ModelCodec<ConstantModel> {
  @Override
  public String formatName() {
    return "sagemill.constant";
  }

  @Override
  public int currentVersion() {
    return 3;
  }

  @Override
  public int minReadableVersion() {
    return 2;
  }

  @Override
  public Class<ConstantModel> modelType() {
    return ConstantModel.class;
  }

  @Override
  public void write(ConstantModel model, ModelWriter out) {
    out.putFloats("weights", model.weights());
  }

  @Override
  public ConstantModel read(ModelReader in, int version) throws IOException {
    float[] w = in.floats("weights");
    in.require(w.length == in.schema().featureDim(), "weights has " + w.length + " values for "
        + in.schema().featureDim() + " features");
    return new ConstantModel(w, in.card().metrics());
  }
}
