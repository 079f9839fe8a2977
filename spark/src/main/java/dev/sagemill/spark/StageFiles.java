package dev.sagemill.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.SparkSession;

/**
 * Where a saved sagemill stage keeps what: Spark ML's {@code metadata} folder (class, uid, params, as Spark's
 * default writer writes it, so {@code Pipeline} and {@code PipelineModel} load the stage by its class), and for a
 * model {@code data/model.sagemill}, the model in sagemill's own container format ({@code ModelIO}). Files go
 * through Hadoop's file system API, so any path Spark can write works.
 */
final class StageFiles {
  /** The model file inside a saved model stage. */
  static final String MODEL_FILE = "data/model.sagemill";

  private StageFiles() {}

  static void saveMetadata(Params stage, String path, SparkSession spark) {
    DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, spark);
  }

  static DefaultParamsReader.Metadata loadMetadata(String path, SparkSession spark, String expectedClass) {
    return DefaultParamsReader$.MODULE$.loadMetadata(path, spark, expectedClass);
  }

  /** The {@code algorithm} param of saved metadata. */
  static String algorithm(DefaultParamsReader.Metadata metadata, String path) {
    try {
      JsonNode node = new ObjectMapper().readTree(metadata.metadataJson()).path("paramMap").path("algorithm");
      if (!node.isTextual()) {
        throw new IllegalArgumentException("the saved sagemill stage at " + path + " names no algorithm in its "
            + "metadata's paramMap");
      }
      return node.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the metadata of the saved stage at " + path + " is not JSON", e);
    }
  }

  static void writeBytes(String dir, String file, byte[] bytes, SparkSession spark) {
    Path p = new Path(dir, file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, false)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + p + " failed", e);
    }
  }

  static byte[] readBytes(String dir, String file, SparkSession spark) {
    Path p = new Path(dir, file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(p)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p + " failed", e);
    }
  }
}
