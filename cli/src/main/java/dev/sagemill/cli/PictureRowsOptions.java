package dev.sagemill.cli;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of the commands that draw a model's pictures ({@code plot}, {@code report}): rows to place in the
 * model's plane (PCA, k-means) and their content type.
 */
final class PictureRowsOptions {
  @Option(names = "--data", paramLabel = "FILE", description = "Rows to place in the model's plane (PCA, k-means): "
      + "the first " + ModelPictures.MAX_ROWS + ", read as predict reads them.")
  Path data;

  @Option(names = "--content-type", paramLabel = "TYPE", description = "The content type of --data (default: by "
      + "its file name).")
  String contentType;

  /**
   * @param model the model the rows are for
   * @return the rows of {@code --data}, or none without it
   * @throws IOException if reading fails
   */
  List<RowBatch> read(Model model) throws IOException {
    return data == null ? List.of() : ModelPictures.readRows(data, contentType, model);
  }
}
