package dev.sagemill.algo.rcf;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;
import java.util.Arrays;

/**
 * Saves a batch Random Cut Forest: {@code shape} = (dim, capacity, trees), the trees ({@link TreeArrays}) and the
 * anomaly {@code threshold}. Version 1.
 *
 * <p>Thread-safe: stateless.
 */
public final class RandomCutForestCodec extends VersionedCodec<RandomCutForestModel> {
  /** The codec of {@link RandomCutForestModel}. */
  public RandomCutForestCodec() {
    super("sagemill.randomcutforest", 1, 1, RandomCutForestModel.class);
  }

  @Override
  public void write(RandomCutForestModel model, ModelWriter out) {
    RandomCutForest f = model.forest();
    out.putInts("shape", new int[] {f.dim(), f.capacity(), f.trees().size()});
    TreeArrays.write(f.trees(), false, out);
    out.putDoubles("threshold", new double[] {model.threshold()});
  }

  @Override
  public RandomCutForestModel read(ModelReader in, int version) throws IOException {
    int[] shape = in.ints("shape");
    in.require(shape.length == 3 && shape[0] > 0 && shape[1] > 0 && shape[2] > 0, "shape is "
        + Arrays.toString(shape));
    double[] threshold = in.doubles("threshold");
    in.require(threshold.length == 1, "threshold holds " + threshold.length + " values");
    return new RandomCutForestModel(new RandomCutForest(TreeArrays.read(in, shape[0], shape[1], shape[2], false),
        shape[0], shape[1]), threshold[0], in.schema(), in.card());
  }
}
