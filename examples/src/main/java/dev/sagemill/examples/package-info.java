/** Runnable examples of sagemill's Java API; compiled and run by the test suite so they stay correct. */
package dev.sagemill.examples;
