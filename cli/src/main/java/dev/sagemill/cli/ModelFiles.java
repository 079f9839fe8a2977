package dev.sagemill.cli;

import dev.sagemill.algo.kmeans.KMeansModel;
import dev.sagemill.algo.knn.KnnModel;
import dev.sagemill.algo.pca.PCAModel;
import dev.sagemill.algo.xgboost.XGBoostJson;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.io.MxNdArrays;
import dev.sagemill.io.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds and loads the model that {@code predict} and {@code serve} use: a sagemill model file, a model written by
 * XGBoost itself (JSON or UBJSON), such as the {@code xgboost-model} file inside the {@code model.tar.gz} of a
 * SageMaker XGBoost training job, or the {@code model_algo-1} of a SageMaker k-means or PCA job (unpacked, or inside
 * its {@code model.tar.gz}). Files are told apart by content, not by name.
 */
final class ModelFiles {
  /** The file name of SageMaker XGBoost's model artifact. */
  static final String XGBOOST_MODEL = "xgboost-model";
  /** The file name of the model artifact of SageMaker's 1P (MXNet-era) algorithms. */
  static final String ALGO_MODEL = "model_algo-1";
  /** The archive a SageMaker training job writes its model folder into. */
  static final String MODEL_TAR = "model.tar.gz";

  private ModelFiles() {}

  /**
   * Applies SageMaker's selectable inference outputs: the given keys, else those of the
   * {@code SAGEMAKER_INFERENCE_OUTPUT} environment variable, else the model's default answer.
   *
   * @param model the model
   * @param keys output names, or null
   * @return the model answering those outputs
   * @throws IllegalArgumentException if outputs are asked of a model that has no selectable outputs
   */
  static Model selectOutputs(Model model, List<String> keys) {
    List<String> ks = keys;
    if (ks == null || ks.isEmpty()) {
      String env = System.getenv("SAGEMAKER_INFERENCE_OUTPUT");
      ks = env == null || env.isBlank() ? List.of() : Arrays.stream(env.split(",")).map(String::trim).toList();
    }
    if (ks.isEmpty()) {
      return model;
    }
    if (!(model instanceof XGBoostModel x)) {
      throw new IllegalArgumentException("selectable outputs " + ks + " apply to xgboost models; this is a "
          + model.algorithm() + " model");
    }
    return x.answering(ks);
  }

  /**
   * Applies an Accept type's parameters to a model, as SageMaker's k-NN reads {@code verbose=true} from
   * {@code Accept: application/json; verbose=true} to answer the neighbours' labels and distances too.
   *
   * @param model the loaded model
   * @param accept the Accept type with its parameters
   * @return the model to answer with
   * @throws IllegalArgumentException if {@code verbose} is not true/false, or true for a model other than k-NN
   */
  static Model forAccept(Model model, ContentType accept) {
    String verbose = accept.parameters().get("verbose");
    if (verbose == null || verbose.equalsIgnoreCase("false")) {
      return model;
    }
    if (!verbose.equalsIgnoreCase("true")) {
      throw new IllegalArgumentException("Accept " + accept + ": verbose must be true or false, got \"" + verbose
          + "\"");
    }
    if (!(model instanceof KnnModel k)) {
      throw new IllegalArgumentException("Accept " + accept + ": verbose=true applies to knn models; this is a "
          + model.algorithm() + " model");
    }
    return k.verbose();
  }

  /**
   * @param dirOrFile a model folder (holding {@code model.sagemill} or {@code xgboost-model}) or a model file
   * @return the model
   * @throws IOException if nothing loadable is there, naming what was looked for
   */
  static Model load(Path dirOrFile) throws IOException {
    Path file = dirOrFile;
    if (Files.isDirectory(dirOrFile)) {
      file = null;
      for (String name : List.of(TrainCommand.MODEL_FILE, XGBOOST_MODEL, ALGO_MODEL, MODEL_TAR)) {
        if (file == null && Files.exists(dirOrFile.resolve(name))) {
          file = dirOrFile.resolve(name);
        }
      }
      if (file == null) {
        throw new NoSuchFileException(dirOrFile + " holds none of " + TrainCommand.MODEL_FILE + ", "
            + XGBOOST_MODEL + ", " + ALGO_MODEL + " and " + MODEL_TAR);
      }
    }
    byte[] head = new byte[8];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, 8);
    }
    boolean gzip = read >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    boolean ndarrays = read == 8 && head[0] == 0x12 && head[1] == 0x01 && head[2] == 0 && head[3] == 0;
    if (gzip || ndarrays) {
      // SageMaker's PCA artifact is a dict holding s and v; k-means' a list holding the centroids
      return MxNdArrays.readArtifact(file, ALGO_MODEL).containsKey("v") ? PCAModel.fromSageMaker(file)
          : KMeansModel.fromSageMaker(file);
    }
    return head[0] == '{' ? XGBoostJson.read(file) : ModelIO.load(file);
  }
}
