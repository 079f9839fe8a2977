package dev.sagemill.algo.catboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.algo.gbdt.internal.EnsembleCodec;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Persists {@link CatBoostModel}s. Format {@code sagemill.catboost}, version 1: the tree arrays of
 * {@link EnsembleCodec} over the encoded features, and {@code catboost.json}: {@code loss_function},
 * {@code num_class}, {@code raw_dim}, {@code train_rows}, {@code target_borders} (float bits), {@code derived}
 * (per derived feature: {@code kind} ONE_HOT / BORDERS / COUNTER, {@code projection}, {@code value_bits},
 * {@code border}, {@code prior_bits}) and {@code tables} (per projection: {@code projection}, {@code stride});
 * table {@code i}'s category keys are the int arrays {@code ctr.i.keys_hi} / {@code ctr.i.keys_lo} and its counts
 * {@code ctr.i.counts}.
 */
public final class CatBoostCodec extends VersionedCodec<CatBoostModel> {
  /** The codec of {@link CatBoostModel}. */
  public CatBoostCodec() {
    super("sagemill.catboost", VERSION, 1, CatBoostModel.class);
  }
  /** The format version this codec writes. */
  public static final int VERSION = 1;

  @Override
  public void write(CatBoostModel m, ModelWriter out) {
    EnsembleCodec.write(m.ensemble(), out);
    out.putJson("catboost.json", encoderJson(m.encoder(), out).put("loss_function", m.lossFunction())
        .put("num_class", m.numClass()));
  }

  @Override
  public CatBoostModel read(ModelReader in, int version) throws IOException {
    JsonNode meta = in.json("catboost.json");
    String loss = meta.path("loss_function").asText();
    in.require(Objectives.CATBOOST_NAMES.contains(loss), "catboost.json names loss_function \"" + loss
        + "\"; known: " + Objectives.CATBOOST_NAMES);
    int numClass = meta.path("num_class").asInt(-1);
    in.require(numClass >= 0, "catboost.json has no valid num_class");
    CategoricalEncoder enc = readEncoder(in, meta);
    in.require(enc.rawDim() == in.schema().featureDim(), "catboost.json has raw_dim " + enc.rawDim()
        + ", the schema " + in.schema().featureDim() + " features");
    TreeEnsemble e = EnsembleCodec.read(in, enc.dim());
    int outputs = loss.equals("MultiClass") ? numClass : 1;
    in.require(e.outputs() == outputs, "the trees have " + e.outputs() + " outputs, loss " + loss + " needs "
        + outputs);
    return new CatBoostModel(e, enc, loss, numClass, in.schema(), in.card());
  }

  /**
   * Writes an encoder's tables and returns its description (to which the caller adds its own fields).
   *
   * @param enc the encoder
   * @param out the container writer
   * @return the JSON description
   */
  static ObjectNode encoderJson(CategoricalEncoder enc, ModelWriter out) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode().put("raw_dim", enc.rawDim()).put("train_rows", enc.trainRows());
    ArrayNode borders = root.putArray("target_borders");
    for (float b : enc.targetBorders()) {
      borders.add(Float.floatToIntBits(b));
    }
    ArrayNode derived = root.putArray("derived");
    for (DerivedFeature d : enc.derived()) {
      ObjectNode o = derived.addObject().put("kind", d.kind().name());
      ArrayNode p = o.putArray("projection");
      for (int x : d.projection()) {
        p.add(x);
      }
      o.put("value_bits", Float.floatToIntBits(d.value())).put("border", d.targetBorder())
          .put("prior_bits", Float.floatToIntBits(d.prior()));
    }
    ArrayNode tables = root.putArray("tables");
    int i = 0;
    for (Map.Entry<String, CtrTable> e : new java.util.TreeMap<>(enc.tables()).entrySet()) {
      CtrTable t = e.getValue();
      ObjectNode o = tables.addObject().put("projection", e.getKey()).put("stride", t.stride());
      long[] keys = t.keys();
      int[] hi = new int[keys.length];
      int[] lo = new int[keys.length];
      for (int j = 0; j < keys.length; j++) {
        hi[j] = (int) (keys[j] >>> 32);
        lo[j] = (int) keys[j];
      }
      out.putInts("ctr." + i + ".keys_hi", hi);
      out.putInts("ctr." + i + ".keys_lo", lo);
      out.putInts("ctr." + i + ".counts", t.counts());
      o.put("index", i++);
    }
    return root;
  }

  /**
   * Reads an encoder written by {@link #encoderJson}.
   *
   * @param in the container reader
   * @param root the JSON description
   * @return the encoder
   * @throws CorruptModelException if the description or tables are malformed
   */
  static CategoricalEncoder readEncoder(ModelReader in, JsonNode root) throws CorruptModelException {
    int rawDim = root.path("raw_dim").asInt(-1);
    int rows = root.path("train_rows").asInt(-1);
    in.require(rawDim >= 0 && rows > 0, "catboost.json lacks raw_dim or train_rows");
    JsonNode b = root.path("target_borders");
    float[] borders = new float[b.size()];
    for (int i = 0; i < borders.length; i++) {
      borders[i] = Float.intBitsToFloat(b.get(i).asInt());
    }
    List<DerivedFeature> derived = new ArrayList<>();
    for (JsonNode o : root.path("derived")) {
      DerivedFeature.Kind kind;
      try {
        kind = DerivedFeature.Kind.valueOf(o.path("kind").asText());
      } catch (IllegalArgumentException e) {
        throw new CorruptModelException("catboost.json has a derived feature of unknown kind "
            + o.path("kind").asText());
      }
      JsonNode p = o.path("projection");
      int[] proj = new int[p.size()];
      for (int i = 0; i < proj.length; i++) {
        proj[i] = p.get(i).asInt();
      }
      int border = o.path("border").asInt();
      in.require(proj.length > 0 && (kind != DerivedFeature.Kind.BORDERS || border >= 0 && border < borders.length),
          "catboost.json has a malformed derived feature " + o);
      derived.add(new DerivedFeature(kind, proj, Float.intBitsToFloat(o.path("value_bits").asInt()), border,
          Float.intBitsToFloat(o.path("prior_bits").asInt())));
    }
    Map<String, CtrTable> tables = new HashMap<>();
    for (JsonNode o : root.path("tables")) {
      int i = o.path("index").asInt();
      int stride = o.path("stride").asInt();
      int[] hi = in.ints("ctr." + i + ".keys_hi");
      int[] lo = in.ints("ctr." + i + ".keys_lo");
      in.require(hi.length == lo.length && stride == borders.length + 1, "CTR table " + i + " is malformed");
      long[] keys = new long[hi.length];
      for (int j = 0; j < keys.length; j++) {
        keys[j] = ((long) hi[j] << 32) | (lo[j] & 0xFFFFFFFFL);
      }
      try {
        tables.put(o.path("projection").asText(), new CtrTable(keys, in.ints("ctr." + i + ".counts"), stride));
      } catch (IllegalArgumentException e) {
        throw new CorruptModelException("CTR table " + i + ": " + e.getMessage());
      }
    }
    try {
      return new CategoricalEncoder(rawDim, borders, rows, derived, tables);
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException("catboost.json: " + e.getMessage());
    }
  }
}
