/** Tests of the tree engine's parts. */
package dev.sagemill.algo.gbdt.internal;
