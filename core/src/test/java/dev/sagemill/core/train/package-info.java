/** Tests of the shared training loop. */
package dev.sagemill.core.train;
