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
import picocli.CommandLine.Option;

/**
 * The batch-transform flags of the commands that answer a file of rows ({@code predict}, {@code stream}): the input,
 * its content type, the answer type, where the answers go and the batch size. Answers written to a file are written
 * whole or not at all (a temporary file renamed when complete).
 */
final class TransformOptions {
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

  /** @return the Accept type, parsed */
  ContentType acceptType() {
    return ContentType.parse(accept);
  }

  /**
   * Answers every row of the input, in order.
   *
   * @param model the model answering (already adapted to the Accept type)
   * @param answers its algorithm's answer format
   * @param out standard output, when no {@code --output} is given
   * @throws IOException if reading or writing fails
   */
  void run(Model model, AnswerFormat answers, PrintStream out) throws IOException {
    ContentType type = acceptType();
    Channel channel = Channel.of(input);
    ContentType inputType = BatchTransform.inputType(channel, contentType);
    if (output == null) {
      AnswerWriter w = answers.open(type.mediaType(), type.parameters(), out);
      BatchTransform.run(model, channel, inputType, batchSize, w);
      w.close();
    } else {
      AtomicFiles.write(output, o -> {
        try (AnswerWriter w = answers.open(type.mediaType(), type.parameters(), o)) {
          BatchTransform.run(model, channel, inputType, batchSize, w);
        }
      });
    }
  }
}
