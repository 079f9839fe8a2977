/** Tests of dev.sagemill.io.parquet. */
package dev.sagemill.io.parquet;
