/**
 * Time-series algorithms (planned): DeepAR with SageMaker's JSON Lines series format, plus seasonal-naive and
 * exponential-smoothing baselines. Nothing is implemented here yet; the module exists so the reactor layout is
 * fixed from the start.
 */
package dev.sagemill.algo.timeseries;
