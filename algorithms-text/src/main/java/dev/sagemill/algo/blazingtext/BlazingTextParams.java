package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * SageMaker BlazingText hyperparameters with SageMaker's names, defaults and ranges, parsed from the string map of
 * {@code hyperparameters.json} ({@link #parse}) or built with {@link #builder(Mode)}. Beyond SageMaker's, {@code loss}
 * picks fastText's output layer ({@code auto}: negative sampling for word2vec, softmax for the classifier) and
 * {@code seed} seeds initialisation and sampling. {@code subwords} (character n-grams between {@code min_char} and
 * {@code max_char}) applies to both word2vec and the classifier.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlazingTextParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "blazingtext";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The values of {@code mode}. */
  public enum Mode implements Choice {
    /** {@code cbow}: continuous bag of words. */
    CBOW("cbow"),
    /** {@code skipgram}: skip-gram. */
    SKIPGRAM("skipgram"),
    /** {@code batch_skipgram}: skip-gram with mini-batches of context words sharing negatives. */
    BATCH_SKIPGRAM("batch_skipgram"),
    /** {@code supervised}: fastText's text classifier. */
    SUPERVISED("supervised");

    private final String value;

    Mode(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code loss}. */
  public enum Loss implements Choice {
    /** {@code auto}: ns for word2vec, softmax for supervised. */
    AUTO("auto"),
    /** {@code ns}: negative sampling. */
    NS("ns"),
    /** {@code hs}: hierarchical softmax. */
    HS("hs"),
    /** {@code softmax}: full softmax (supervised). */
    SOFTMAX("softmax"),
    /** {@code ova}: one-vs-all binary logistic per label (multi-label, supervised). */
    OVA("ova");

    private final String value;

    Loss(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .choice("mode", Mode.class, null, true, "Word2vec architecture (cbow, skipgram, batch_skipgram) or supervised "
          + "text classification.")
      .number("vector_dim", ParamType.INT, 1, true, 10_000, true, "100", false, "Size of the word vectors.")
      .number("window_size", ParamType.INT, 1, true, 1000, true, "5", false, "Context window (word2vec).")
      .number("negative_samples", ParamType.INT, 1, true, 1000, true, "5", false,
          "Negatives per positive (negative sampling).")
      .number("min_count", ParamType.INT, 0, true, INF, false, "5", false, "Words seen fewer times are discarded.")
      .number("sampling_threshold", ParamType.DOUBLE, 0, false, 1, true, "0.0001", false,
          "Threshold of the downsampling of frequent words (word2vec).")
      .number("learning_rate", ParamType.DOUBLE, 0, false, 10, true, "0.05", false,
          "Initial step size, decayed linearly to zero over training.")
      .number("epochs", ParamType.INT, 1, true, 100_000, true, "5", false, "Passes over the training data.")
      .number("batch_size", ParamType.INT, 1, true, 1000, true, "11", false,
          "batch_skipgram: context words per mini-batch sharing one draw of negatives (SageMaker suggests 10-20).")
      .bool("subwords", "false", false, "Learn character n-gram vectors, so unknown words get vectors.")
      .number("min_char", ParamType.INT, 1, true, 100, true, "3", false, "Shortest character n-gram (subwords).")
      .number("max_char", ParamType.INT, 1, true, 100, true, "6", false, "Longest character n-gram (subwords).")
      .number("buckets", ParamType.INT, 1, true, 100_000_000, true, "2000000", false,
          "Hash buckets of the character and word n-grams.")
      .bool("evaluation", "true", false, "word2vec: WordSim-353 Spearman rho written to eval.json (train:mean_rho).")
      .number("word_ngrams", ParamType.INT, 1, true, 100, true, "2", false,
          "supervised: longest word n-gram used as a feature.")
      .bool("early_stopping", "false", false, "supervised: stop when validation:accuracy stops improving.")
      .number("patience", ParamType.INT, 1, true, INF, false, "4", false,
          "supervised: epochs without improvement before stopping.")
      .number("min_epochs", ParamType.INT, 1, true, INF, false, "5", false,
          "supervised: epochs always run before early stopping may stop.")
      .choice("loss", Loss.class, Loss.AUTO, false, "fastText's output layer: ns, hs, softmax or ova.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .crossCheck(BlazingTextParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("min_char") instanceof Number lo && v.get("max_char") instanceof Number hi
        && lo.intValue() > hi.intValue()) {
      problems.add("min_char = " + lo + " is larger than max_char = " + hi);
    }
    Object mode = v.get("mode");
    Object loss = v.get("loss");
    boolean supervised = "supervised".equals(mode);
    if (!supervised && ("softmax".equals(loss) || "ova".equals(loss))) {
      problems.add("loss = " + loss + " applies to mode supervised; word2vec modes take ns or hs");
    }
    if ("batch_skipgram".equals(mode) && "hs".equals(loss)) {
      problems.add("mode batch_skipgram shares negative samples and needs loss ns, got hs");
    }
  }

  private BlazingTextParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static BlazingTextParams parse(Map<String, String> hyperparameters) {
    return new BlazingTextParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param mode the required mode
   * @return a builder with it set
   */
  public static Builder builder(Mode mode) {
    return new Builder().set("mode", mode);
  }

  /** @return the mode */
  public Mode mode() {
    String m = values.getString("mode");
    for (Mode x : Mode.values()) {
      if (x.value().equals(m)) {
        return x;
      }
    }
    throw new IllegalStateException("unvalidated mode " + m);
  }

  /** @return whether the mode is supervised */
  public boolean supervised() {
    return mode() == Mode.SUPERVISED;
  }

  /** @return the fastText arguments these hyperparameters train with */
  FastTextArgs fastTextArgs() {
    boolean sup = supervised();
    String loss = values.isAuto("loss") ? "auto" : values.getString("loss");
    int lossCode = switch (loss) {
      case "ns" -> FastTextArgs.NS;
      case "hs" -> FastTextArgs.HS;
      case "softmax" -> FastTextArgs.SOFTMAX;
      case "ova" -> FastTextArgs.OVA;
      default -> sup ? FastTextArgs.SOFTMAX : FastTextArgs.NS;
    };
    int model = switch (mode()) {
      case CBOW -> FastTextArgs.CBOW;
      case SUPERVISED -> FastTextArgs.SUPERVISED;
      default -> FastTextArgs.SKIPGRAM;
    };
    boolean sub = values.getBoolean("subwords");
    int minn = sub ? values.getInt("min_char") : 0;
    int maxn = sub ? values.getInt("max_char") : 0;
    int wordNgrams = sup ? values.getInt("word_ngrams") : 1;
    // As fastText: without character or word n-grams no bucket rows are allocated.
    int bucket = maxn == 0 && wordNgrams <= 1 ? 0 : values.getInt("buckets");
    return new FastTextArgs(values.getInt("vector_dim"), values.getInt("window_size"), values.getInt("epochs"),
        values.getInt("min_count"), values.getInt("negative_samples"), wordNgrams, lossCode, model, bucket, minn,
        maxn, 100, values.getDouble("sampling_threshold"));
  }

  /** @return learning_rate */
  public double learningRate() {
    return values.getDouble("learning_rate");
  }

  /** @return epochs */
  public int epochs() {
    return values.getInt("epochs");
  }

  /** @return batch_size */
  public int batchSize() {
    return values.getInt("batch_size");
  }

  /** @return evaluation */
  public boolean evaluation() {
    return values.getBoolean("evaluation");
  }

  /** @return early_stopping */
  public boolean earlyStopping() {
    return values.getBoolean("early_stopping");
  }

  /** @return patience */
  public int patience() {
    return values.getInt("patience");
  }

  /** @return min_epochs */
  public int minEpochs() {
    return values.getInt("min_epochs");
  }

  /** @return seed */
  public long seed() {
    return values.getLong("seed");
  }

  /** Typed construction of {@link BlazingTextParams}. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<BlazingTextParams, Builder> {
    private Builder() {
      super(BlazingTextParams::parse);
    }

    /**
     * @param value vector size
     * @return this builder
     */
    public Builder vectorDim(int value) {
      return set("vector_dim", Integer.toString(value));
    }

    /**
     * @param value context window
     * @return this builder
     */
    public Builder windowSize(int value) {
      return set("window_size", Integer.toString(value));
    }

    /**
     * @param value negatives per positive
     * @return this builder
     */
    public Builder negativeSamples(int value) {
      return set("negative_samples", Integer.toString(value));
    }

    /**
     * @param value fewest occurrences of a kept word
     * @return this builder
     */
    public Builder minCount(int value) {
      return set("min_count", Integer.toString(value));
    }

    /**
     * @param value downsampling threshold
     * @return this builder
     */
    public Builder samplingThreshold(double value) {
      return set("sampling_threshold", Double.toString(value));
    }

    /**
     * @param value initial learning rate
     * @return this builder
     */
    public Builder learningRate(double value) {
      return set("learning_rate", Double.toString(value));
    }

    /**
     * @param value passes
     * @return this builder
     */
    public Builder epochs(int value) {
      return set("epochs", Integer.toString(value));
    }

    /**
     * @param value batch_skipgram mini-batch size
     * @return this builder
     */
    public Builder batchSize(int value) {
      return set("batch_size", Integer.toString(value));
    }

    /**
     * @param value whether to learn character n-grams
     * @return this builder
     */
    public Builder subwords(boolean value) {
      return set("subwords", Boolean.toString(value));
    }

    /**
     * @param value shortest character n-gram
     * @return this builder
     */
    public Builder minChar(int value) {
      return set("min_char", Integer.toString(value));
    }

    /**
     * @param value longest character n-gram
     * @return this builder
     */
    public Builder maxChar(int value) {
      return set("max_char", Integer.toString(value));
    }

    /**
     * @param value n-gram hash buckets
     * @return this builder
     */
    public Builder buckets(int value) {
      return set("buckets", Integer.toString(value));
    }

    /**
     * @param value whether to evaluate on WordSim-353
     * @return this builder
     */
    public Builder evaluation(boolean value) {
      return set("evaluation", Boolean.toString(value));
    }

    /**
     * @param value longest word n-gram
     * @return this builder
     */
    public Builder wordNgrams(int value) {
      return set("word_ngrams", Integer.toString(value));
    }

    /**
     * @param value whether to stop early on validation accuracy
     * @return this builder
     */
    public Builder earlyStopping(boolean value) {
      return set("early_stopping", Boolean.toString(value));
    }

    /**
     * @param value epochs without improvement
     * @return this builder
     */
    public Builder patience(int value) {
      return set("patience", Integer.toString(value));
    }

    /**
     * @param value epochs before early stopping may stop
     * @return this builder
     */
    public Builder minEpochs(int value) {
      return set("min_epochs", Integer.toString(value));
    }

    /**
     * @param value the output layer
     * @return this builder
     */
    public Builder loss(Loss value) {
      return set("loss", value);
    }

    /**
     * @param value random seed
     * @return this builder
     */
    public Builder seed(long value) {
      return set("seed", Long.toString(value));
    }
  }
}
