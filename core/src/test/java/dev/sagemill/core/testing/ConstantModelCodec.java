package dev.sagemill.core.testing;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/** Codec of {@link ConstantModel}: format {@code sagemill.constant}, readable versions 2 to 3. */
public final class ConstantModelCodec extends VersionedCodec<ConstantModel> {
  /** The codec of {@link ConstantModel}. */
  public ConstantModelCodec() {
    super("sagemill.constant", 3, 2, ConstantModel.class);
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
