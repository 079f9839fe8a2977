package dev.sagemill.algo.kmeans;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sagemill's {@code full_data_lloyd_passes}, the driver's side: Lloyd's iterations over the whole training data from
 * the reduced centers. SageMaker's method ends with the reduction, whose centers minimise the loss of the weighted
 * streaming centers rather than of the rows; these passes move each center to the mean of the rows nearest to it
 * until the loss improves by less than {@code local_lloyd_tol} (relative), reaching a local optimum of the rows' own
 * loss as batch k-means (scikit-learn's {@code KMeans}) does. A center no row is nearest to stays put. Each pass's
 * {@link LloydSums} come from one machine or from every shard; this class only decides.
 */
final class LloydRefinement {
  private static final Logger LOG = LoggerFactory.getLogger(LloydRefinement.class);

  private final int k;
  private final int d;
  private final int passes;
  private final double tol;
  private float[] centers;
  private double previous = Double.POSITIVE_INFINITY;
  private int pass;
  private boolean converged;

  LloydRefinement(float[] start, int k, int d, int passes, double tol) {
    this.centers = start;
    this.k = k;
    this.d = d;
    this.passes = passes;
    this.tol = tol;
  }

  /** @return true while another pass over the data is wanted, with {@link #centers()} as its centers */
  boolean wantsPass() {
    return !converged && pass < passes;
  }

  /** The current centers: the ones to assign rows to next, or the result when no pass is wanted. */
  float[] centers() {
    return centers;
  }

  /** Takes one pass's sums for {@link #centers()}, and moves the centers unless the loss stopped improving. */
  void absorb(LloydSums s) {
    double msd = s.loss / s.rows;
    if (pass > 0 && previous - msd <= tol * previous) {
      converged = true; // the centers of the last pass are as good as further passes would make them
      return;
    }
    float[] next = centers.clone();
    for (int j = 0; j < k; j++) {
      for (int f = 0; s.counts[j] > 0 && f < d; f++) {
        next[j * d + f] = (float) (s.sums[j * d + f] / s.counts[j]);
      }
    }
    LOG.debug("kmeans: full-data Lloyd's pass {}: msd {} before the move", pass + 1, msd);
    centers = next;
    previous = msd;
    pass++;
  }
}
