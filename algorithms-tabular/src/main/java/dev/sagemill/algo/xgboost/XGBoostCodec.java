package dev.sagemill.algo.xgboost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.algo.gbdt.internal.EnsembleCodec;
import dev.sagemill.algo.gbdt.internal.LinearBooster;
import dev.sagemill.algo.gbdt.internal.LinearCodec;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link XGBoostModel}s. Format {@code sagemill.xgboost}:
 * <ul>
 *   <li>version 1: the tree arrays of {@link EnsembleCodec} plus {@code model.json} ({@code objective},
 *       {@code num_class});</li>
 *   <li>version 2 adds {@code gblinear} models: {@code model.json} then says {@code "booster": "gblinear"} and the
 *       weights are the {@code linear.*} arrays of {@link LinearCodec}. Tree models are written as in version 1, so
 *       version 1 files load unchanged.</li>
 * </ul>
 */
public final class XGBoostCodec extends VersionedCodec<XGBoostModel> {
  /** The codec of {@link XGBoostModel}. */
  public XGBoostCodec() {
    super("sagemill.xgboost", VERSION, 1, XGBoostModel.class);
  }
  /** The format version this codec writes. */
  public static final int VERSION = 2;

  @Override
  public void write(XGBoostModel m, ModelWriter out) {
    if (m.booster() instanceof LinearBooster linear) {
      LinearCodec.write(linear, "linear.", out);
      out.putJson("model.json", JsonNodeFactory.instance.objectNode().put("objective", m.objective())
          .put("num_class", m.numClass()).put("booster", "gblinear"));
    } else {
      EnsembleCodec.writeModel(m.ensemble(), new EnsembleCodec.ObjectiveMeta(m.objective(), m.numClass()), out);
    }
  }

  @Override
  public XGBoostModel read(ModelReader in, int version) throws IOException {
    EnsembleCodec.ObjectiveMeta meta = EnsembleCodec.readMeta(in, Objectives.NAMES);
    int outputs = meta.objective().startsWith("multi:") ? meta.numClass() : 1;
    String booster = in.json("model.json").path("booster").asText("gbtree");
    if (booster.equals("gblinear")) {
      LinearBooster b = LinearCodec.read(in, "linear.", in.schema().featureDim());
      in.require(b.outputs() == outputs, "the linear weights have " + b.outputs() + " outputs, objective "
          + meta.objective() + " with num_class " + meta.numClass() + " needs " + outputs);
      return new XGBoostModel(b, meta.objective(), meta.numClass(), in.schema(), in.card());
    }
    in.require(booster.equals("gbtree"), "model.json names booster \"" + booster + "\"; known: gbtree, gblinear");
    TreeEnsemble e = EnsembleCodec.readModel(in, meta, outputs);
    return new XGBoostModel(e, meta.objective(), meta.numClass(), in.schema(), in.card());
  }
}
