/**
 * Random Cut Forest ({@code randomcutforest}): SageMaker's unsupervised anomaly detector (Guha, Mishra, Roy and
 * Schrijvers, "Robust Random Cut Forest Based Anomaly Detection on Streams", ICML 2016). Each tree is a random cut
 * tree over its own reservoir sample of the training rows, stored in flat arrays
 * ({@link dev.sagemill.algo.rcf.RandomCutTree}); a row's anomaly score is the forest's mean of the per-tree score
 * that AWS's Random Cut Forest library computes, so its thresholds carry over. It lives with the tabular
 * algorithms because SageMaker's algorithm trains and answers on rows; the streaming forest will reuse the same
 * trees.
 */
package dev.sagemill.algo.rcf;
