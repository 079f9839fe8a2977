package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.tuning.InvalidTuningJobException;
import dev.sagemill.tuning.TuningJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuning job's problems are all listed at once, each with what was given (the CLI sees every algorithm). */
class TuningConfigMessagesTest {
  @TempDir
  Path dir;

  private String problems(String limits, String ranges) throws IOException {
    Path f = Files.writeString(dir.resolve("job.json"), "{\"HyperParameterTuningJobConfig\": {\"Strategy\": "
        + "\"Random\", \"HyperParameterTuningJobObjective\": {\"Type\": \"Maximize\", \"MetricName\": "
        + "\"validation:auc\"}, \"ResourceLimits\": {" + limits + "\"MaxParallelTrainingJobs\": 1}, "
        + "\"ParameterRanges\": {" + ranges + "}}, \"TrainingJobDefinition\": {\"AlgorithmSpecification\": "
        + "{\"AlgorithmName\": \"xgboost\"}}}");
    return assertThrows(InvalidTuningJobException.class, () -> TuningJobConfig.read(f)).getMessage();
  }

  @Test
  void zeroJobsIsReportedAsZeroAndMissingAsMissing() throws IOException {
    String m = problems("\"MaxNumberOfTrainingJobs\": 0, ", "\"ContinuousParameterRanges\": [{\"Name\": \"eta\", "
        + "\"MinValue\": \"0.1\", \"MaxValue\": \"0.5\"}]");
    assertTrue(m.contains("MaxNumberOfTrainingJobs must be >= 1") && m.contains("got 0"), m);
    m = problems("", "\"ContinuousParameterRanges\": [{\"Name\": \"eta\", \"MinValue\": \"0.1\", \"MaxValue\": "
        + "\"0.5\"}]");
    assertTrue(m.contains("got none"), m);
  }

  @Test
  void anInvertedRangeDoesNotHideAnUnknownRangeName() throws IOException {
    String m = problems("\"MaxNumberOfTrainingJobs\": 4, ", "\"ContinuousParameterRanges\": [{\"Name\": \"eta\", "
        + "\"MinValue\": \"0.5\", \"MaxValue\": \"0.1\"}, {\"Name\": \"etta\", \"MinValue\": \"0.1\", \"MaxValue\": "
        + "\"0.2\"}]");
    assertTrue(m.contains("inverted") && m.contains("range etta is not a hyperparameter of xgboost"), m);
  }
}
