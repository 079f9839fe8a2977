package dev.sagemill.algo.blazingtext;

import java.util.Arrays;

/**
 * The training lines encoded once as row ids, so that epochs re-read no text: for word2vec each line's kept word ids
 * (lines longer than {@link #MAX_LINE_TOKENS} split as fastText splits them); for the classifier each line's input
 * rows (words, their n-grams, word n-grams) and label numbers. Lines are stored back to back in flat arrays.
 * Memory: 4 bytes per stored id.
 *
 * <p>Immutable once built; thread-safe for reading.
 */
final class Corpus {
  /** fastText's MAX_LINE_SIZE: an unsupervised line is cut after this many tokens. */
  static final int MAX_LINE_TOKENS = 1024;

  private final int[] ids;
  private final int[] starts;
  private final int[] labels;
  private final int[] labelStarts;
  private final int[] tokens;
  private final long totalTokens;
  private final long unlabeled;

  private Corpus(int[] ids, int[] starts, int[] labels, int[] labelStarts, int[] tokens, long unlabeled) {
    this.ids = ids;
    this.starts = starts;
    this.labels = labels;
    this.labelStarts = labelStarts;
    this.tokens = tokens;
    long t = 0;
    for (int n : tokens) {
      t += n;
    }
    this.totalTokens = t;
    this.unlabeled = unlabeled;
  }

  /** Accumulates lines. Not thread-safe. */
  static final class Builder {
    private final Dictionary dict;
    private final boolean supervised;
    private final int wordNgrams;
    private final IntList ids = new IntList(1 << 16);
    private final IntList starts = new IntList(1 << 10);
    private final IntList labels = new IntList(1 << 10);
    private final IntList labelStarts = new IntList(1 << 10);
    private final IntList tokens = new IntList(1 << 10);
    private final IntList lineLabels = new IntList(8);
    private int[] hashes = new int[64];
    private int hashCount;
    private int lineTokens;
    private long unlabeled;

    Builder(Dictionary dict, boolean supervised, int wordNgrams) {
      this.dict = dict;
      this.supervised = supervised;
      this.wordNgrams = wordNgrams;
      starts.add(0);
      labelStarts.add(0);
    }

    /**
     * Encodes one line.
     *
     * @param line the text, without its line break
     */
    void add(String line) {
      if (supervised) {
        addSupervised(line);
      } else {
        addUnsupervised(line);
      }
    }

    private void addUnsupervised(String line) {
      lineTokens = 0;
      Tokenizer.tokens(line, t -> {
        int id = dict.id(t);
        if (id < 0) {
          return;
        }
        lineTokens++;
        if (dict.type(id) == Dictionary.WORD) {
          ids.add(id);
        }
        if (lineTokens > MAX_LINE_TOKENS) {
          endLine(lineTokens);
          lineTokens = 0;
        }
      });
      if (lineTokens > 0) {
        endLine(lineTokens);
      }
    }

    private void addSupervised(String line) {
      lineTokens = 0;
      hashCount = 0;
      lineLabels.clear();
      int mark = ids.size();
      Tokenizer.tokens(line, t -> {
        lineTokens++;
        int id = dict.id(t);
        boolean label = id >= 0 ? dict.type(id) == Dictionary.LABEL : Dictionary.isLabel(t);
        if (label) {
          if (id >= 0) {
            lineLabels.add(id - dict.nwords());
          }
          return;
        }
        ids.addAll(id >= 0 ? dict.subwordsOf(id) : dict.subwords(t));
        if (hashCount == hashes.length) {
          hashes = Arrays.copyOf(hashes, hashCount * 2);
        }
        hashes[hashCount++] = Dictionary.hash(t);
      });
      dict.wordNgrams(hashes, hashCount, wordNgrams, ids);
      if (lineLabels.size() == 0) {
        // A line without a (kept) label cannot be trained on: counted and reported by the estimator.
        unlabeled++;
        ids.truncate(mark);
        return;
      }
      for (int i = 0; i < lineLabels.size(); i++) {
        labels.add(lineLabels.get(i));
      }
      labelStarts.add(labels.size());
      endLine(lineTokens);
    }

    private void endLine(int n) {
      starts.add(ids.size());
      tokens.add(n);
    }

    Corpus build() {
      return new Corpus(ids.toArray(), starts.toArray(), labels.toArray(), labelStarts.toArray(), tokens.toArray(),
          unlabeled);
    }
  }

  /** @return the number of stored lines */
  int lines() {
    return tokens.length;
  }

  /** @return the tokens of every stored line together: an epoch's work, which the learning rate decays over */
  long totalTokens() {
    return totalTokens;
  }

  /** @return supervised lines that had no kept label and were not stored */
  long unlabeled() {
    return unlabeled;
  }

  int start(int line) {
    return starts[line];
  }

  int end(int line) {
    return starts[line + 1];
  }

  int[] ids() {
    return ids;
  }

  int tokens(int line) {
    return tokens[line];
  }

  int labelStart(int line) {
    return labelStarts[line];
  }

  int labelEnd(int line) {
    return labelStarts[line + 1];
  }

  int[] labels() {
    return labels;
  }
}
