package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.EnsembleCodec;
import dev.sagemill.algo.gbdt.Objectives;
import dev.sagemill.algo.gbdt.TreeEnsemble;
import dev.sagemill.core.io.ModelCodec;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * Persists {@link XGBoostModel}s. Format {@code sagemill.xgboost}, version 1: the tree arrays of
 * {@link EnsembleCodec} plus {@code model.json} ({@code objective}, {@code num_class}).
 */
public final class XGBoostCodec implements ModelCodec<XGBoostModel> {
  /** The format version this codec writes. */
  public static final int VERSION = 1;

  @Override
  public String formatName() {
    return "sagemill.xgboost";
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
  public Class<XGBoostModel> modelType() {
    return XGBoostModel.class;
  }

  @Override
  public void write(XGBoostModel m, ModelWriter out) {
    EnsembleCodec.writeModel(m.ensemble(), new EnsembleCodec.ObjectiveMeta(m.objective(), m.numClass()), out);
  }

  @Override
  public XGBoostModel read(ModelReader in, int version) throws IOException {
    EnsembleCodec.ObjectiveMeta meta = EnsembleCodec.readMeta(in, Objectives.NAMES);
    TreeEnsemble e = EnsembleCodec.readModel(in, meta, meta.objective().startsWith("multi:") ? meta.numClass() : 1);
    return new XGBoostModel(e, meta.objective(), meta.numClass(), in.schema(), in.card());
  }
}
