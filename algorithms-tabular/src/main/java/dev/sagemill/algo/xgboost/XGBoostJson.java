package dev.sagemill.algo.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.algo.gbdt.internal.LinearBooster;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.gbdt.internal.Trees;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * XGBoost's own model formats: reads JSON ({@code model.json}) and UBJSON ({@code model.ubj}, and the
 * {@code xgboost-model} file of SageMaker's XGBoost ≥ 2.1 training jobs) written by XGBoost 1.0 to 3.x, and writes
 * JSON in XGBoost's schema ({@code doc/model.schema}) that XGBoost ≥ 1.7 loads. Boosters {@code gbtree} and
 * {@code dart} with numerical splits, and {@code gblinear}; the deprecated binary format (XGBoost ≤ 2.0's default) and categorical
 * splits are refused with a message saying how to convert.
 */
public final class XGBoostJson {
  /** The file name of the model a SageMaker XGBoost job writes (inside its {@code model.tar.gz}). */
  public static final String SAGEMAKER_ARTIFACT = "xgboost-model";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Oldest and newest major versions read. */
  private static final int MIN_MAJOR = 1;
  private static final int MAX_MAJOR = 3;

  private XGBoostJson() {}

  /**
   * Reads an XGBoost model file, JSON or UBJSON, told apart by content.
   *
   * @param file the file
   * @return the model
   * @throws IOException if reading fails
   * @throws ModelFormatException if the file is not an XGBoost model sagemill can read, naming why
   */
  public static XGBoostModel read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.toString();
    if (bytes.length < 2 || bytes[0] != '{') {
      throw new ModelFormatException(name + " is not an XGBoost JSON or UBJSON model (it does not start with '{');"
          + " if it is XGBoost's deprecated binary format, load it in XGBoost and save it as JSON:"
          + " booster.save_model(\"model.json\")");
    }
    int second = firstNonSpace(bytes);
    JsonNode doc = second == '"' || second == '}' ? JSON.readTree(new String(bytes, StandardCharsets.UTF_8))
        : Ubjson.parse(bytes, name);
    return fromTree(doc, name);
  }

  private static int firstNonSpace(byte[] b) {
    for (int i = 1; i < b.length; i++) {
      if (!Character.isWhitespace(b[i])) {
        return b[i];
      }
    }
    return -1;
  }

  /**
   * Converts a parsed XGBoost model document.
   *
   * @param doc the document
   * @param name where it came from, for messages
   * @return the model
   * @throws ModelFormatException if it is not a model sagemill can read
   */
  public static XGBoostModel fromTree(JsonNode doc, String name) throws ModelFormatException {
    JsonNode version = doc.path("version");
    if (!version.isArray() || version.size() < 1) {
      throw new CorruptModelException(name + ": no \"version\" array; not an XGBoost model file");
    }
    int major = version.get(0).asInt();
    if (major < MIN_MAJOR || major > MAX_MAJOR) {
      throw new ModelFormatException(name + ": written by XGBoost " + version + "; sagemill reads models of"
          + " XGBoost " + MIN_MAJOR + ".x to " + MAX_MAJOR + ".x");
    }
    JsonNode learner = doc.path("learner");
    JsonNode lmp = learner.path("learner_model_param");
    String objectiveName = learner.path("objective").path("name").asText();
    if (!Objectives.NAMES.contains(objectiveName)) {
      throw new ModelFormatException(name + ": objective \"" + objectiveName + "\" is not one sagemill supports: "
          + Objectives.NAMES);
    }
    int numFeature = parseInt(lmp.path("num_feature"), name, "num_feature");
    int numClass = parseInt(lmp.path("num_class"), name, "num_class");
    double baseScore = parseBaseScore(lmp.path("base_score"), name);
    JsonNode booster = learner.path("gradient_booster");
    String boosterName = booster.path("name").asText();
    Objective objective = Objectives.of(objectiveName, 0.7, 1.5, 1.0);
    int outputs = objective.outputs(numClass);
    double[] base = new double[outputs];
    java.util.Arrays.fill(base, objective.baseMargin(baseScore));
    Schema schema = Schema.of(numFeature, 1);
    JsonNode names = learner.path("feature_names");
    if (names.isArray() && names.size() == numFeature && numFeature > 0) {
      List<String> fn = new ArrayList<>();
      names.forEach(n -> fn.add(n.asText()));
      schema = schema.withFeatureNames(fn);
    }
    Map<String, String> hps = new TreeMap<>();
    hps.put("objective", objectiveName);
    hps.put("booster", boosterName);
    if (numClass > 0) {
      hps.put("num_class", Integer.toString(numClass));
    }
    hps.put("base_score", Double.toString(baseScore));
    ModelCard card = new ModelCard(XGBoostParams.ALGORITHM, hps, Map.of(), SagemillVersion.get());
    if (boosterName.equals("gblinear")) {
      return new XGBoostModel(linear(booster.path("model"), numFeature, base, name), objectiveName, numClass,
          schema, card);
    }
    JsonNode model;
    float[] weightDrop = null;
    switch (boosterName) {
      case "gbtree" -> model = booster.path("model");
      case "dart" -> {
        model = booster.path("gbtree").path("model");
        JsonNode wd = booster.path("weight_drop");
        weightDrop = new float[wd.size()];
        for (int i = 0; i < wd.size(); i++) {
          weightDrop[i] = (float) wd.get(i).asDouble();
        }
      }
      default -> throw new ModelFormatException(name + ": booster \"" + boosterName + "\" is not supported (gbtree,"
          + " dart and gblinear are)");
    }
    JsonNode trees = model.path("trees");
    JsonNode info = model.path("tree_info");
    if (!trees.isArray() || info.size() != trees.size()) {
      throw new CorruptModelException(name + ": " + trees.size() + " trees but " + info.size() + " tree_info entries");
    }
    List<Tree> list = new ArrayList<>();
    int[] group = new int[trees.size()];
    float[] weight = new float[trees.size()];
    for (int t = 0; t < trees.size(); t++) {
      list.add(tree(trees.get(t), numFeature, name, t));
      group[t] = info.get(t).asInt();
      if (group[t] < 0 || group[t] >= outputs) {
        throw new CorruptModelException(name + ": tree " + t + " belongs to output " + group[t] + " of " + outputs);
      }
      weight[t] = weightDrop != null && t < weightDrop.length ? weightDrop[t] : 1f;
    }
    TreeEnsemble e = new TreeEnsemble(numFeature, outputs, base, list, group, weight);
    return new XGBoostModel(e, objectiveName, numClass, schema, card);
  }

  /** gblinear's {@code model}: {@code weights}, {@code (num_feature + 1) × outputs}, biases last. */
  private static LinearBooster linear(JsonNode model, int numFeature, double[] base, String name)
      throws CorruptModelException {
    JsonNode w = model.path("weights");
    long expected = (long) (numFeature + 1) * base.length;
    if (!w.isArray() || w.size() != expected) {
      throw new CorruptModelException(name + ": gblinear holds " + w.size() + " weights, " + numFeature
          + " features and " + base.length + " outputs need " + expected);
    }
    float[] weights = new float[w.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) w.get(i).asDouble();
    }
    int rounds = model.path("boosted_rounds").asInt(0);
    return new LinearBooster(numFeature, base.length, base, weights, Math.max(0, rounds));
  }

  private static int parseInt(JsonNode n, String name, String field) throws CorruptModelException {
    try {
      return Integer.parseInt(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new CorruptModelException(name + ": learner_model_param." + field + " is \"" + n.asText()
          + "\", expected an integer", e);
    }
  }

  /** XGBoost ≤ 3.0 writes base_score as a string, later versions as a one-element vector string "[0.5]". */
  private static double parseBaseScore(JsonNode n, String name) throws CorruptModelException {
    String s = n.isArray() && n.size() > 0 ? n.get(0).asText() : n.asText().trim();
    s = s.replace("[", "").replace("]", "").trim();
    int comma = s.indexOf(',');
    if (comma >= 0) {
      s = s.substring(0, comma);
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new CorruptModelException(name + ": base_score is \"" + n.asText() + "\", expected a number", e);
    }
  }

  private static Tree tree(JsonNode j, int numFeature, String name, int t) throws ModelFormatException {
    int[] left = ints(j, "left_children", name, t);
    int n = left.length;
    int[] right = ints(j, "right_children", name, t);
    int[] feature = ints(j, "split_indices", name, t);
    int[] dl = ints(j, "default_left", name, t);
    float[] cond = floats(j, "split_conditions", name, t);
    float[] loss = j.has("loss_changes") ? floats(j, "loss_changes", name, t) : new float[n];
    float[] hess = j.has("sum_hessian") ? floats(j, "sum_hessian", name, t) : new float[n];
    float[] bw = j.has("base_weights") ? floats(j, "base_weights", name, t) : new float[n];
    JsonNode types = j.path("split_type");
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).asInt() != 0) {
        throw new ModelFormatException(name + ": tree " + t + " has a categorical split (node " + i
            + "); sagemill reads numerical splits only");
      }
    }
    for (int[] a : new int[][] {right, feature, dl}) {
      if (a.length != n) {
        throw new CorruptModelException(name + ": tree " + t + " has node arrays of different lengths");
      }
    }
    if (cond.length != n || loss.length != n || hess.length != n || bw.length != n) {
      throw new CorruptModelException(name + ": tree " + t + " has node arrays of different lengths");
    }
    boolean[] defaultLeft = new boolean[n];
    float[] split = new float[n];
    float[] leaf = new float[n];
    for (int i = 0; i < n; i++) {
      if (left[i] == -1) {
        leaf[i] = cond[i];
        feature[i] = 0;
        right[i] = -1;
      } else {
        defaultLeft[i] = dl[i] != 0;
        split[i] = cond[i];
      }
    }
    int[] parent = Trees.checkedParents(left, right, feature, numFeature, name + ": tree " + t);
    return Trees.of(left, right, parent, feature, split, defaultLeft, leaf, loss, hess, bw);
  }

  private static int[] ints(JsonNode j, String field, String name, int t) throws CorruptModelException {
    JsonNode a = j.path(field);
    if (!a.isArray()) {
      throw new CorruptModelException(name + ": tree " + t + " has no " + field + " array");
    }
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode j, String field, String name, int t) throws CorruptModelException {
    JsonNode a = j.path(field);
    if (!a.isArray()) {
      throw new CorruptModelException(name + ": tree " + t + " has no " + field + " array");
    }
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  /**
   * Writes a model as XGBoost JSON (atomically).
   *
   * @param model the model
   * @param file the target, conventionally {@code *.json}
   * @throws IOException if writing fails
   */
  public static void write(XGBoostModel model, Path file) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(toTree(model));
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * The model as an XGBoost JSON document.
   *
   * @param model the model
   * @return the document
   */
  public static ObjectNode toTree(XGBoostModel model) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Objective objective = Objectives.of(model.objective(), 0.7, 1.5, 1.0);
    ObjectNode doc = f.objectNode();
    ObjectNode learner = doc.putObject("learner");
    learner.putObject("attributes");
    ArrayNode names = learner.putArray("feature_names");
    model.schema().featureNames().ifPresent(l -> l.forEach(names::add));
    ArrayNode types = learner.putArray("feature_types");
    model.schema().featureNames().ifPresent(l -> l.forEach(x -> types.add("float")));
    ObjectNode gb = learner.putObject("gradient_booster");
    if (model.booster() instanceof LinearBooster linear) {
      ObjectNode m = gb.putObject("model");
      m.put("boosted_rounds", linear.rounds());
      ArrayNode w = m.putArray("weights");
      for (float x : linear.weights()) {
        w.add(x);
      }
      gb.put("name", "gblinear");
    } else {
      treesJson(model.ensemble(), gb);
    }
    ObjectNode lmp = learner.putObject("learner_model_param");
    double base = model.booster().baseMargin()[0];
    double baseScore = switch (model.objective()) {
      case "binary:logistic", "reg:logistic", "binary:logitraw" -> 1 / (1 + Math.exp(-base));
      case "count:poisson", "reg:gamma", "reg:tweedie" -> Math.exp(base);
      default -> base;
    };
    // XGBoost parses "0.5375" or "5.375E-1" but not a zero-padded exponent such as "5.375E-01".
    lmp.put("base_score", Float.toString((float) baseScore));
    lmp.put("boost_from_average", "1");
    lmp.put("num_class", Integer.toString(model.numClass()));
    lmp.put("num_feature", Integer.toString(model.booster().featureDim()));
    lmp.put("num_target", "1");
    ObjectNode obj = learner.putObject("objective");
    obj.put("name", objective.name());
    switch (objective.name()) {
      case "binary:logistic", "reg:logistic", "binary:logitraw", "reg:squarederror", "reg:squaredlogerror",
          "reg:pseudohubererror" -> obj.putObject("reg_loss_param").put("scale_pos_weight", "1");
      case "multi:softmax", "multi:softprob" -> obj.putObject("softmax_multiclass_param")
          .put("num_class", Integer.toString(model.numClass()));
      case "count:poisson" -> obj.putObject("poisson_regression_param").put("max_delta_step", "0.7");
      case "reg:tweedie" -> obj.putObject("tweedie_regression_param").put("tweedie_variance_power", "1.5");
      default -> { }
    }
    ArrayNode v = doc.putArray("version");
    v.add(2).add(1).add(0);
    return doc;
  }

  private static void treesJson(TreeEnsemble e, ObjectNode gb) {
    boolean dart = false;
    for (int t = 0; t < e.size(); t++) {
      dart |= e.weight(t) != 1f;
    }
    ObjectNode gbtree = dart ? gb.putObject("gbtree") : gb;
    ObjectNode m = gbtree.putObject("model");
    ObjectNode gmp = m.putObject("gbtree_model_param");
    gmp.put("num_parallel_tree", "1");
    gmp.put("num_trees", Integer.toString(e.size()));
    ArrayNode indptr = m.putArray("iteration_indptr");
    for (int i = 0; i <= e.size() / e.outputs(); i++) {
      indptr.add(i * e.outputs());
    }
    ArrayNode info = m.putArray("tree_info");
    ArrayNode trees = m.putArray("trees");
    for (int t = 0; t < e.size(); t++) {
      info.add(e.group(t));
      trees.add(treeJson(e.tree(t), t, e.featureDim()));
    }
    gbtree.put("name", "gbtree");
    if (dart) {
      gb.put("name", "dart");
      ArrayNode wd = gb.putArray("weight_drop");
      for (int t = 0; t < e.size(); t++) {
        wd.add(e.weight(t));
      }
    }
  }

  private static ObjectNode treeJson(Tree tree, int id, int numFeature) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode j = f.objectNode();
    int n = tree.nodes();
    ArrayNode bw = j.putArray("base_weights");
    j.putArray("categories");
    j.putArray("categories_nodes");
    j.putArray("categories_segments");
    j.putArray("categories_sizes");
    ArrayNode dl = j.putArray("default_left");
    j.put("id", id);
    ArrayNode left = j.putArray("left_children");
    ArrayNode loss = j.putArray("loss_changes");
    ArrayNode parents = j.putArray("parents");
    ArrayNode right = j.putArray("right_children");
    ArrayNode cond = j.putArray("split_conditions");
    ArrayNode idx = j.putArray("split_indices");
    ArrayNode type = j.putArray("split_type");
    ArrayNode hess = j.putArray("sum_hessian");
    for (int i = 0; i < n; i++) {
      boolean leaf = tree.isLeaf(i);
      bw.add(Trees.baseWeight(tree, i));
      dl.add(leaf ? 0 : (Trees.defaultLeft(tree, i) ? 1 : 0));
      left.add(leaf ? -1 : tree.left(i));
      right.add(leaf ? -1 : tree.right(i));
      loss.add(Trees.lossChange(tree, i));
      parents.add(i == 0 ? Integer.MAX_VALUE : tree.parent(i));
      cond.add(leaf ? tree.leafValue(i) : tree.splitValue(i));
      idx.add(leaf ? 0 : tree.splitFeature(i));
      type.add(0);
      hess.add(tree.cover(i));
    }
    ObjectNode tp = j.putObject("tree_param");
    tp.put("num_deleted", "0");
    tp.put("num_feature", Integer.toString(numFeature));
    tp.put("num_nodes", Integer.toString(n));
    tp.put("size_leaf_vector", "1");
    return j;
  }
}
