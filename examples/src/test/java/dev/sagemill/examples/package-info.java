/** Tests of the examples. */
package dev.sagemill.examples;
