package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.listen.TrainingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about a fit that is not a hyperparameter: the channels beside {@code train} (validation, test and any
 * an algorithm declares in {@link AlgorithmProvider#channels()}), listeners, the thread count, cancellation and the
 * checkpoint folder.
 *
 * <p>Immutable and thread-safe (listeners themselves excepted).
 */
public final class FitOptions {
  private final Map<String, RecordSource<?>> channels;
  private final List<TrainingListener> listeners;
  private final Integer threads;
  private final CancellationToken cancellation;
  private final java.nio.file.Path checkpointDir;

  private FitOptions(Builder b) {
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    this.listeners = List.copyOf(b.listeners);
    this.threads = b.threads;
    this.cancellation = b.cancellation;
    this.checkpointDir = b.checkpointDir;
  }

  /**
   * A copy with one channel given or replaced, everything else the same: for an algorithm that reads a channel
   * through a view of its own (renumbered features, say) and hands the options on.
   *
   * @param name the channel name (not {@code train})
   * @param source the channel's data
   * @return the new options
   */
  public FitOptions withChannel(String name, RecordSource<?> source) {
    Builder b = new Builder();
    b.channels.putAll(channels);
    b.channel(name, source);
    b.listeners.addAll(listeners);
    b.threads = threads;
    b.cancellation = cancellation;
    b.checkpointDir = checkpointDir;
    return b.build();
  }

  /** @return options with no validation or test channel, no listener, all available cores */
  public static FitOptions defaults() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the validation channel, used for model selection and early stopping */
  public Optional<DataSource> validation() {
    return rows("validation");
  }

  /** @return the test channel, scored once after training into {@code test:*} metrics */
  public Optional<DataSource> test() {
    return rows("test");
  }

  /**
   * @param name a channel name ({@code validation}, {@code auxiliary}, ...)
   * @return that channel, if given
   */
  public Optional<RecordSource<?>> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  /**
   * A channel of a known record shape.
   *
   * @param name a channel name
   * @param type the batch type the algorithm reads it as
   * @param <B> the batch type
   * @return that channel, if given
   * @throws IllegalArgumentException if the channel holds records of another shape, naming both
   */
  @SuppressWarnings("unchecked") // the batch type is checked first
  public <B extends Batch> Optional<RecordSource<B>> channel(String name, Class<B> type) {
    RecordSource<?> s = channels.get(name);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.batchType().equals(type)) {
      throw new IllegalArgumentException("channel " + name + " (" + s.description() + ") holds "
          + s.batchType().getSimpleName() + " records, expected " + type.getSimpleName());
    }
    return Optional.of((RecordSource<B>) s);
  }

  /**
   * A channel of rows.
   *
   * @param name a channel name
   * @return that channel, if given
   * @throws IllegalArgumentException if the channel does not hold rows
   */
  public Optional<DataSource> rows(String name) {
    RecordSource<?> s = channels.get(name);
    if (s != null && !(s instanceof DataSource)) {
      throw new IllegalArgumentException("channel " + name + " (" + s.description() + ") holds "
          + s.batchType().getSimpleName() + " records, expected rows");
    }
    return Optional.ofNullable((DataSource) s);
  }

  /** @return every channel beside {@code train}, by name in the order given */
  public Map<String, RecordSource<?>> channels() {
    return channels;
  }

  /** @return the listeners, in registration order */
  public List<TrainingListener> listeners() {
    return listeners;
  }

  /**
   * @return the number of worker threads: the requested count, else every core (algorithms resolve it with their
   *     own thread hyperparameter through {@link dev.sagemill.core.train.ThreadBudget})
   */
  public int threads() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** @return the thread count the caller set, if it set one */
  public java.util.OptionalInt requestedThreads() {
    return threads != null ? java.util.OptionalInt.of(threads) : java.util.OptionalInt.empty();
  }

  /** @return the cancellation token */
  public CancellationToken cancellation() {
    return cancellation;
  }

  /**
   * The folder where training saves its state after every epoch and from which it resumes when the folder
   * already holds a checkpoint of the same algorithm and hyperparameters (SageMaker's {@code /opt/ml/checkpoints}).
   *
   * @return the checkpoint folder, if checkpointing is on
   */
  public Optional<java.nio.file.Path> checkpointDir() {
    return Optional.ofNullable(checkpointDir);
  }

  /** Builds {@link FitOptions}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, RecordSource<?>> channels = new LinkedHashMap<>();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Integer threads;
    private CancellationToken cancellation = new CancellationToken();
    private java.nio.file.Path checkpointDir;

    private Builder() {}

    /**
     * Turns on checkpointing: state is saved to this folder after every epoch, and a fit that finds a checkpoint
     * there resumes from it.
     *
     * @param dir the checkpoint folder
     * @return this builder
     */
    public Builder checkpointDir(java.nio.file.Path dir) {
      this.checkpointDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * @param validation the validation channel
     * @return this builder
     */
    public Builder validation(DataSource validation) {
      return channel("validation", validation);
    }

    /**
     * @param test the test channel
     * @return this builder
     */
    public Builder test(DataSource test) {
      return channel("test", test);
    }

    /**
     * Adds a channel beside {@code train}, which is {@link Estimator#fit}'s own argument.
     *
     * @param name the channel name, as SageMaker's {@code /opt/ml/input/data/<name>}
     * @param source the channel's data
     * @return this builder
     * @throws IllegalArgumentException if the name is {@code train} or blank
     */
    public Builder channel(String name, RecordSource<?> source) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.equals("train")) {
        throw new IllegalArgumentException("channel name must be non-blank and not train (fit's own argument), got \""
            + name + "\"");
      }
      channels.put(name, Objects.requireNonNull(source, name));
      return this;
    }

    /**
     * @param listener a listener to add
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The threads the fit uses, overriding the algorithm's own thread hyperparameter ({@code nthread}, ...) and the
     * default of every core.
     *
     * @param threads worker threads, at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * @param token the token another thread may cancel
     * @return this builder
     */
    public Builder cancellation(CancellationToken token) {
      this.cancellation = Objects.requireNonNull(token, "token");
      return this;
    }

    /** @return the options */
    public FitOptions build() {
      return new FitOptions(this);
    }
  }
}
