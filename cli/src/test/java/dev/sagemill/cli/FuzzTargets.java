package dev.sagemill.cli;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.SequencePairBatch;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fuzz targets (issue 29): every reader of outside bytes, fed arbitrary input. An input may be refused, but only as
 * the CLI reports bad input in one line ({@link java.io.IOException}, {@link IllegalArgumentException} or
 * {@link IllegalStateException}, each with a message); any other exception or error (a
 * {@link NullPointerException}, an index out of bounds, {@link OutOfMemoryError}, {@link StackOverflowError}) is
 * a finding, and so is a hang.
 *
 * <p>{@link FuzzRegressionTest} runs each target on its kept inputs in the normal test suite;
 * {@code .fuzz/run.sh} fuzzes one target at a time through {@link FuzzDriver}.
 */
final class FuzzTargets {
  /** The targets by name: the name is the inputs folder's and the driver's. */
  static final Map<String, Consumer<byte[]>> ALL = Map.ofEntries(
      Map.entry("csv", data -> rows(data, "train.csv", "text/csv")),
      Map.entry("libsvm", data -> rows(data, "train.libsvm", "text/libsvm")),
      Map.entry("recordio", data -> rows(data, "train.rec", "application/x-recordio-protobuf")),
      Map.entry("parquet", data -> rows(data, "train.parquet", "application/x-parquet")),
      Map.entry("jsonlines", data -> rows(data, "train.jsonl", "application/jsonlines")),
      Map.entry("docword", data -> rows(data, "docword.train.txt", "text/x-uci-docword")),
      Map.entry("deepar", data -> records(data, "train.jsonl", "application/jsonlines", SeriesBatch.class)),
      Map.entry("object2vec", data -> records(data, "train.jsonl", "application/jsonlines",
          SequencePairBatch.class)),
      Map.entry("manifest", data -> records(data, "train.manifest", "application/jsonlines;attribute-names=source,"
          + "label", TextBatch.class)),
      Map.entry("model", data -> model(data, TrainCommand.MODEL_FILE)),
      Map.entry("xgboost_model", data -> model(data, "xgboost-model")),
      Map.entry("mxnet_model", data -> model(data, "model_algo-1")),
      Map.entry("model_tar_gz", data -> model(data, "model.tar.gz")),
      Map.entry("invocations", FuzzTargets::invocations));

  /** Request types of {@code /invocations}, chosen by an input's first byte. */
  private static final List<String> REQUEST_TYPES = List.of(ContentType.CSV, ContentType.LIBSVM, ContentType.JSON,
      ContentType.JSONLINES, ContentType.RECORDIO_PROTOBUF);

  private static final ThreadLocal<Path> DIR = ThreadLocal.withInitial(() -> {
    try {
      Path d = Files.createTempDirectory("sagemill-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  private FuzzTargets() {}

  /** Holds the model the request target answers with, built once. */
  private static final class Served {
    static final Model MODEL = train();

    private static Model train() {
      float[][] x = new float[60][];
      double[] y = new double[60];
      for (int i = 0; i < x.length; i++) {
        x[i] = new float[] {i % 7, (i * 3) % 5, i % 2};
        y[i] = x[i][0] + x[i][1] > 5 ? 1 : 0;
      }
      dev.sagemill.core.estimator.Estimator<?> e = (dev.sagemill.core.estimator.Estimator<?>) Algorithms
          .find("xgboost").orElseThrow().create(Map.of("objective", "binary:logistic", "num_round", "3"));
      return e.fit(InMemoryDataset.of(x, y), FitOptions.builder().threads(1).build());
    }
  }

  private static Path write(byte[] data, String name) {
    try {
      Path f = DIR.get().resolve(name);
      Files.write(f, data);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("the fuzz target could not write its input", e);
    }
  }

  private static void rows(byte[] data, String name, String type) {
    records(data, name, type, RowBatch.class);
  }

  private static <B extends Batch> void records(byte[] data, String name, String type, Class<B> batchType) {
    Path f = write(data, name);
    expectCleanRefusal(() -> {
      RecordSource<B> source = Sources.open(Channel.ofFiles("train", List.of(f)), ContentType.parse(type),
          batchType, false);
      try (RecordStream<B> s = source.open(64)) {
        for (Optional<B> b = s.next(); b.isPresent(); b = s.next()) {
          b.get().size();
        }
      }
    });
  }

  private static void model(byte[] data, String name) {
    Path f = write(data, name);
    expectCleanRefusal(() -> ModelFiles.load(f));
  }

  private static void invocations(byte[] data) {
    if (data.length == 0) {
      return;
    }
    ContentType type = ContentType.parse(REQUEST_TYPES.get((data[0] & 0xFF) % REQUEST_TYPES.size()));
    Path f = write(java.util.Arrays.copyOfRange(data, 1, data.length), "request.body");
    expectCleanRefusal(() -> BatchTransform.run(Served.MODEL, Channel.ofFiles("request", List.of(f)), type, 1000,
        new AnswerWriter() {
          @Override
          public void write(List<Prediction> answers) {
            answers.forEach(Prediction::toString);
          }

          @Override
          public void close() {}
        }));
  }

  /** Something that reads outside bytes. */
  @FunctionalInterface
  private interface Read {
    void run() throws IOException;
  }

  /**
   * Runs a read; the refusals the CLI reports in one line pass when they carry a message, everything else escapes
   * to the fuzzer as a finding.
   */
  private static void expectCleanRefusal(Read read) {
    try {
      read.run();
    } catch (UncheckedIOException e) {
      throw new AssertionError("an UncheckedIOException reaches the user as a stack trace", e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("refused without a reason", e);
      }
      if (e instanceof NumberFormatException) {
        throw new AssertionError("a bare NumberFormatException names no file, record or field", e);
      }
    }
  }
}
