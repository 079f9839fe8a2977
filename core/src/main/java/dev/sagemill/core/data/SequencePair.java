package dev.sagemill.core.data;

/**
 * One record of a pair of token sequences (Object2Vec's {@code {"label": 1, "in0": [...], "in1": [...]}}): two
 * sequences of vocabulary ids and the pair's label.
 *
 * <p>Immutable once built; the arrays are not copied, so callers must not change them.
 *
 * @param label the class or value of the pair; {@code NaN} when the record has none (inference)
 * @param in0 the first sequence's token ids, each {@code >= 0}
 * @param in1 the second sequence's token ids, each {@code >= 0}
 */
public record SequencePair(double label, int[] in0, int[] in1) {}
