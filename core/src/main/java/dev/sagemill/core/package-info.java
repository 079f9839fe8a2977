/**
 * sagemill core: the data model, the estimator/model API, hyperparameter specifications, metrics, training
 * listeners, seeded randomness and the versioned model container that every algorithm module builds on.
 */
package dev.sagemill.core;
