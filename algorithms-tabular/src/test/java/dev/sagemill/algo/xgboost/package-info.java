/** Tests of the xgboost algorithm. */
package dev.sagemill.algo.xgboost;
