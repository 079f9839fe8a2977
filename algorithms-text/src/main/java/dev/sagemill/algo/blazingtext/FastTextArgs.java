package dev.sagemill.algo.blazingtext;

/**
 * The training arguments a fastText {@code .bin} file records in its header, in its order and with its codes.
 *
 * @param dim vector size
 * @param ws context window
 * @param epoch passes
 * @param minCount fewest occurrences of a kept word
 * @param neg negatives per positive
 * @param wordNgrams longest word n-gram
 * @param loss {@link #HS}, {@link #NS}, {@link #SOFTMAX} or {@link #OVA}
 * @param model {@link #CBOW}, {@link #SKIPGRAM} or {@link #SUPERVISED}
 * @param bucket n-gram buckets
 * @param minn shortest character n-gram
 * @param maxn longest character n-gram (0: none)
 * @param lrUpdateRate tokens between learning-rate updates
 * @param t sampling threshold
 */
public record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, int loss, int model,
    int bucket, int minn, int maxn, int lrUpdateRate, double t) {
  /** Loss code: hierarchical softmax. */
  public static final int HS = 1;
  /** Loss code: negative sampling. */
  public static final int NS = 2;
  /** Loss code: softmax. */
  public static final int SOFTMAX = 3;
  /** Loss code: one-vs-all. */
  public static final int OVA = 4;
  /** Model code: cbow. */
  public static final int CBOW = 1;
  /** Model code: skipgram. */
  public static final int SKIPGRAM = 2;
  /** Model code: supervised. */
  public static final int SUPERVISED = 3;

  /** @return whether this is a classifier */
  public boolean supervised() {
    return model == SUPERVISED;
  }
}
