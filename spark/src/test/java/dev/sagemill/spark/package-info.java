/** Tests of the Spark stages on a {@code local[2]} session. */
package dev.sagemill.spark;
