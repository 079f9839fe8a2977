package dev.sagemill.cli;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.io.Channel;
import dev.sagemill.io.recordio.RecordIoReader;
import dev.sagemill.io.recordio.proto.RecordProtos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final Path HIGGS = Path.of("../examples/data/higgs-sample");

  @TempDir
  static Path shared;

  static Path model;

  /** Output and exit code of one command line. */
  record Run(int code, String out) {}

  static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * Trains {@code xgboost} (binary:logistic) on the Higgs sample with its validation channel.
   *
   * @param modelDir where the model goes
   * @param rounds num_round
   * @param metric eval_metric
   * @return the run
   */
  static Run trainXgboostOnHiggs(Path modelDir, int rounds, String metric) {
    return run("train", "--algorithm", "xgboost", "--train", HIGGS.resolve("train.csv.gz").toString(),
        "--validation", HIGGS.resolve("validation.csv.gz").toString(), "--hp", "num_round=" + rounds, "--hp",
        "objective=binary:logistic", "--hp", "eval_metric=" + metric, "--model-dir", modelDir.toString(),
        "--no-progress", "--threads", "2");
  }

  @BeforeAll
  static void trainOnce() {
    model = shared.resolve("model");
    Run r = run("train", "--algorithm", "linear-learner", "--train", HIGGS.resolve("train.csv.gz").toString(),
        "--validation", HIGGS.resolve("validation.csv.gz").toString(), "--hp", "predictor_type=binary_classifier",
        "--hp", "epochs=5", "--model-dir", model.toString(), "--no-progress", "--threads", "2");
    assertEquals(0, r.code(), r.out());
  }

  /**
   * Lays out SageMaker's training-container folders under a fresh root: the config files and one channel per
   * (channel, source file, name inside the channel) triple.
   */
  static Path containerRoot(String name, String hyperparameters, String[]... channels) throws IOException {
    Path root = shared.resolve(name);
    Files.createDirectories(root.resolve("input/config"));
    Files.writeString(root.resolve("input/config/hyperparameters.json"), hyperparameters);
    for (String[] c : channels) {
      Path dir = Files.createDirectories(root.resolve("input/data").resolve(c[0]));
      Files.copy(HIGGS.resolve(c[1]), dir.resolve(c[2]));
    }
    return root;
  }

  @Test
  void trainWithFlagsWritesModelMetricsAndSageMakerLogLines() throws IOException {
    assertTrue(Files.exists(model.resolve("model.sagemill")));
    JsonNode metrics = new ObjectMapper().readTree(model.resolve("metrics.json").toFile());
    assertTrue(metrics.get("validation:roc_auc_score").asDouble() > 0.65, metrics.toString());
  }

  @Test
  void containerLayoutWorksAsOnSageMaker() throws IOException {
    Path root = containerRoot("opt-ml",
        // adam: SageMaker's streamed optimizer, whose iterations are epochs (auto would hold this small channel in
        // memory and report one iteration per model)
        "{\"predictor_type\": \"binary_classifier\", \"epochs\": \"3\", \"use_bias\": \"True\", \"mini_batch_size\": \"500\","
            + " \"optimizer\": \"adam\", \"_tuning_objective_metric\": \"validation:roc_auc_score\"}",
        new String[] {"train", "train.csv.gz", "part-0.csv.gz"},
        new String[] {"validation", "validation.csv.gz", "part-0"});
    Files.writeString(root.resolve("input/config/inputdataconfig.json"),
        "{\"train\": {\"ContentType\": \"text/csv\", \"TrainingInputMode\": \"File\", \"S3DistributionType\":"
            + " \"ShardedByS3Key\"}, \"validation\": {\"ContentType\": \"text/csv;label_size=1\"}}");
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "linear-learner", "--no-progress");
    assertEquals(0, r.code(), r.out());
    assertTrue(Files.exists(root.resolve("model/model.sagemill")));
    // The regex SageMaker's tuning documentation gives for 1P algorithm logs.
    Matcher m = Pattern.compile("#quality_metric: host=algo-1, epoch=(\\d+), validation objective_loss <loss>=(\\S+)")
        .matcher(r.out());
    int lines = 0;
    while (m.find()) {
      lines++;
    }
    assertEquals(3, lines, r.out());
    // The issue's own example line: per-epoch validation accuracy in SageMaker's score form.
    assertTrue(Pattern.compile("#quality_metric: host=algo-1, epoch=2, validation binary_classification_accuracy"
        + " <score>=0\\.\\d+").matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("#validation_score (algo-1, binary_classification_accuracy): "), r.out());
  }

  @Test
  void containerCheckpointsFolderIsUsedAndResumedFrom() throws IOException {
    Path root = containerRoot("opt-ml-ck",
        "{\"predictor_type\": \"binary_classifier\", \"epochs\": \"2\", \"num_models\": \"2\"}",
        new String[] {"train", "train.csv.gz", "part-0.csv.gz"});
    Files.createDirectories(root.resolve("checkpoints"));
    Run first = run("train", "--sm-root", root.toString(), "--algorithm", "linear-learner", "--no-progress");
    assertEquals(0, first.code(), first.out());
    assertTrue(Files.exists(root.resolve("checkpoints/checkpoint.sagemill")));
    byte[] model = Files.readAllBytes(root.resolve("model/model.sagemill"));
    Run again = run("train", "--sm-root", root.toString(), "--algorithm", "linear-learner", "--no-progress");
    assertEquals(0, again.code(), again.out());
    assertFalse(again.out().contains("epoch=0"), "a finished checkpoint leaves no epoch to run: " + again.out());
    assertTrue(java.util.Arrays.equals(model, Files.readAllBytes(root.resolve("model/model.sagemill"))));
  }

  /** The SageMaker Python SDK uploads Linear Learner data as RecordIO-protobuf; that job must run unchanged. */
  @Test
  void recordIoProtobufChannelsAsTheSdkUploadsThem() throws IOException {
    Path root = containerRoot("opt-ml-rec", "{\"predictor_type\": \"binary_classifier\", \"epochs\": \"2\","
        + " \"feature_dim\": \"28\", \"mini_batch_size\": \"500\"}");
    for (String[] c : new String[][] {{"train", "train.csv.gz"}, {"validation", "validation.csv.gz"}}) {
      RowBatch rows = InMemoryDataset.collect(dev.sagemill.io.DataSources.open(HIGGS.resolve(c[1]))).data();
      Path dir = Files.createDirectories(root.resolve("input/data").resolve(c[0]));
      try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("part-0.pbr"))) {
        new dev.sagemill.io.recordio.RecordIoProtobufWriter(o).write(rows);
      }
    }
    Files.writeString(root.resolve("input/config/inputdataconfig.json"), "{\"train\": {\"ContentType\":"
        + " \"application/x-recordio-protobuf\", \"TrainingInputMode\": \"Pipe\"}, \"validation\":"
        + " {\"ContentType\": \"application/x-recordio-protobuf\"}}");
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "linear-learner", "--no-progress");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("#validation_score (algo-1, roc_auc_score): 0."), r.out());
  }

  @Test
  void anXGBoostJobPrintsXGBoostsEvalLinesForTheTuner() throws IOException {
    Path root = containerRoot("opt-ml-xgb",
        "{\"num_round\": \"5\", \"objective\": \"binary:logistic\", \"max_depth\": \"3\", \"eval_metric\": \"auc\","
            + " \"_tuning_objective_metric\": \"validation:auc\"}",
        new String[] {"train", "train.csv.gz", "part-0.csv.gz"},
        new String[] {"validation", "validation.csv.gz", "part-0.csv.gz"});
    Files.writeString(root.resolve("input/config/inputdataconfig.json"),
        "{\"train\": {\"ContentType\": \"text/csv\"}, \"validation\": {\"ContentType\": \"text/csv\"}}");
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "xgboost", "--no-progress");
    assertEquals(0, r.code(), r.out());
    // The metric regex of SageMaker's XGBoost tuning documentation.
    Matcher m = Pattern.compile(".*\\[[0-9]+\\].*#011validation-auc:(\\S+)").matcher(r.out());
    int lines = 0;
    while (m.find()) {
      assertTrue(Double.parseDouble(m.group(1)) > 0.6, m.group());
      lines++;
    }
    assertEquals(5, lines, r.out());
    Path modelDir = root.resolve("model");
    Run p = run("predict", "--model-dir", modelDir.toString(), "--input", HIGGS.resolve("predict.csv").toString());
    assertEquals(0, p.code(), p.out());
    List<String> answers = p.out().lines().toList();
    assertEquals(5, answers.size());
    for (String a : answers) {
      double prob = Double.parseDouble(a);
      assertTrue(prob > 0 && prob < 1, a);
    }
  }

  /**
   * Writes train and validation CSV channels (target first) whose label is 1 exactly for categories 1, 4 and 7 of
   * column 1 (10 categories; column 2 is noise), and a {@code categorical_index.json} naming column 1.
   */
  private static void writeCategoricalChannels(Path root) throws IOException {
    for (String channel : new String[] {"train", "validation"}) {
      StringBuilder csv = new StringBuilder();
      for (int i = 0; i < 600; i++) {
        int cat = (i * 7 + (channel.equals("train") ? 0 : 3)) % 10;
        double noise = ((i * 37) % 100) / 100.0;
        csv.append(cat % 3 == 1 ? 1 : 0).append(',').append(cat).append(',').append(noise).append('\n');
      }
      Path dir = Files.createDirectories(root.resolve("input/data").resolve(channel));
      Files.writeString(dir.resolve("data.csv"), csv);
    }
    Files.writeString(root.resolve("input/data/train/categorical_index.json"), "{\"cat_index_list\": [1]}");
  }

  /**
   * A LightGBM job as SageMaker runs it: CSV channels with the target first, a {@code categorical_index.json}
   * beside the training data, LightGBM's per-iteration lines that the tuner's regex reads, and JSON answers with
   * class probabilities.
   */
  @Test
  void aLightGBMJobUsesCategoricalIndexAndPrintsLightGBMLines() throws IOException {
    Path root = shared.resolve("opt-ml-lgb");
    Files.createDirectories(root.resolve("input/config"));
    Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"num_boost_round\": \"8\","
        + " \"num_leaves\": \"4\", \"min_data_in_leaf\": \"5\", \"min_data_per_group\": \"5\", \"learning_rate\": \"0.5\","
        + " \"feature_fraction\": \"1.0\"}");
    writeCategoricalChannels(root);
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "lightgbm", "--no-progress");
    assertEquals(0, r.code(), r.out());
    Matcher m = Pattern.compile("\\[[0-9]+\\]\tvalidation's binary_logloss: ([0-9\\.]+)").matcher(r.out());
    int lines = 0;
    double last = 1;
    while (m.find()) {
      last = Double.parseDouble(m.group(1));
      lines++;
    }
    assertEquals(8, lines, r.out());
    assertTrue(last < 0.1, "the categorical split separates the classes: " + r.out());
    Path input = shared.resolve("lgb-predict.csv");
    Files.writeString(input, "1,0.5\n2,0.5\n");
    Run p = run("predict", "--model-dir", root.resolve("model").toString(), "--input", input.toString(), "--accept",
        "application/jsonlines");
    assertEquals(0, p.code(), p.out());
    List<String> answers = p.out().lines().toList();
    JsonNode one = new ObjectMapper().readTree(answers.get(0));
    JsonNode two = new ObjectMapper().readTree(answers.get(1));
    assertEquals(1, one.get("predicted_label").asInt(), answers.get(0));
    assertEquals(0, two.get("predicted_label").asInt(), answers.get(1));
    assertEquals(2, one.get("probabilities").size());
  }

  /**
   * A CatBoost job as SageMaker runs it: CSV channels with the target first and a {@code categorical_index.json};
   * CatBoost's per-iteration lines and the closing {@code bestTest = } line that the tuner's regex reads; JSON answers
   * with class probabilities, an unseen category included.
   */
  @Test
  void aCatBoostJobEncodesCategoriesAndPrintsBestTest() throws IOException {
    Path root = shared.resolve("opt-ml-cb");
    Files.createDirectories(root.resolve("input/config"));
    Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"iterations\": \"12\","
        + " \"depth\": \"3\", \"learning_rate\": \"0.3\", \"eval_metric\": \"Logloss\"}");
    writeCategoricalChannels(root);
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "catboost", "--no-progress");
    assertEquals(0, r.code(), r.out());
    assertEquals(12, Pattern.compile("(?m)^[0-9]+:\ttest: [0-9.]+\tbest: ").matcher(r.out()).results().count(),
        r.out());
    Matcher best = Pattern.compile("bestTest = ([0-9\\.]+)").matcher(r.out());
    assertTrue(best.find(), r.out());
    assertTrue(Double.parseDouble(best.group(1)) < 0.1, "the category statistics separate the classes: " + r.out());
    Path input = shared.resolve("cb-predict.csv");
    Files.writeString(input, "1,0.5\n2,0.5\n99,0.5\n");
    Run p = run("predict", "--model-dir", root.resolve("model").toString(), "--input", input.toString(), "--accept",
        "application/jsonlines");
    assertEquals(0, p.code(), p.out());
    List<String> answers = p.out().lines().toList();
    assertEquals(1, new ObjectMapper().readTree(answers.get(0)).get("predicted_label").asInt(), answers.get(0));
    assertEquals(0, new ObjectMapper().readTree(answers.get(1)).get("predicted_label").asInt(), answers.get(1));
    assertEquals(2, new ObjectMapper().readTree(answers.get(2)).get("probabilities").size(), answers.get(2));
  }

  /** SageMaker's PCA and k-means jobs leave {@code model_algo-1}, an MXNet NDArray file; predict serves both. */
  @Test
  void predictServesTheModelAlgo1OfSageMakerPcaAndKMeansJobs() throws IOException {
    int d = 28;
    double[] v = new double[d * 3]; // components e2, e1, e0 (ascending singular values 1, 2, 3)
    for (int c = 0; c < 3; c++) {
      v[(2 - c) * 3 + c] = 1;
    }
    double[] mean = new double[d];
    mean[0] = 0.5;
    dev.sagemill.algo.pca.PCAModel pca = new dev.sagemill.algo.pca.PCAModel(v, new double[] {1, 2, 3}, mean,
        Double.NaN, dev.sagemill.core.data.Schema.of(d, 0), new dev.sagemill.core.estimator.ModelCard("pca",
        java.util.Map.of(), java.util.Map.of(), "test"));
    Path pcaDir = Files.createDirectories(shared.resolve("sm-pca-artifact"));
    Files.write(pcaDir.resolve("model_algo-1"), pca.toSageMaker());
    Path rows = HIGGS.resolve("predict.csv");
    Run p = run("predict", "--model-dir", pcaDir.toString(), "--input", rows.toString());
    assertEquals(0, p.code(), p.out());
    String[] first = p.out().lines().findFirst().orElseThrow().split(",");
    String[] x = Files.readAllLines(rows).get(0).split(",");
    assertEquals(3, first.length, p.out());
    assertEquals(Double.parseDouble(x[2]), Double.parseDouble(first[0]), 1e-5);
    assertEquals(Double.parseDouble(x[0]) - 0.5, Double.parseDouble(first[2]), 1e-5);

    double[] centroids = new double[2 * d];
    java.util.Arrays.fill(centroids, d, 2 * d, 100);
    Path kmDir = Files.createDirectories(shared.resolve("sm-kmeans-artifact"));
    Files.write(kmDir.resolve("model_algo-1"), dev.sagemill.core.io.MxNdArrays.write(java.util.Map.of("0",
        new dev.sagemill.core.io.MxNdArrays.NdArray(new long[] {2, d}, centroids))));
    Run k = run("predict", "--model-dir", kmDir.toString(), "--input", rows.toString());
    assertEquals(0, k.code(), k.out());
    assertTrue(k.out().lines().allMatch(l -> l.startsWith("0,")), k.out()); // cluster,distance: all nearer 0
  }

  /** SageMaker's k-NN answers its neighbours too when asked with {@code Accept: application/json; verbose=true}. */
  @Test
  void knnAnswersNeighboursWithVerboseAccept() throws IOException {
    Path dir = shared.resolve("knn-model");
    Run t = run("train", "--algorithm", "knn", "--train", HIGGS.resolve("train.csv.gz").toString(), "--hp", "k=5",
        "--hp", "feature_dim=28", "--hp", "predictor_type=classifier", "--hp", "sample_size=100000",
        "--model-dir", dir.toString(), "--no-progress");
    assertEquals(0, t.code(), t.out());
    String rows = HIGGS.resolve("predict.csv").toString();
    Run p = run("predict", "--model-dir", dir.toString(), "--input", rows, "--accept",
        "application/json; verbose=true");
    assertEquals(0, p.code(), p.out());
    JsonNode predictions = new ObjectMapper().readTree(p.out()).get("predictions");
    assertEquals(5, predictions.size(), p.out());
    for (JsonNode answer : predictions) {
      JsonNode labels = answer.get("labels");
      JsonNode distances = answer.get("distances");
      assertEquals(5, labels.size(), answer.toString());
      assertEquals(5, distances.size(), answer.toString());
      int ones = 0;
      for (int i = 0; i < 5; i++) {
        ones += labels.get(i).asInt();
        assertTrue(i == 0 || distances.get(i - 1).asDouble() <= distances.get(i).asDouble(), answer.toString());
      }
      assertEquals(ones >= 3 ? 1 : 0, answer.get("predicted_label").asInt(), "majority of " + labels);
    }
    Run plain = run("predict", "--model-dir", dir.toString(), "--input", rows, "--accept", "application/json");
    assertFalse(plain.out().contains("distances"), plain.out());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(1, run("predict", "--model-dir", model.toString(), "--input", rows, "--accept",
          "application/json; verbose=true").code());
    } finally {
      System.setErr(old);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("verbose=true applies to knn models; this is a "
        + "linear-learner model"), err.toString(StandardCharsets.UTF_8));
  }

  /** The model.tar.gz of a SageMaker XGBoost job holds {@code xgboost-model} (UBJSON since XGBoost 2.1). */
  @Test
  void predictServesTheXgboostModelOfASageMakerJob() throws IOException {
    Path golden = Path.of("../algorithms-tabular/src/test/resources/dev/sagemill/algo/xgboost/interop");
    Path dir = Files.createDirectories(shared.resolve("sm-xgboost-artifact"));
    Files.copy(golden.resolve("binary.ubj"), dir.resolve("xgboost-model"));
    Run p = run("predict", "--model-dir", dir.toString(), "--input", golden.resolve("rows.csv").toString());
    assertEquals(0, p.code(), p.out());
    List<String> answers = p.out().lines().toList();
    List<String> margins = Files.readAllLines(golden.resolve("binary.margins.csv"));
    assertEquals(margins.size(), answers.size());
    for (int i = 0; i < answers.size(); i++) {
      double expected = 1 / (1 + Math.exp(-Double.parseDouble(margins.get(i))));
      assertEquals(expected, Double.parseDouble(answers.get(i)), 1e-5, "row " + i);
    }
  }

  @Test
  void predictWritesSelectableOutputsAndShapContributions() throws IOException {
    Path golden = Path.of("../algorithms-tabular/src/test/resources/dev/sagemill/algo/xgboost/interop");
    Path model = golden.resolve("binary.json");
    String rows = golden.resolve("rows.csv").toString();
    Run shap = run("predict", "--model-dir", model.toString(), "--input", rows, "--outputs", "contributions");
    assertEquals(0, shap.code(), shap.out());
    List<String> lines = shap.out().lines().toList();
    List<String> expected = Files.readAllLines(golden.resolve("binary.contribs.csv"));
    for (int i = 0; i < lines.size(); i++) {
      String[] got = lines.get(i).split(",");
      String[] want = expected.get(i).split(",");
      assertEquals(29, got.length);
      for (int j = 0; j < got.length; j++) {
        assertEquals(Double.parseDouble(want[j]), Double.parseDouble(got[j]), 1e-5);
      }
    }
    Run sel = run("predict", "--model-dir", model.toString(), "--input", rows, "--outputs",
        "predicted_label,probability", "--accept", "application/jsonlines");
    assertEquals(0, sel.code(), sel.out());
    JsonNode first = new ObjectMapper().readTree(sel.out().lines().findFirst().orElseThrow());
    assertTrue(first.get("predicted_label").isIntegralNumber(), first.toString());
    assertTrue(first.get("probability").asDouble() > 0, first.toString());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Run bad;
    try {
      bad = run("predict", "--model-dir", model.toString(), "--input", rows, "--outputs", "predicted_score");
    } finally {
      System.setErr(old);
    }
    assertEquals(1, bad.code());
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("predicted_score does not apply to objective binary:logistic"), message);
  }

  @Test
  void failuresAreWrittenToOutputFailure() throws IOException {
    Path root = containerRoot("opt-ml-bad",
        "{\"predictor_type\": \"binary_classifier\", \"epochs\": \"zero\", \"learning_rat\": \"0.1\"}",
        new String[] {"train", "test.csv.gz", "t.csv.gz"});
    Run r = run("train", "--sm-root", root.toString(), "--algorithm", "linear-learner");
    assertEquals(2, r.code());
    String failure = Files.readString(root.resolve("output/failure"));
    assertTrue(failure.contains("epochs must be an integer >= 1, got \"zero\""), failure);
    assertTrue(failure.contains("unknown hyperparameter learning_rat (did you mean learning_rate?)"), failure);
    assertFalse(Files.exists(root.resolve("model/model.sagemill")));
  }

  @Test
  void predictAnswersInEverySageMakerFormat() throws IOException {
    String input = HIGGS.resolve("predict.csv").toString();
    Run csv = run("predict", "--model-dir", model.toString(), "--input", input);
    assertEquals(0, csv.code(), csv.out());
    List<String> lines = csv.out().lines().toList();
    assertEquals(5, lines.size());
    assertTrue(lines.get(0).matches("0\\.\\d+,[01]"), lines.get(0));

    Run jsonl = run("predict", "--model-dir", model.toString(), "--input", input, "--accept", "application/jsonlines");
    JsonNode first = new ObjectMapper().readTree(jsonl.out().lines().findFirst().orElseThrow());
    assertEquals(Double.parseDouble(lines.get(0).split(",")[0]), first.get("score").asDouble());
    assertTrue(first.get("predicted_label").isIntegralNumber());

    Path out = shared.resolve("answers.json");
    Run json = run("predict", "--model-dir", model.toString(), "--input", input, "--accept", "application/json",
        "--output", out.toString());
    assertEquals(0, json.code(), json.out());
    assertEquals(5, new ObjectMapper().readTree(out.toFile()).get("predictions").size());

    Path rec = shared.resolve("answers.rec");
    assertEquals(0, run("predict", "--model-dir", model.toString(), "--input", input, "--accept",
        "application/x-recordio-protobuf", "--output", rec.toString()).code());
    try (RecordIoReader r = new RecordIoReader(Files.newInputStream(rec), "answers.rec", 1 << 20)) {
      RecordProtos.Record answer = RecordProtos.Record.parseFrom(r.next().orElseThrow());
      assertEquals(first.get("score").floatValue(), answer.getLabelMap().get("score").getFloat32Tensor().getValues(0));
    }
  }

  @Test
  void predictAcceptsSageMakerJsonRequests() throws IOException {
    RowBatch rows = InMemoryDataset.collect(dev.sagemill.io.csv.CsvDataSource.of(
        Channel.of(HIGGS.resolve("predict.csv")), 0, false)).data();
    StringBuilder req = new StringBuilder("{\"instances\": [");
    for (int r = 0; r < 2; r++) {
      req.append(r > 0 ? "," : "").append("{\"features\": ").append(java.util.Arrays.toString(rows.row(r).toDense()))
          .append("}");
    }
    Path f = Files.writeString(shared.resolve("request.json"), req.append("]}").toString());
    Run r = run("predict", "--model-dir", model.toString(), "--input", f.toString(), "--accept", "application/jsonlines");
    assertEquals(0, r.code(), r.out());
    assertEquals(2, r.out().lines().count());
  }

  @Test
  void libsvmPredictionUsesTheModelsDimension() throws IOException {
    Path agaricus = SharedData.file("xgboost_agaricus/agaricus.txt.train");
    Path m = shared.resolve("agaricus-model");
    Run t = run("train", "--algorithm", "linear-learner", "--train", agaricus.toString(), "--content-type",
        "text/libsvm", "--hp", "predictor_type=binary_classifier", "--hp", "epochs=2", "--model-dir", m.toString(),
        "--no-progress");
    assertEquals(0, t.code(), t.out());
    // Two rows whose largest index (70) is far below the model's 126 features.
    Path rows = Files.writeString(shared.resolve("few.libsvm"), "0 3:1 10:1 70:1\n1 1:1 9:1\n");
    Run p = run("predict", "--model-dir", m.toString(), "--input", rows.toString());
    assertEquals(0, p.code(), p.out());
    assertEquals(2, p.out().lines().count(), p.out());
  }

  /**
   * Issue 29 item 11: a stray {@code 0:} pair made the training file 0-based; predicting the same rows from a file
   * without it used to read them 1-based and shift every feature. The model now records its numbering.
   */
  @Test
  void libsvmPredictionNumbersFeaturesAsTheTrainingFileDid() throws IOException {
    java.util.Random rnd = new java.util.Random(5);
    StringBuilder train = new StringBuilder();
    StringBuilder plain = new StringBuilder();
    for (int r = 0; r < 200; r++) {
      StringBuilder row = new StringBuilder();
      double x3 = 0;
      double x7 = 0;
      for (int j = 1; j <= 10; j++) {
        float v = rnd.nextInt(4);
        if (v != 0) {
          row.append(' ').append(j).append(':').append(v);
        }
        x3 += j == 3 ? v : 0;
        x7 += j == 7 ? v : 0;
      }
      String label = x3 + x7 > 3 ? "1" : "0";
      train.append(label).append(r == 17 ? " 0:1" : "").append(row).append('\n');
      if (r != 17) {
        plain.append(label).append(row).append('\n');
      }
    }
    Path trainFile = Files.writeString(shared.resolve("stray-zero.libsvm"), train);
    Path plainFile = Files.writeString(shared.resolve("no-zero.libsvm"), plain);
    Path m = shared.resolve("stray-zero-model");
    Run t = run("train", "--algorithm", "xgboost", "--train", trainFile.toString(), "--content-type", "text/libsvm",
        "--hp", "objective=binary:logistic", "--hp", "num_round=5", "--model-dir", m.toString(), "--no-progress");
    assertEquals(0, t.code(), t.out());
    java.util.List<String> all = new java.util.ArrayList<>(run("predict", "--model-dir", m.toString(), "--input",
        trainFile.toString()).out().lines().toList());
    all.remove(17);
    Run p = run("predict", "--model-dir", m.toString(), "--input", plainFile.toString());
    assertEquals(0, p.code(), p.out());
    assertEquals(all, p.out().lines().toList(), "the same rows get the same answers, read 0-based as in training");

    // A 1-based model meets a file with index 0: refused, naming the line, instead of guessed.
    Path m1 = shared.resolve("one-based-model");
    assertEquals(0, run("train", "--algorithm", "xgboost", "--train", plainFile.toString(), "--content-type",
        "text/libsvm", "--hp", "objective=binary:logistic", "--hp", "num_round=2", "--model-dir", m1.toString(),
        "--no-progress").code());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(1, run("predict", "--model-dir", m1.toString(), "--input", trainFile.toString()).code());
    } finally {
      System.setErr(old);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("stray-zero.libsvm") && message.contains("line 18")
        && message.contains("feature index 0, but features are numbered from 1"), message);
  }

  @Test
  void badInputLeavesNoPartialOutput() throws IOException {
    Path bad = Files.writeString(shared.resolve("bad.csv"), "1,2,3\n");
    Path out = shared.resolve("never.csv");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Run r;
    try {
      r = run("predict", "--model-dir", model.toString(), "--input", bad.toString(), "--output", out.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(1, r.code());
    assertFalse(Files.exists(out));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.startsWith("sagemill predict: ") && message.contains("bad.csv: the model expects 28 features,"
        + " the data has 3") && !message.contains("\tat "), message);
  }

  @Test
  void listsAlgorithmsAndTheirHyperparameters() {
    Run list = run("algorithms");
    assertTrue(list.out().contains("linear-learner"));
    Run hp = run("algorithms", "linear-learner");
    assertTrue(hp.out().contains("mini_batch_size"), hp.out());
    assertTrue(run("train", "--help").out().contains("--sm-root"));
  }

  /** Hardening: a checkpoint made on data of one shape never resumes a job on data of another. */
  @Test
  void aCheckpointOfOtherDataIsRefused() throws IOException {
    Path ck = shared.resolve("xgb-checkpoint");
    Run first = run("train", "--algorithm", "xgboost", "--train", HIGGS.resolve("train.csv.gz").toString(), "--hp",
        "num_round=3", "--checkpoint-dir", ck.toString(), "--model-dir", shared.resolve("xgb-ck-model").toString(),
        "--no-progress");
    assertEquals(0, first.code(), first.out());
    StringBuilder narrow = new StringBuilder();
    for (int r = 0; r < 200; r++) {
      narrow.append(r % 2).append(',').append(r % 7).append(',').append(r % 5).append('\n');
    }
    Path other = Files.writeString(shared.resolve("narrow.csv"), narrow.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, run("train", "--algorithm", "xgboost", "--train", other.toString(), "--hp", "num_round=3",
          "--checkpoint-dir", ck.toString(), "--model-dir", shared.resolve("xgb-ck-other").toString(),
          "--no-progress").code());
    } finally {
      System.setErr(old);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("was written for data of shape"),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Hardening (issue 29 item 2): text after the first JSON value of a request or a JSON Lines line is an error. */
  @Test
  void aSecondJsonValueIsRefusedNotDropped() throws IOException {
    String instance = "{\"features\": [" + "0.5,".repeat(27) + "0.5]}";
    Path two = Files.writeString(shared.resolve("two.json"), "{\"instances\": [" + instance + "]} {\"instances\": ["
        + instance + "]}");
    Path lines = Files.writeString(shared.resolve("two.jsonl"), instance + " garbage\n");
    for (Path f : List.of(two, lines)) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream old = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        assertEquals(1, run("predict", "--model-dir", model.toString(), "--input", f.toString()).code(), f.toString());
      } finally {
        System.setErr(old);
      }
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("not valid JSON"), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Hardening (issue 29 item 9): a blank line between inference rows is refused, so answers line up with lines. */
  @Test
  void aBlankLineInPredictInputIsRefused() throws IOException {
    List<String> rows = Files.readAllLines(HIGGS.resolve("predict.csv"));
    Path gap = Files.writeString(shared.resolve("gap.csv"), rows.get(0) + "\n\n" + rows.get(1) + "\n\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(1, run("predict", "--model-dir", model.toString(), "--input", gap.toString()).code());
    } finally {
      System.setErr(old);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2") && err.toString(StandardCharsets.UTF_8)
        .contains("is empty"), err.toString(StandardCharsets.UTF_8));
    Path trailing = Files.writeString(shared.resolve("trailing.csv"), rows.get(0) + "\n" + rows.get(1) + "\n\n");
    Run ok = run("predict", "--model-dir", model.toString(), "--input", trailing.toString());
    assertEquals(0, ok.code(), ok.out());
    assertEquals(2, ok.out().lines().count(), "blank lines at the end are allowed");
  }
}
