package dev.sagemill.algo.blazingtext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.estimator.RequestFormat;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.ArtifactWriter;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.SagemillVersion;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@code blazingtext}: a {@code text/plain} train channel and, for the classifier, an optional
 * validation channel; the artifacts of SageMaker's container ({@code vectors.txt} and {@code vectors.bin} for
 * word2vec, {@code model.bin} for the classifier, {@code eval.json} after evaluation); the reader of fastText
 * {@code .bin} files, whoever trained them; answers as SageMaker's container writes them (a JSON array of
 * {@code {"label", "prob"}} or {@code {"word", "vector"}} objects, or one per line as JSON Lines); its request shapes
 * ({@link BlazingTextRequests}); and {@code k}, the number of labels, from the request's configuration or the Accept
 * type's parameter.
 */
public final class BlazingTextProvider implements AlgorithmProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String algorithmName() {
    return BlazingTextParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return BlazingTextParams.SPEC;
  }

  @Override
  public RecordEstimator<?, ?> create(Map<String, String> hyperparameters) {
    return new BlazingTextEstimator(BlazingTextParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("train:mean_rho", "validation:accuracy");
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("epochs");
  }

  @Override
  public List<ChannelSpec> channels() {
    return List.of(
        new ChannelSpec("train", true, List.of("text/plain", "application/jsonlines"),
            "one pre-tokenised sentence per line, or an augmented manifest of {\"source\", \"label\"} lines",
            TextBatch.class),
        new ChannelSpec("validation", false, List.of("text/plain", "application/jsonlines"),
            "supervised: labelled lines scored each epoch", TextBatch.class));
  }

  @Override
  public List<ArtifactReader> artifactReaders() {
    return List.of(new ArtifactReader() {
      @Override
      public List<String> fileNames() {
        return List.of("model.bin", "vectors.bin");
      }

      @Override
      public boolean accepts(Path file, byte[] head) {
        return FastTextBinary.isFastText(head);
      }

      @Override
      public Model read(Path file) throws IOException {
        return new BlazingTextModel(FastTextBinary.read(file), new ModelCard(BlazingTextParams.ALGORITHM, Map.of(),
            Map.of(), SagemillVersion.get()), 1);
      }
    });
  }

  @Override
  public List<ArtifactWriter> artifactWriters() {
    return List.of(
        artifact("vectors.txt", false, (m, out) -> WordVectorsText.write(m.fastText(), out)),
        artifact("vectors.bin", false, (m, out) -> FastTextBinary.write(m.fastText(), out)),
        artifact("model.bin", true, (m, out) -> FastTextBinary.write(m.fastText(), out)),
        new ArtifactWriter() {
          @Override
          public String fileName() {
            return "eval.json";
          }

          @Override
          public boolean writes(Model model) {
            return model.card().metrics().containsKey("train:mean_rho");
          }

          @Override
          public void write(Model model, OutputStream out) throws IOException {
            ObjectNode n = JSON.createObjectNode();
            n.putObject("wordsim353").put("spearman_rho", model.card().metrics().get("train:mean_rho"))
                .put("pairs_scored", model.card().metrics().getOrDefault("train:ws353_pairs_scored", 0.0).intValue());
            n.put("mean_rho", model.card().metrics().get("train:mean_rho"));
            out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
          }
        });
  }

  private interface ModelBody {
    void write(BlazingTextModel model, OutputStream out) throws IOException;
  }

  private static ArtifactWriter artifact(String name, boolean supervised, ModelBody body) {
    return new ArtifactWriter() {
      @Override
      public String fileName() {
        return name;
      }

      @Override
      public boolean writes(Model model) {
        return model instanceof BlazingTextModel b && b.supervised() == supervised;
      }

      @Override
      public void write(Model model, OutputStream out) throws IOException {
        body.write((BlazingTextModel) model, out);
      }
    };
  }

  @Override
  public Optional<AnswerFormat> answerFormat() {
    return Optional.of(new AnswerFormat() {
      @Override
      public List<String> mediaTypes() {
        return List.of("application/json", "application/jsonlines");
      }

      @Override
      public AnswerWriter open(String mediaType, Map<String, String> parameters, OutputStream out) {
        boolean lines = mediaType.equals("application/jsonlines");
        if (!lines && !mediaType.equals("application/json")) {
          throw new IllegalArgumentException("blazingtext answers application/json or application/jsonlines, not "
              + mediaType);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return new AnswerWriter() {
          private boolean first = true;

          @Override
          public void write(List<Prediction> answers) throws IOException {
            for (Prediction p : answers) {
              if (!lines) {
                w.write(first ? "[" : ",");
              }
              first = false;
              w.write(JSON.writeValueAsString(p.asMap()));
              if (lines) {
                w.write('\n');
              }
            }
          }

          @Override
          public void close() throws IOException {
            if (!lines) {
              w.write(first ? "[]" : "]");
            }
            w.flush();
          }
        };
      }
    });
  }

  @Override
  public Optional<RequestFormat> requestFormat() {
    return Optional.of(new BlazingTextRequests());
  }

  @Override
  public Model answering(Model model, AnswerRequest request) {
    String k = request.configuration().getOrDefault("k", request.acceptParameters().get("k"));
    if (k == null && request.outputs().isEmpty()) {
      return model;
    }
    if (!request.outputs().isEmpty()) {
      throw new IllegalArgumentException("blazingtext has no selectable outputs; got " + request.outputs());
    }
    BlazingTextModel m = (BlazingTextModel) model;
    if (!m.supervised()) {
      throw new IllegalArgumentException("k applies to a supervised blazingtext model; this one answers word "
          + "vectors");
    }
    try {
      return m.withK(Integer.parseInt(k.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("k must be a positive integer, got \"" + k + "\"");
    }
  }
}
