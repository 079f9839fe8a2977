/**
 * DeepAR ({@code forecasting-deepar}): probabilistic forecasts of many related series by one autoregressive
 * recurrent network (Salinas, Flunkert, Gasthaus &amp; Januschowski, "DeepAR: Probabilistic forecasting with
 * autoregressive recurrent networks", IJF 36(3), 2020), with GluonTS's conventions for lags, calendar features, the
 * age feature and mean scaling, and SageMaker's hyperparameters, data format, request and metrics.
 *
 * <p>Built on {@code dev.sagemill.neural} (DJL with PyTorch, offline). DJL's own {@code ai.djl.timeseries} 0.35.1
 * was evaluated and not used: it has two of DeepAR's five likelihoods (Student-t and negative binomial; no Gaussian,
 * beta or deterministic-L1), its transforms and data sets form a second data pipeline beside sagemill's readers, and
 * it brings about 25 MB of transitive jars (Tablesaw, Guava, ICU4J, Pebble) that a forecasting user does not need.
 * What it shares with this package is the method; here the network is DJL's fused {@code LSTM} and {@code Linear}
 * blocks, the likelihoods are written on DJL's {@code NDArray} (their log-densities are tested against closed
 * forms), features are built in Java on primitive arrays, and sampling draws from Commons Math's generators.
 */
package dev.sagemill.algo.deepar;
