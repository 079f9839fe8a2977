package dev.sagemill.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every fuzz target (issue 29) on its kept inputs: the seeds in {@code FuzzRegressionTestInputs/<target>/} (valid
 * files of each format, and every input a fuzzing run found, fixed and kept). Without {@code JAZZER_FUZZ} these are
 * plain JUnit runs; {@code .fuzz/run.sh TARGET SECONDS} fuzzes one target for a while.
 */
class FuzzRegressionTest {
  @FuzzTest
  void csv(byte[] data) {
    FuzzTargets.ALL.get("csv").accept(data);
  }

  @FuzzTest
  void libsvm(byte[] data) {
    FuzzTargets.ALL.get("libsvm").accept(data);
  }

  @FuzzTest
  void recordio(byte[] data) {
    FuzzTargets.ALL.get("recordio").accept(data);
  }

  @FuzzTest
  void parquet(byte[] data) {
    FuzzTargets.ALL.get("parquet").accept(data);
  }

  @FuzzTest
  void jsonlines(byte[] data) {
    FuzzTargets.ALL.get("jsonlines").accept(data);
  }

  @FuzzTest
  void docword(byte[] data) {
    FuzzTargets.ALL.get("docword").accept(data);
  }

  @FuzzTest
  void deepar(byte[] data) {
    FuzzTargets.ALL.get("deepar").accept(data);
  }

  @FuzzTest
  void object2vec(byte[] data) {
    FuzzTargets.ALL.get("object2vec").accept(data);
  }

  @FuzzTest
  void manifest(byte[] data) {
    FuzzTargets.ALL.get("manifest").accept(data);
  }

  @FuzzTest
  void model(byte[] data) {
    FuzzTargets.ALL.get("model").accept(data);
  }

  @FuzzTest
  void xgboost_model(byte[] data) {
    FuzzTargets.ALL.get("xgboost_model").accept(data);
  }

  @FuzzTest
  void mxnet_model(byte[] data) {
    FuzzTargets.ALL.get("mxnet_model").accept(data);
  }

  @FuzzTest
  void model_tar_gz(byte[] data) {
    FuzzTargets.ALL.get("model_tar_gz").accept(data);
  }

  @FuzzTest
  void invocations(byte[] data) {
    FuzzTargets.ALL.get("invocations").accept(data);
  }
}
