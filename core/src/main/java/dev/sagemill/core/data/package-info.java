/**
 * The data model: rows of dense float32 or sparse (index, value) features with scalar or vector labels and
 * optional weights, grouped into {@link dev.sagemill.core.data.RowBatch mini-batches} of primitive arrays;
 * streaming {@link dev.sagemill.core.data.DataSource sources} ("Pipe mode") and in-memory
 * {@link dev.sagemill.core.data.InMemoryDataset datasets} ("File mode").
 */
package dev.sagemill.core.data;
