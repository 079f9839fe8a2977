/** SageMaker's XGBoost algorithm ({@code xgboost}) on sagemill's histogram tree engine. */
package dev.sagemill.algo.xgboost;
