/** Tests of dev.sagemill.core.metrics. */
package dev.sagemill.core.metrics;
