package dev.sagemill.algo.deepar;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryRecords;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.RequestFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input DeepAR meets is refused with a message naming the series and the value. */
class DeepArBadInputTest {
  private static DeepArModel model;

  private static DeepArParams params() {
    return DeepArParams.builder(6, 4, "H", 1).set("num_cells", "30").set("mini_batch_size", "32").build();
  }

  private static TimeSeries series(String start, double[] y, int[] cat, double[][] dyn) {
    return new TimeSeries(start, y, cat, dyn);
  }

  private static double[] ramp(int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 1 + i % 24;
    }
    return y;
  }

  @BeforeAll
  static void train() throws Exception {
    List<TimeSeries> train = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      train.add(series("2024-01-01 00:00:00", ramp(60), new int[] {i % 2}, new double[][] {ramp(60)}));
    }
    model = new DeepArEstimator(params()).fit(InMemoryRecords.series(train), FitOptions.builder().threads(1).build());
  }

  private static String fitFails(TimeSeries bad) {
    List<TimeSeries> train = new ArrayList<>();
    train.add(series("2024-01-01 00:00:00", ramp(60), new int[] {0}, new double[][] {ramp(60)}));
    train.add(bad);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> new DeepArEstimator(params())
        .fit(InMemoryRecords.series(train, "train.json"), FitOptions.builder().threads(1).build()));
    assertTrue(e.getMessage().contains("train.json, line 2"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aStartOffTheFrequencysGridIsRefused() {
    String m = fitFails(series("2024-01-01 00:30:00", ramp(60), new int[] {0}, new double[][] {ramp(60)}));
    assertTrue(m.contains("2024-01-01 00:30:00") && m.contains("time_freq H"), m);
  }

  @Test
  void aSeriesShorterThanTheWindowIsRefused() {
    String m = fitFails(series("2024-01-01 00:00:00", ramp(7), new int[] {0}, new double[][] {ramp(7)}));
    assertTrue(m.contains("7 values") && m.contains("= 10"), m);
  }

  @Test
  void allMissingTargetsAreRefused() {
    double[] nan = new double[60];
    java.util.Arrays.fill(nan, Double.NaN);
    String m = fitFails(series("2024-01-01 00:00:00", nan, new int[] {0}, new double[][] {ramp(60)}));
    assertTrue(m.contains("every target value is missing"), m);
  }

  @Test
  void aDynamicFeatureOfTheWrongLengthIsRefused() {
    String m = fitFails(series("2024-01-01 00:00:00", ramp(60), new int[] {0}, new double[][] {ramp(30)}));
    assertTrue(m.contains("dynamic_feat\"[0] has 30 values") && m.contains("needs 60"), m);
  }

  @Test
  void aCategoryOutsideItsCardinalityIsRefusedAtInference() {
    SeriesBatch b = new SeriesBatch(List.of(series("2024-01-01 00:00:00", ramp(40), new int[] {5},
        new double[][] {ramp(44)})), "request", 0);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> model.predictBatch(b));
    assertTrue(e.getMessage().contains("request, record 0") && e.getMessage().contains("\"cat\"[0] = 5")
        && e.getMessage().contains("cardinality 2"), e.getMessage());
  }

  @Test
  void inferenceNeedsDynamicFeaturesOverTheHorizon() {
    SeriesBatch b = new SeriesBatch(List.of(series("2024-01-01 00:00:00", ramp(40), new int[] {1},
        new double[][] {ramp(40)})), "request", 0);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> model.predictBatch(b));
    assertTrue(e.getMessage().contains("needs 44") && e.getMessage().contains("4 forecast"), e.getMessage());
  }

  @Test
  void unknownOutputTypesAndSettingsAreRefused() {
    DeepArProvider p = new DeepArProvider();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.answering(model,
        new AnswerRequest(List.of(), Map.of(), Map.of("output_types", "[\"mean\", \"median\"]"))));
    assertTrue(e.getMessage().contains("\"median\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.answering(model,
        new AnswerRequest(List.of(), Map.of(), Map.of("num_sample", "3"))));
    assertTrue(e.getMessage().contains("num_sample"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.answering(model,
        new AnswerRequest(List.of(), Map.of(), Map.of("quantiles", "[\"1.5\"]"))));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
  }

  @Test
  void aMalformedRequestNamesTheInstance() {
    RequestFormat f = new DeepArProvider().requestFormat().orElseThrow();
    String body = "{\"instances\": [{\"start\": \"2024-01-01 00:00:00\", \"target\": [1, 2]}, "
        + "{\"start\": \"2024-01-01 00:00:00\", \"target\": [1, \"x\"]}]}";
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> f.read("application/json",
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "request body"));
    assertTrue(e.getMessage().contains("instances[1]") && e.getMessage().contains("\"x\""), e.getMessage());
  }

  @Test
  void badHyperparametersAreAllReported() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class, () ->
        DeepArParams.parse(Map.of("context_length", "10", "prediction_length", "5", "time_freq", "H",
            "epochs", "3", "cardinality", "[2, x]", "test_quantiles", "[0.5, 1.2]", "num_dynamic_feat", "-1")));
    assertTrue(e.getMessage().contains("cardinality") && e.getMessage().contains("test_quantiles")
        && e.getMessage().contains("num_dynamic_feat"), e.getMessage());
    e = assertThrows(InvalidHyperparametersException.class, () -> DeepArParams.parse(Map.of("context_length", "10",
        "prediction_length", "5", "time_freq", "H", "epochs", "3", "likelihood", "poisson")));
    assertTrue(e.getMessage().contains("poisson"), e.getMessage());
  }
}
