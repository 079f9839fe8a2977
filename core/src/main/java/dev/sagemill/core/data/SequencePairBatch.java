package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Pairs of token sequences, one record per pair (Object2Vec's JSON Lines).
 *
 * <p>Immutable and thread-safe.
 *
 * @param pairs the pairs, in order
 * @param origin the file of the first pair
 * @param firstRecord the 1-based line number of the first pair
 */
public record SequencePairBatch(List<SequencePair> pairs, String origin, long firstRecord) implements Batch {
  /**
   * Copies the list.
   *
   * @param pairs the pairs, in order
   * @param origin the file of the first pair
   * @param firstRecord the 1-based line number of the first pair
   */
  public SequencePairBatch {
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public int size() {
    return pairs.size();
  }
}
