package dev.sagemill.cli;

import dev.sagemill.core.estimator.Model;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sagemill predict}: batch transform of a file or folder with a saved model, answering as SageMaker's
 * algorithms do. CSV input has no label column (as SageMaker's inference CSV); a partial output file is never
 * left behind (it is written to a temporary file and renamed when complete).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict every row of a file or folder with a saved model (batch transform).")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model-dir", paramLabel = "DIR", required = true,
      description = "Folder holding model.sagemill or an artifact an algorithm reads, such as a SageMaker job's"
          + " model.tar.gz (or the model file itself).")
  Path modelDir;

  @Mixin
  TransformOptions transform = new TransformOptions();

  @Option(names = "--outputs", paramLabel = "KEYS", split = ",", description = "For algorithms with selectable"
      + " outputs: the outputs to answer, as SageMaker's SAGEMAKER_INFERENCE_OUTPUT (the algorithm's docs list them)."
      + " Default: $SAGEMAKER_INFERENCE_OUTPUT, else the model's default answer.")
  List<String> outputs;

  private final PrintStream out;

  PredictCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Model loaded = ModelFiles.load(modelDir);
    transform.run(ModelFiles.answering(loaded, outputs, transform.acceptType()), ModelFiles.answerFormat(loaded), out);
    return 0;
  }
}
