package dev.sagemill.algo.blazingtext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fastText's dictionary: the words and labels kept after {@code min_count}, sorted words first then labels, each
 * by descending count; fastText's FNV-1a hash of a token's UTF-8 bytes (with its signed-byte quirk); the character
 * n-grams of {@code <word>} between {@code minn} and {@code maxn} characters hashed into {@code bucket} rows after the
 * words; and the word n-grams of a line hashed into the same buckets. Row ids: words {@code [0, nwords)}, n-gram
 * buckets {@code [nwords, nwords + bucket)}; labels are numbered {@code [0, nlabels)} among themselves.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Dictionary {
  /** fastText's end-of-line token, a word of every line. */
  public static final String EOS = "</s>";
  /** The prefix that makes a token a label. */
  public static final String LABEL_PREFIX = "__label__";
  /** Entry type of a word, as the {@code .bin} file stores it. */
  public static final byte WORD = 0;
  /** Entry type of a label. */
  public static final byte LABEL = 1;

  private final String[] entries;
  private final long[] counts;
  private final byte[] types;
  private final int nwords;
  private final int nlabels;
  private final long ntokens;
  private final int minn;
  private final int maxn;
  private final int bucket;
  private final Map<String, Integer> ids;
  private final int[][] subwords;

  /**
   * @param entries words then labels, in id order
   * @param counts their counts
   * @param types {@link #WORD} or {@link #LABEL} each; words first
   * @param ntokens the tokens read when the dictionary was counted
   * @param minn shortest character n-gram (0 with {@code maxn} 0: none)
   * @param maxn longest character n-gram
   * @param bucket the n-gram hash buckets
   */
  Dictionary(String[] entries, long[] counts, byte[] types, long ntokens, int minn, int maxn, int bucket) {
    this.entries = entries;
    this.counts = counts;
    this.types = types;
    int w = 0;
    while (w < types.length && types[w] == WORD) {
      w++;
    }
    for (int i = w; i < types.length; i++) {
      if (types[i] != LABEL) {
        throw new IllegalArgumentException("dictionary entry " + i + " (" + entries[i] + ") is a word after a label");
      }
    }
    this.nwords = w;
    this.nlabels = types.length - w;
    this.ntokens = ntokens;
    this.minn = minn;
    this.maxn = maxn;
    this.bucket = bucket;
    this.ids = new HashMap<>(entries.length * 2);
    for (int i = 0; i < entries.length; i++) {
      ids.put(entries[i], i);
    }
    this.subwords = new int[nwords][];
    List<Integer> tmp = new ArrayList<>();
    for (int i = 0; i < nwords; i++) {
      tmp.clear();
      tmp.add(i);
      if (!entries[i].equals(EOS)) {
        charNgrams(entries[i], tmp);
      }
      subwords[i] = tmp.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /**
   * Counts tokens and keeps those seen often enough, as fastText's {@code readFromFile} and {@code threshold} do;
   * ties keep the order of first appearance.
   *
   * @param counter the tokens' counts in order of first appearance
   * @param minCount fewest occurrences of a kept word
   * @param minCountLabel fewest occurrences of a kept label
   * @param minn shortest character n-gram
   * @param maxn longest character n-gram (0: none)
   * @param bucket n-gram buckets
   * @return the dictionary
   */
  static Dictionary build(TokenCounter counter, int minCount, int minCountLabel, int minn, int maxn, int bucket) {
    int n = counter.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    byte[] type = new byte[n];
    for (int i = 0; i < n; i++) {
      type[i] = isLabel(counter.token(i)) ? LABEL : WORD;
    }
    Arrays.sort(order, (a, b) -> type[a] != type[b] ? Byte.compare(type[a], type[b])
        : Long.compare(counter.count(b), counter.count(a)));
    List<Integer> kept = new ArrayList<>();
    for (int i : order) {
      long c = counter.count(i);
      if (c >= (type[i] == WORD ? minCount : minCountLabel)) {
        kept.add(i);
      }
    }
    String[] e = new String[kept.size()];
    long[] c = new long[kept.size()];
    byte[] t = new byte[kept.size()];
    for (int k = 0; k < e.length; k++) {
      int i = kept.get(k);
      e[k] = counter.token(i);
      c[k] = counter.count(i);
      t[k] = type[i];
    }
    return new Dictionary(e, c, t, counter.tokens(), minn, maxn, bucket);
  }

  /**
   * @param token a token
   * @return whether it starts with {@code __label__}
   */
  public static boolean isLabel(String token) {
    return token.startsWith(LABEL_PREFIX);
  }

  /**
   * fastText's hash: FNV-1a over the UTF-8 bytes, each byte sign-extended as fastText's {@code int8_t} cast does.
   *
   * @param utf8 the token's bytes
   * @return the 32-bit hash, as an unsigned value in an int
   */
  public static int hash(byte[] utf8) {
    int h = 0x811C9DC5;
    for (byte b : utf8) {
      h ^= b; // sign-extended, as fastText does
      h *= 16777619;
    }
    return h;
  }

  /**
   * @param token a token
   * @return {@link #hash(byte[])} of its UTF-8 bytes
   */
  public static int hash(String token) {
    return hash(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends the bucket rows of the character n-grams of {@code <word>}, as fastText's {@code computeSubwords}: every
   * n-gram of {@code minn..maxn} UTF-8 characters, except the lone {@code <} and {@code >}.
   *
   * @param word the word, without the {@code < >} marks
   * @param out where the row ids go
   */
  void charNgrams(String word, List<Integer> out) {
    if (maxn <= 0) {
      return;
    }
    byte[] w = ("<" + word + ">").getBytes(StandardCharsets.UTF_8);
    byte[] gram = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      if ((w[i] & 0xC0) == 0x80) {
        continue;
      }
      int len = 0;
      for (int j = i, n = 1; j < w.length && n <= maxn; n++) {
        gram[len++] = w[j++];
        while (j < w.length && (w[j] & 0xC0) == 0x80) {
          gram[len++] = w[j++];
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == w.length))) {
          out.add(nwords + Integer.remainderUnsigned(hash(Arrays.copyOf(gram, len)), bucket));
        }
      }
    }
  }

  /**
   * The rows whose mean is a word's vector: its own row and its n-grams' when it is known, else its n-grams' (none
   * for an unknown word without subwords, or for {@link #EOS}).
   *
   * @param word the word
   * @return the row ids
   */
  public int[] subwords(String word) {
    Integer id = ids.get(word);
    if (id != null && id < nwords) {
      return subwords[id];
    }
    if (word.equals(EOS)) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    charNgrams(word, out);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * @param word a word id
   * @return its row and n-gram rows; shared, must not be changed
   */
  int[] subwordsOf(int word) {
    return subwords[word];
  }

  /**
   * @param token a token
   * @return its entry id, or -1 when it is not kept
   */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /**
   * Appends the hashed word n-grams (2..n words) of a line's word hashes, as fastText's {@code addWordNgrams}; the
   * 64-bit arithmetic, the sign extension of the 32-bit hashes and the unsigned remainder are fastText's.
   *
   * @param hashes the hashes of the line's word tokens, in order
   * @param count how many of them
   * @param n the longest n-gram ({@code word_ngrams}); 1 adds none
   * @param out where the row ids go
   */
  void wordNgrams(int[] hashes, int count, int n, IntList out) {
    for (int i = 0; i < count; i++) {
      long h = hashes[i];
      for (int j = i + 1; j < count && j < i + n; j++) {
        h = h * 116049371L + hashes[j];
        out.add(nwords + (int) Long.remainderUnsigned(h, bucket));
      }
    }
  }

  /** @return the number of words */
  public int nwords() {
    return nwords;
  }

  /** @return the number of labels */
  public int nlabels() {
    return nlabels;
  }

  /** @return the tokens counted */
  public long ntokens() {
    return ntokens;
  }

  /** @return words plus labels */
  public int size() {
    return entries.length;
  }

  /**
   * @param id an entry id
   * @return the word or label
   */
  public String entry(int id) {
    return entries[id];
  }

  /**
   * @param id an entry id
   * @return its count
   */
  public long count(int id) {
    return counts[id];
  }

  /**
   * @param id an entry id
   * @return {@link #WORD} or {@link #LABEL}
   */
  public byte type(int id) {
    return types[id];
  }

  /**
   * @param label a label number in {@code [0, nlabels)}
   * @return the label token, {@code __label__} included
   */
  public String label(int label) {
    return entries[nwords + label];
  }

  /** @return the counts of the words (type word), in id order */
  long[] wordCounts() {
    return Arrays.copyOfRange(counts, 0, nwords);
  }

  /** @return the counts of the labels, in label order */
  long[] labelCounts() {
    return Arrays.copyOfRange(counts, nwords, counts.length);
  }

  /** @return shortest character n-gram */
  int minn() {
    return minn;
  }

  /** @return longest character n-gram */
  int maxn() {
    return maxn;
  }

  /** @return n-gram buckets */
  int bucket() {
    return bucket;
  }
}
