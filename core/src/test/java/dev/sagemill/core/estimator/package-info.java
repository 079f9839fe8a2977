/** Tests of the estimator/model API. */
package dev.sagemill.core.estimator;
