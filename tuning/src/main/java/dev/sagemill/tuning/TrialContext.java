package dev.sagemill.tuning;

import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.TrainingListener;

/**
 * Everything a training job gets from the tuner besides its hyperparameters.
 *
 * @param threads the job's share of the cores
 * @param cancellation set when the tuner stops the job (median rule, time limit); training then ends early
 * @param listener receives every iteration's metrics (the tuner reads the objective from them)
 * @param previous Hyperband: the model this job reached at its previous rung, to continue; null otherwise
 * @param previousResource iterations {@code previous} was trained for (0 when null)
 * @param resource Hyperband: the iterations to reach in total; 0 when the job's own hyperparameters decide
 */
public record TrialContext(int threads, CancellationToken cancellation, TrainingListener listener, Model previous,
    int previousResource, int resource) {}
