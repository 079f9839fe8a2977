/** Tests of the {@code catboost} algorithm. */
package dev.sagemill.algo.catboost;
