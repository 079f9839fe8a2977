package dev.sagemill.algo;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.io.ModelIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refactoring aid, not a unit test (its name keeps it out of the default test run): fits every tabular algorithm
 * in several configurations on 1 and 2 threads and writes each model file's SHA-256 with its metrics, so a change
 * that must keep models byte-identical (moving an algorithm onto the shared training loop) can be checked against
 * {@code model-hashes.txt}, the hashes before the training-loop migration on the 2-core development VM. Run:
 * {@code mvn -pl algorithms-tabular surefire:test -Dtest=MigrationHashes -Dhashes.out=/tmp/after.txt}, then diff
 * the first three columns.
 */
class MigrationHashes {
  @Test
  void print() throws Exception {
    RowBatch bin = TabularTestData.nonlinearBinary(3000, 7);
    InMemoryDataset train = InMemoryDataset.of(bin.slice(0, 2400));
    InMemoryDataset val = InMemoryDataset.of(bin.slice(2400, 3000));
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    configs.put("ll-adam", Map.of("predictor_type", "binary_classifier", "epochs", "6", "mini_batch_size", "200"));
    configs.put("ll-sgd-sched", Map.of("predictor_type", "binary_classifier", "epochs", "6", "mini_batch_size", "100",
        "optimizer", "sgd", "use_lr_scheduler", "true", "lr_scheduler_step", "5", "l1", "0.001", "num_models", "3"));
    configs.put("ll-rms-reg", Map.of("predictor_type", "regressor", "epochs", "5", "mini_batch_size", "150",
        "optimizer", "rmsprop", "early_stopping_patience", "1", "early_stopping_tolerance", "0.5"));
    configs.put("ll-multi", Map.of("predictor_type", "multiclass_classifier", "num_classes", "3", "epochs", "4",
        "mini_batch_size", "300"));
    configs.put("ll-auto", Map.of("predictor_type", "binary_classifier"));
    configs.put("kmeans", Map.of("k", "4", "feature_dim", Integer.toString(bin.featureDim()), "epochs", "3",
        "mini_batch_size", "200"));
    configs.put("kmeans-pp", Map.of("k", "5", "feature_dim", Integer.toString(bin.featureDim()), "epochs", "2",
        "init_method", "kmeans++", "local_lloyd_max_iter", "50", "extra_center_factor", "3"));
    configs.put("xgb", Map.of("num_round", "15", "max_depth", "4", "objective", "binary:logistic",
        "early_stopping_rounds", "3", "subsample", "0.8"));
    configs.put("xgb-linear", Map.of("num_round", "10", "booster", "gblinear", "objective", "binary:logistic"));
    configs.put("lgb", Map.of("num_boost_round", "15", "early_stopping_rounds", "3"));
    configs.put("cb", Map.of("iterations", "15", "early_stopping_rounds", "3"));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> c : configs.entrySet()) {
      String alg = c.getKey().startsWith("ll") ? "linear-learner" : c.getKey().startsWith("kmeans") ? "kmeans"
          : c.getKey().startsWith("xgb") ? "xgboost" : c.getKey().startsWith("lgb") ? "lightgbm" : "catboost";
      for (int threads : new int[] {1, 2}) {
        RecordEstimator<?, ?> e = Algorithms.get(alg).create(c.getValue());
        Model m = RecordEstimator.fitAny(e, train, FitOptions.builder().threads(threads).validation(val).build());
        byte[] h = MessageDigest.getInstance("SHA-256").digest(ModelIO.toBytes(m));
        out.append(c.getKey()).append(" t").append(threads).append(' ').append(HexFormat.of().formatHex(h))
            .append(' ').append(m.card().metrics()).append('\n');
      }
    }
    Files.writeString(Path.of(System.getProperty("hashes.out", "/tmp/golden/hashes.txt")), out.toString());
  }
}
