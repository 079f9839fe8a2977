/**
 * Automatic model tuning (planned): grid, random, Bayesian and Hyperband search over SageMaker-style
 * parameter ranges, finding algorithms by name through the core registry. Nothing is implemented here yet.
 */
package dev.sagemill.tuning;
