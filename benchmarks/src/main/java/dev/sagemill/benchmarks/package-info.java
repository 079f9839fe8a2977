/**
 * Benchmarks, run on demand and never by the test suite: side-by-side harnesses that run sagemill and a peer
 * library on the same data in one JVM and print the time ratio and each one's quality metric, and JMH kernels.
 * Peers (Smile, ...) are dependencies of this module only. Figures and commands are in benchmarks/RESULTS.md.
 */
package dev.sagemill.benchmarks;
