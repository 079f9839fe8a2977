/**
 * SageMaker's data formats: {@code text/csv}, {@code text/libsvm}, {@code application/x-recordio-protobuf},
 * {@code application/x-parquet} and {@code application/jsonlines}, read as streaming
 * {@link dev.sagemill.core.data.DataSource}s from a file, a folder of files, or gzip files.
 * {@link dev.sagemill.io.DataSources} picks the reader from a content type or file extension.
 */
package dev.sagemill.io;
