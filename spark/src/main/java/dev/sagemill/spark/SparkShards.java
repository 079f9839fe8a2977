package dev.sagemill.spark;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Runs a {@link ShardedEstimator}'s rounds on Spark, one shard per partition: each partition's rows are read once
 * into a cached shard on its executor; every round broadcasts the driver's message, each shard answers, and the
 * answers come back to the driver, which hands them to the run in partition order. Rows never leave their executor.
 * A failed task is retried by Spark: its shard is rebuilt from the partition's lineage and answers the same, since
 * a worker's answer depends only on its rows and the message.
 */
final class SparkShards {
  private static final Logger LOG = LoggerFactory.getLogger(SparkShards.class);

  private SparkShards() {}

  /** A partition's rows and, once asked, its worker; lives in the executor's block cache. */
  private static final class Shard {
    final int index;
    final RowBatch rows;
    ShardWorker worker;

    Shard(int index, RowBatch rows) {
      this.index = index;
      this.rows = rows;
    }

    synchronized ShardWorker worker(String algorithm, Map<String, String> hyperparameters, int shards, int threads) {
      if (worker == null) {
        worker = ((ShardedEstimator<?>) Algorithms.get(algorithm).create(hyperparameters))
            .shardWorker(InMemoryDataset.of(rows), index, shards, threads);
      }
      return worker;
    }
  }

  static <M extends Model> M fit(ShardedEstimator<M> estimator, Map<String, String> hyperparameters,
      Dataset<Row> selected, SparkRows reader, int threadsPerTask) {
    JavaRDD<Row> rdd = selected.toJavaRDD();
    int count = rdd.getNumPartitions();
    String algorithm = estimator.algorithm();
    HashMap<String, String> hp = new HashMap<>(hyperparameters);
    JavaRDD<Shard> cached = rdd.mapPartitionsWithIndex((Integer index, Iterator<Row> rows) ->
        List.of(new Shard(index, reader.readAll(rows, index))).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(selected.sparkSession().sparkContext());
    Schema schema = Schema.of(reader.featureDim(), reader.labelCol() == null ? 0 : 1);
    Shards shards = new Shards() {
      private int round;

      @Override
      public int count() {
        return count;
      }

      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public List<byte[]> ask(byte[] m) {
        long started = System.nanoTime();
        Broadcast<byte[]> message = jsc.broadcast(m);
        List<Tuple2<Integer, byte[]>> answers = new ArrayList<>(cached.map(s -> new Tuple2<>(s.index,
            s.worker(algorithm, hp, count, threadsPerTask).answer(message.value()))).collect());
        message.destroy();
        answers.sort(Comparator.comparing(Tuple2::_1));
        LOG.debug("{} on Spark: round {} over {} partitions in {} ms", algorithm, ++round, count,
            (System.nanoTime() - started) / 1_000_000);
        return answers.stream().map(Tuple2::_2).toList();
      }
    };
    try {
      return estimator.fitSharded(shards, FitOptions.builder()
          .threads(Math.max(1, Runtime.getRuntime().availableProcessors())).build());
    } catch (Exception e) {
      throw Failures.unwrap(e);
    } finally {
      cached.unpersist(false);
    }
  }

  /** Reads every row on the driver, for algorithms without a multi-host scheme. */
  static RowBatch collect(Dataset<Row> selected, SparkRows reader) {
    try {
      return reader.readAll(selected.toLocalIterator(), 0);
    } catch (Exception e) {
      throw Failures.unwrap(e);
    }
  }
}
