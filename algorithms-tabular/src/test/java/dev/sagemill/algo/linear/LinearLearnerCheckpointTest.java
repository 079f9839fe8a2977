package dev.sagemill.algo.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.CheckpointIO;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and resuming from a checkpoint gives exactly the model of an uninterrupted run. */
class LinearLearnerCheckpointTest {
  @TempDir
  Path dir;

  private final InMemoryDataset train = LinearLearnerContractTest.logisticData(31, 2000);
  private final InMemoryDataset validation = LinearLearnerContractTest.logisticData(32, 500);
  private final LinearLearnerEstimator estimator = new LinearLearnerEstimator(LinearLearnerParams.builder(
      PredictorType.BINARY_CLASSIFIER).miniBatchSize(200).epochs(8).numModels(3).build());

  private FitOptions.Builder options() {
    return FitOptions.builder().threads(2).validation(validation);
  }

  @Test
  void checkpointsOfOtherSettingsOrDamagedOnesAreRefused() throws IOException {
    Path ck = dir.resolve("c");
    estimator.fit(train, options().checkpointDir(ck).build());
    LinearLearnerEstimator other = new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).miniBatchSize(100).build());
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> other.fit(train, options().checkpointDir(ck).build()));
    assertTrue(e.getMessage().contains("was written with other hyperparameters"), e.getMessage());
    // The same hyperparameters on data of another shape (more features) must not resume either.
    dev.sagemill.core.data.RowBatch.Builder wide = dev.sagemill.core.data.RowBatch.builder(6, 1, false);
    for (int i = 0; i < 500; i++) {
      wide.addDense(new float[] {i % 3, 1, 0, -1, 2, i % 5}, 0, new float[] {i % 2}, 1f);
    }
    IllegalStateException shape = assertThrows(IllegalStateException.class, () -> estimator.fit(
        InMemoryDataset.of(wide.build()), FitOptions.builder().threads(2).checkpointDir(ck).build()));
    assertTrue(shape.getMessage().contains("was written for data of shape"), shape.getMessage());

    byte[] bytes = Files.readAllBytes(ck.resolve(CheckpointIO.FILE));
    // A flipped bit inside an entry's data (after its local header's name), not in the unchecked ZIP directory.
    byte[] name = "model.0.w".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = 0;
    while (!java.util.Arrays.equals(bytes, at, at + name.length, name, 0, name.length)) {
      at++;
    }
    bytes[at + name.length + 4] ^= 0x40;
    Files.write(ck.resolve(CheckpointIO.FILE), bytes);
    // In-memory data fits without checked exceptions, so the damaged checkpoint arrives wrapped.
    java.io.UncheckedIOException e2 = assertThrows(java.io.UncheckedIOException.class,
        () -> estimator.fit(train, options().checkpointDir(ck).build()));
    assertTrue(e2.getCause() instanceof CorruptModelException, e2.toString());
  }
}
