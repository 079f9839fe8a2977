package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.gbdt.internal.EnsembleCodec;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link LightGBMModel}s. Format {@code sagemill.lightgbm}, version 1: the tree arrays of
 * {@link EnsembleCodec} (categorical splits included) plus {@code model.json} ({@code objective}, the LightGBM
 * objective name, and {@code num_class}); the schema records the categorical features.
 */
public final class LightGBMCodec extends VersionedCodec<LightGBMModel> {
  /** The codec of {@link LightGBMModel}. */
  public LightGBMCodec() {
    super("sagemill.lightgbm", VERSION, 1, LightGBMModel.class);
  }
  /** The format version this codec writes. */
  public static final int VERSION = 1;

  @Override
  public void write(LightGBMModel m, ModelWriter out) {
    EnsembleCodec.writeModel(m.ensemble(), new EnsembleCodec.ObjectiveMeta(m.objective(), m.numClass()), out);
  }

  @Override
  public LightGBMModel read(ModelReader in, int version) throws IOException {
    EnsembleCodec.ObjectiveMeta meta = EnsembleCodec.readMeta(in, Objectives.LIGHTGBM_NAMES);
    TreeEnsemble e = EnsembleCodec.readModel(in, meta, meta.objective().equals("multiclass") ? meta.numClass() : 1);
    return new LightGBMModel(e, meta.objective(), meta.numClass(), in.schema(), in.card());
  }
}
