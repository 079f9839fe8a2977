package dev.sagemill.algo.deepar;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.param.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A trained DeepAR model: forecasts {@code prediction_length} points after each series it is given, answering
 * SageMaker's fields per series: {@code mean}, {@code quantiles} ({@code {"0.5": [...]}}) and {@code samples} (the
 * paths), as the request's configuration selects ({@link #answering}); by default the mean and the quantiles 0.1 to
 * 0.9 of 100 paths.
 *
 * <p>Thread-safe: forecasts run one at a time, on one network (built on first need, its parameters held in native
 * memory until {@link #close}) and on the model's own inference thread, each using all of PyTorch's intra-op
 * threads; concurrent callers queue. The one thread is what keeps answers reproducible to the last bit: PyTorch's
 * CPU kernels keep per-thread state (autograd recording, the intra-op thread count, kernel choices), and a forecast
 * computed on another calling thread differed in its last bits. Calls free their per-call native memory before returning.
 */
public final class DeepArModel implements Model, AutoCloseable {
  private final DeepArParams params;
  private final SeriesShape shape;
  private final float[] parameters;
  private final ModelCard card;
  private final Answer answer;
  private final SharedNetwork network;

  /**
   * What an answer holds.
   *
   * @param samples paths per series
   * @param outputs the fields, among mean, quantiles and samples
   * @param quantiles the quantile levels, as written in the answer's keys
   */
  record Answer(int samples, List<String> outputs, List<String> quantiles) {}

  DeepArModel(DeepArParams params, SeriesShape shape, float[] parameters, ModelCard card) {
    this(params, shape, parameters, card, new Answer(params.values().getInt("num_eval_samples"),
        List.of("mean", "quantiles"), defaultQuantiles(params)), new SharedNetwork());
  }

  private DeepArModel(DeepArParams params, SeriesShape shape, float[] parameters, ModelCard card, Answer answer,
      SharedNetwork network) {
    this.params = params;
    this.shape = shape;
    this.parameters = parameters;
    this.card = card;
    this.answer = answer;
    this.network = network;
  }

  private static List<String> defaultQuantiles(DeepArParams params) {
    List<String> out = new ArrayList<>();
    for (double q : params.testQuantiles()) {
      out.add(Double.toString(q));
    }
    return out;
  }

  DeepArModel withCard(ModelCard newCard) {
    return new DeepArModel(params, shape, parameters, newCard, answer, network);
  }

  /**
   * This model answering another configuration (sharing its networks).
   *
   * @param samples paths per series
   * @param outputs fields among mean, quantiles, samples
   * @param quantiles quantile levels as strings ("0.5")
   * @return the model
   */
  DeepArModel answering(int samples, List<String> outputs, List<String> quantiles) {
    return new DeepArModel(params, shape, parameters, card, new Answer(samples, List.copyOf(outputs),
        List.copyOf(quantiles)), network);
  }

  /** @return the quantile levels answered by default, as the answer's keys */
  List<String> defaultQuantileKeys() {
    return defaultQuantiles(params);
  }

  DeepArParams params() {
    return params;
  }

  SeriesShape shape() {
    return shape;
  }

  float[] parameterValues() {
    return parameters.clone();
  }

  Forecaster forecaster(DeepArNetwork network) {
    return new Forecaster(network, params.contextLength(), params.predictionLength(),
        params.values().getLong("seed"));
  }

  @Override
  public String algorithm() {
    return DeepArParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return Schema.of(shape.pointInputs() + shape.staticInputs(), 0);
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public Class<? extends Batch> inputType() {
    return SeriesBatch.class;
  }

  /**
   * Forecasts series.
   *
   * @param series the series, each with its history and, with dynamic features, their values over the horizon
   * @param where names of the series for messages (file and line), parallel to {@code series}
   * @param samples paths per series
   * @return per series, {@code samples × prediction_length} paths
   */
  double[][][] sample(List<dev.sagemill.core.data.TimeSeries> series, List<String> where, int samples) {
    List<PreparedSeries> prepared = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      prepared.add(PreparedSeries.of(series.get(i), where.get(i), shape, params.predictionLength()));
    }
    return network.sample(this, prepared, samples);
  }

  @Override
  public List<Prediction> predictBatch(Batch batch) {
    SeriesBatch b = (SeriesBatch) batch;
    List<String> where = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      where.add(b.origin() + ", record " + (b.firstRecord() + i));
    }
    double[][][] paths = sample(b.series(), where, answer.samples());
    List<Prediction> out = new ArrayList<>(paths.length);
    for (double[][] p : paths) {
      SampleSummary summary = new SampleSummary(p);
      Prediction.Builder pb = Prediction.builder();
      for (String o : answer.outputs()) {
        switch (o) {
          case "mean" -> pb.put("mean", summary.mean());
          case "quantiles" -> {
            Map<String, double[]> q = new LinkedHashMap<>();
            for (String level : answer.quantiles()) {
              q.put(level, summary.quantile(Double.parseDouble(level)));
            }
            pb.putNested("quantiles", q);
          }
          default -> pb.putNested("samples", java.util.Arrays.asList(p));
        }
      }
      out.add(pb.build());
    }
    return out;
  }

  /** Frees the network's native memory; the model stays usable (a later call builds the network again). */
  @Override
  public void close() {
    network.close();
  }

  /** The one network a model and its reconfigured copies forecast with, on one daemon thread, a call at a time. */
  private static final class SharedNetwork {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "deepar-inference");
      t.setDaemon(true);
      return t;
    });
    private DeepArNetwork net;

    double[][][] sample(DeepArModel model, List<PreparedSeries> series, int samples) {
      java.util.concurrent.Callable<double[][][]> task = () -> {
        if (net == null) {
          Hyperparameters hps = model.params.values();
          net = new DeepArNetwork(model.shape, hps.getInt("num_cells"), hps.getInt("num_layers"),
              hps.getDouble("dropout_rate"), Runtime.getRuntime().availableProcessors(), hps.getLong("seed"));
          net.parameters().set(model.parameters);
        }
        return model.forecaster(net).sample(series, samples);
      };
      Future<double[][][]> f = thread.submit(task);
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        throw new IllegalStateException("interrupted while forecasting", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("forecasting failed: " + e.getCause(), e.getCause());
      }
    }

    void close() {
      thread.submit(() -> {
        if (net != null) {
          net.close();
          net = null;
        }
      });
    }
  }
}
