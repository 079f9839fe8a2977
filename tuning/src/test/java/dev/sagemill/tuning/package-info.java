/** Tests of the tuner: ranges, configuration, strategies, the Gaussian process, Hyperband and warm start. */
package dev.sagemill.tuning;
