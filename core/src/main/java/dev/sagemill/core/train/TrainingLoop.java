package dev.sagemill.core.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.CheckpointIO;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop every iterative algorithm trains in (epochs or boosting rounds): listener events, cancellation
 * between iterations, a checkpoint every N iterations holding the algorithm's full state (parameters, optimizer
 * state, RNG, early stopping) and one progress record ({@code progress.json}: {@code iterations_done}), and resume
 * from it to the model an uninterrupted run gives. A checkpoint written with other hyperparameters or for data of
 * another shape is refused, never mixed in. The algorithm supplies a {@link Job}: what one iteration does, when it
 * has converged (early stopping, every model stopped), and how its state is saved and restored.
 *
 * <p>Stateless; each {@link #run} is one training job, on the calling thread.
 */
public final class TrainingLoop {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
  /** The progress record's entry in a checkpoint. */
  public static final String PROGRESS = "progress.json";

  private TrainingLoop() {}

  /** The algorithm's side of a training job. */
  public interface Job {
    /**
     * Runs one iteration. An algorithm that watches the cancellation token inside a long iteration (k-means'
     * streamed epoch) may abandon it part-way by returning null: the partial iteration is neither reported nor
     * checkpointed, and a restart redoes it.
     *
     * @param iteration the 1-based iteration
     * @return the iteration's metrics under SageMaker's names ({@code train:objective_loss}), in print order; null
     *     if the iteration was abandoned on cancellation
     * @throws IOException if reading a channel fails
     */
    Map<String, Double> iterate(int iteration) throws IOException;

    /** @return true when training should end now (early stopping, every model stopped); asked before each and after
     *     each iteration */
    default boolean converged() {
      return false;
    }

    /**
     * Writes everything a resumed job continues from.
     *
     * @param out the checkpoint writer
     * @throws IOException on failure
     */
    void save(ModelWriter out) throws IOException;

    /**
     * Restores the state {@link #save} wrote.
     *
     * @param in the checkpoint reader
     * @throws IOException if an entry is missing or inconsistent
     */
    void restore(ModelReader in) throws IOException;
  }

  /**
   * What the loop needs to know of the job.
   *
   * @param algorithm the algorithm name (listeners, logs, the checkpoint's card)
   * @param hyperparameters the job's hyperparameters; a checkpoint written with others is refused
   * @param schema the training data's shape; a checkpoint of data of another shape is refused
   * @param planned the number of iterations planned
   * @param checkpointFormat the checkpoint container's format name
   * @param checkpointVersion its version
   * @param checkpointEvery iterations between checkpoints (the last iteration is always saved), at least 1
   */
  public record Settings(String algorithm, Hyperparameters hyperparameters, Schema schema, int planned,
      String checkpointFormat, int checkpointVersion, int checkpointEvery) {
    /**
     * Validates.
     *
     * @param algorithm the algorithm name
     * @param hyperparameters the job's hyperparameters
     * @param schema the training data's shape
     * @param planned the iterations planned
     * @param checkpointFormat the checkpoint format name
     * @param checkpointVersion its version
     * @param checkpointEvery iterations between checkpoints
     */
    public Settings {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(hyperparameters, "hyperparameters");
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(checkpointFormat, "checkpointFormat");
      if (planned < 0 || checkpointEvery < 1) {
        throw new IllegalArgumentException("planned must be >= 0 and checkpointEvery >= 1, got " + planned + ", "
            + checkpointEvery);
      }
    }
  }

  /**
   * How the loop ended.
   *
   * @param iterationsRun the iterations done, a checkpoint's included
   * @param stoppedEarly whether convergence or cancellation ended training before the planned iterations
   * @param resumedFrom the iterations a checkpoint already held (0 for a fresh job)
   */
  public record Result(int iterationsRun, boolean stoppedEarly, int resumedFrom) {}

  /**
   * Runs the job: restores a checkpoint if the options' folder holds one, then iterates until the planned count,
   * convergence or cancellation. The caller computes the final metrics and calls {@link #end}.
   *
   * @param settings what the loop needs to know
   * @param job the algorithm's side
   * @param options listeners, cancellation, checkpoint folder
   * @return how the loop ended
   * @throws IOException if a channel, the checkpoint or its folder fails
   * @throws dev.sagemill.core.error.InvalidHyperparametersException if the checkpoint has other hyperparameters
   * @throws IllegalStateException if the checkpoint was written for data of another shape
   */
  public static Result run(Settings settings, Job job, FitOptions options) throws IOException {
    String alg = settings.algorithm();
    ModelCard card = new ModelCard(alg, settings.hyperparameters().toSageMaker(), Map.of(), SagemillVersion.get());
    int done = 0;
    if (options.checkpointDir().isPresent()) {
      Optional<ModelReader> ckpt = CheckpointIO.loadFor(options.checkpointDir().get(), settings.checkpointFormat(),
          settings.checkpointVersion(), card);
      if (ckpt.isPresent()) {
        ModelReader r = ckpt.get();
        if (!r.schema().equals(settings.schema())) {
          throw new IllegalStateException(alg + ": the checkpoint in " + options.checkpointDir().get()
              + " was written for data of shape " + r.schema() + ", this job's data is " + settings.schema()
              + "; delete it to start afresh");
        }
        done = r.json(PROGRESS).path("iterations_done").asInt(-1);
        r.require(done >= 0 && done <= settings.planned(), PROGRESS + " records " + done + " iterations done of "
            + settings.planned() + " planned");
        job.restore(r);
        LOG.info("{}: resuming from the checkpoint in {} after iteration {}", alg, options.checkpointDir().get(),
            done);
      }
    }
    options.listeners().forEach(l -> l.onStart(alg, settings.planned()));
    int ran = done;
    boolean early = false;
    for (int it = done + 1; it <= settings.planned() && !job.converged(); it++) {
      Map<String, Double> metrics = job.iterate(it);
      if (metrics == null) {
        early = true;
        break;
      }
      ran = it;
      LOG.debug("{} iteration {}: {}", alg, it, metrics);
      for (TrainingListener l : options.listeners()) {
        l.onEpoch(it, settings.planned(), metrics);
      }
      boolean last = it == settings.planned() || job.converged() || options.cancellation().isCancelled();
      if (options.checkpointDir().isPresent() && (last || it % settings.checkpointEvery() == 0)) {
        int iterationsDone = it;
        CheckpointIO.save(options.checkpointDir().get(), settings.checkpointFormat(), settings.checkpointVersion(),
            card, settings.schema(), out -> {
              out.putJson(PROGRESS, JsonNodeFactory.instance.objectNode().put("iterations_done", iterationsDone));
              job.save(out);
            });
      }
      if (job.converged() || options.cancellation().isCancelled()) {
        early = it < settings.planned();
        break;
      }
    }
    return new Result(ran, early, done);
  }

  /**
   * Tells the listeners that training ended.
   *
   * @param options the fit's options
   * @param result how the loop ended
   * @param finalMetrics the returned model's metrics (validation and test channels included)
   */
  public static void end(FitOptions options, Result result, Map<String, Double> finalMetrics) {
    options.listeners().forEach(l -> l.onEnd(result.iterationsRun(), result.stoppedEarly(), finalMetrics));
  }
}
