package dev.sagemill.algo.deepar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.RequestFormat;
import dev.sagemill.io.jsonl.DeepArJsonLinesReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DeepAR's {@code application/json} request, as its SageMaker endpoint reads it:
 * {@code {"instances": [{"start": ..., "target": [...], "cat": [...], "dynamic_feat": [[...]]}, ...],
 * "configuration": {"num_samples": 50, "output_types": ["mean", "quantiles", "samples"], "quantiles": ["0.5"]}}}.
 * The configuration's values are passed on as JSON text and checked by {@link DeepArProvider#answering}.
 *
 * <p>Thread-safe: stateless.
 */
final class DeepArRequests implements RequestFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<String> mediaTypes() {
    return List.of("application/json");
  }

  @Override
  public List<Part> read(String mediaType, InputStream body, String origin) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(origin + ": the request is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode inst = n == null ? null : n.get("instances");
    if (inst == null || !inst.isArray()) {
      throw new InvalidDataException(origin + ": a DeepAR request must be {\"instances\": [{\"start\": ..., "
          + "\"target\": [...]}, ...]} with an optional \"configuration\"");
    }
    List<TimeSeries> series = new ArrayList<>(inst.size());
    for (int i = 0; i < inst.size(); i++) {
      String where = origin + ", instances[" + i + "]";
      series.add(DeepArJsonLinesReader.series(inst.get(i), why -> new InvalidDataException(where + ": " + why)));
    }
    Map<String, String> config = RequestFormat.configuration(n, origin);
    return List.of(new Part(new SeriesBatch(series, origin, 0), config));
  }
}
