/** Tests that span the tabular algorithms. */
package dev.sagemill.algo;
