/**
 * Reusable test support published in core's test-jar: contract tests every estimator and reader extends, and a
 * tiny model used to exercise persistence.
 */
package dev.sagemill.core.testing;
