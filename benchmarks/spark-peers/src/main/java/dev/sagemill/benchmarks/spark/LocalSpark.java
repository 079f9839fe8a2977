package dev.sagemill.benchmarks.spark;

import org.apache.spark.sql.SparkSession;

/** The peers' Spark session: {@code local[2]} on the loopback address, no UI, warnings only. */
final class LocalSpark {
  private LocalSpark() {}

  /**
   * @param app the application name
   * @param shufflePartitions {@code spark.sql.shuffle.partitions}
   * @return a builder for a {@code local[2]} session bound to 127.0.0.1 without the UI (more settings may follow)
   */
  static SparkSession.Builder builder(String app, int shufflePartitions) {
    return SparkSession.builder().master("local[2]").appName(app)
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
  }

  /**
   * @param builder from {@link #builder}
   * @return the session, logging warnings only
   */
  static SparkSession start(SparkSession.Builder builder) {
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
