/** Tests of the {@code lightgbm} algorithm. */
package dev.sagemill.algo.lightgbm;
