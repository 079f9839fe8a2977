package dev.sagemill.core.data;

/**
 * A batch of records read from a channel, in order, with where they came from so that errors name the file and
 * line or record. Records come in several shapes, each with its own batch type: feature rows ({@link RowBatch},
 * columnar for speed), lines of text ({@link TextBatch}), time series ({@link SeriesBatch}), pairs of token sequences
 * ({@link SequencePairBatch}) and labelled images ({@link ImageBatch}). An algorithm whose records fit none of these
 * defines its own batch type and reader.
 */
public interface Batch {
  /** @return the number of records */
  int size();

  /** @return the file (or other origin) of the first record, for messages */
  String origin();

  /** @return the 1-based line or record number of the first record in {@link #origin()} */
  long firstRecord();
}
