package dev.sagemill.cli;

import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--input", paramLabel = "PATH", required = true, description = "A file or folder of rows.")
  Path input;

  @Option(names = "--content-type", paramLabel = "TYPE", description = "text/csv (no label column; default), "
      + "text/libsvm, application/x-recordio-protobuf, application/x-parquet (label_size=0), application/jsonlines, "
      + "or application/json ({\"instances\": [...]}). Default: from the file extension.")
  String contentType;

  @Option(names = "--accept", paramLabel = "TYPE", defaultValue = "text/csv", description = "Answer format: "
      + "text/csv, application/json, application/jsonlines or application/x-recordio-protobuf (default: ${DEFAULT-VALUE}),"
      + " or the types the model's algorithm answers in. Algorithms with verbose answers (sagemill algorithms NAME"
      + " lists capabilities) answer more with \"application/json; verbose=true\".")
  String accept;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write the answers (default: stdout).")
  Path output;

  @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "1000", description = "Rows per batch "
      + "(default: ${DEFAULT-VALUE}).")
  int batchSize;

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
    ContentType type = ContentType.parse(accept);
    Model loaded = ModelFiles.load(modelDir);
    Model model = ModelFiles.answering(loaded, outputs, type);
    AnswerFormat answers = ModelFiles.answerFormat(loaded);
    if (output == null) {
      AnswerWriter w = answers.open(type.mediaType(), type.parameters(), out);
      predictAll(model, w);
      w.close();
    } else {
      AtomicFiles.write(output, o -> {
        try (AnswerWriter w = answers.open(type.mediaType(), type.parameters(), o)) {
          predictAll(model, w);
        }
      });
    }
    return 0;
  }

  private void predictAll(Model model, AnswerWriter w) throws IOException {
    Channel channel = Channel.of(input);
    BatchTransform.run(model, channel, BatchTransform.inputType(channel, contentType), batchSize, w);
  }
}
