package dev.sagemill.cli;

import dev.sagemill.algo.xgboost.XGBoostJson;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds and loads the model that {@code predict} and {@code serve} use: a sagemill model file, or a model written by
 * XGBoost itself (JSON or UBJSON), such as the {@code xgboost-model} file inside the {@code model.tar.gz} of a
 * SageMaker XGBoost training job. Files are told apart by content, not by name.
 */
final class ModelFiles {
  /** The file name of SageMaker XGBoost's model artifact. */
  static final String XGBOOST_MODEL = "xgboost-model";

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
   * @param dirOrFile a model folder (holding {@code model.sagemill} or {@code xgboost-model}) or a model file
   * @return the model
   * @throws IOException if nothing loadable is there, naming what was looked for
   */
  static Model load(Path dirOrFile) throws IOException {
    Path file = dirOrFile;
    if (Files.isDirectory(dirOrFile)) {
      file = dirOrFile.resolve(TrainCommand.MODEL_FILE);
      if (!Files.exists(file) && Files.exists(dirOrFile.resolve(XGBOOST_MODEL))) {
        file = dirOrFile.resolve(XGBOOST_MODEL);
      }
      if (!Files.exists(file)) {
        throw new NoSuchFileException(dirOrFile + " holds neither " + TrainCommand.MODEL_FILE + " nor "
            + XGBOOST_MODEL);
      }
    }
    int first;
    try (InputStream in = Files.newInputStream(file)) {
      first = in.read();
    }
    return first == '{' ? XGBoostJson.read(file) : ModelIO.load(file);
  }
}
