package dev.sagemill.io.docword;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RowParser;
import dev.sagemill.io.text.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams the UCI Bag of Words {@code docword} format ({@code text/x-uci-docword}): three header lines (D documents,
 * W words, NNZ entries), then one {@code docID wordID count} triple per line, 1-based and grouped by document in
 * ascending order. Each document with entries becomes one sparse unlabelled row of W word counts (0-based word ids),
 * in document order. Document ids the file never mentions (empty documents) give no row: they cost nothing in the
 * file, so emitting them would let a forged header (D = 2^31) make a reader loop for ever; their number is logged.
 * Memory is one document at a time.
 *
 * <p>Refused, naming the file and line: a header that is not three positive integers, a document id out of order or
 * beyond D, a word id outside 1..W, a count that is not a positive integer, a word repeated within a document, and a
 * file whose entries or documents fall short of its header.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class DocwordDataSource extends FileSetSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DocwordDataSource.class);
  /** The media type of the format (not one of SageMaker's; sagemill's name for it). */
  public static final String CONTENT_TYPE = "text/x-uci-docword";
  private static final int MAX_LINE_BYTES = 1 << 16;

  private DocwordDataSource(Channel channel) {
    super(channel, CONTENT_TYPE, null);
  }

  /**
   * @param channel the files (each with its own header)
   * @return the source
   */
  public static DocwordDataSource of(Channel channel) {
    return new DocwordDataSource(channel);
  }

  @Override
  protected Schema inferSchema() throws IOException {
    int words = -1;
    for (Path f : channel().files()) {
      try (Reader r = new Reader(Inputs.open(f), f.toString())) {
        if (words >= 0 && r.words != words) {
          throw new InvalidDataException(f + ": " + r.words + " words in its header, the channel's first file has "
              + words);
        }
        words = r.words;
      }
    }
    if (words < 0) {
      throw new InvalidDataException("channel " + channel().name() + " holds no docword file");
    }
    return Schema.of(words, 0);
  }

  @Override
  protected boolean sparse(Schema schema) {
    return true;
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) throws IOException {
    Reader r = new Reader(in, name);
    return new RowParser() {
      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        return r.next(into);
      }

      @Override
      public long position() {
        return r.lines.lineNumber();
      }

      @Override
      public void close() throws IOException {
        r.close();
      }
    };
  }

  /** One file: its header, then documents on demand. */
  private static final class Reader implements java.io.Closeable {
    final LineReader lines;
    final String name;
    final int docs;
    final int words;
    final long entries;
    private long entriesRead;
    private int nextDoc = 1;
    /** Document ids of the header that have no entry. */
    private long absent;
    private int[] idx = new int[64];
    private float[] val = new float[64];
    /** The triple read ahead: the first of the next document, or none. */
    private long[] pending;
    private boolean eof;

    Reader(InputStream in, String name) throws IOException {
      this.lines = new LineReader(in, MAX_LINE_BYTES);
      this.name = name;
      this.docs = (int) header("D (documents)", Integer.MAX_VALUE);
      this.words = (int) header("W (words)", Integer.MAX_VALUE - 8);
      this.entries = header("NNZ (entries)", Long.MAX_VALUE);
    }

    private InvalidDataException bad(String reason) {
      return new InvalidDataException(name, "line", lines.lineNumber(), reason);
    }

    private long header(String what, long max) throws IOException {
      if (!lines.next()) {
        throw bad("the docword header ends before " + what);
      }
      String s = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8).trim();
      try {
        long v = Long.parseLong(s);
        if (v < 0 || v > max) {
          throw bad(what + " is " + v + ", expected 0.." + max);
        }
        return v;
      } catch (NumberFormatException e) {
        throw bad("the header's " + what + " is \"" + s + "\", not an integer");
      }
    }

    /** The next triple, or null at the end of the entries. */
    private long[] triple() throws IOException {
      while (lines.next()) {
        String s = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8).trim();
        if (s.isEmpty()) {
          continue;
        }
        String[] c = s.split("\\s+");
        if (c.length != 3) {
          throw bad("expected \"docID wordID count\", got \"" + s + "\"");
        }
        long[] t = new long[3];
        try {
          for (int i = 0; i < 3; i++) {
            t[i] = Long.parseLong(c[i]);
          }
        } catch (NumberFormatException e) {
          throw bad("expected three integers \"docID wordID count\", got \"" + s + "\"");
        }
        if (t[0] < 1 || t[0] > docs) {
          throw bad("document id " + t[0] + " is outside 1.." + docs);
        }
        if (t[1] < 1 || t[1] > words) {
          throw bad("word id " + t[1] + " is outside 1.." + words);
        }
        if (t[2] < 1 || t[2] > (1 << 24)) {
          throw bad("count " + t[2] + " of word " + t[1] + " is not a positive integer (at most 2^24)");
        }
        entriesRead++;
        return t;
      }
      return null;
    }

    boolean next(RowBatch.Builder into) throws IOException {
      if (pending == null && !eof) {
        pending = triple();
        eof = pending == null;
      }
      if (pending == null) {
        if (entriesRead != entries) {
          throw bad("the file holds " + entriesRead + " entries, its header says " + entries);
        }
        absent += docs - (nextDoc - 1);
        nextDoc = docs + 1;
        return false;
      }
      if (pending[0] < nextDoc) {
        throw bad("document id " + pending[0] + " comes after document " + (nextDoc - 1) + ": the entries must be "
            + "grouped by document in ascending order");
      }
      absent += pending[0] - nextDoc;
      nextDoc = (int) pending[0];
      int n = 0;
      while (pending != null && pending[0] == nextDoc) {
        if (n == idx.length) {
          idx = java.util.Arrays.copyOf(idx, 2 * n);
          val = java.util.Arrays.copyOf(val, 2 * n);
        }
        idx[n] = (int) pending[1] - 1;
        val[n++] = pending[2];
        pending = triple();
        eof = pending == null;
      }
      sortAndCheck(n);
      into.addSparse(idx, val, n, null, 1f);
      nextDoc++;
      return true;
    }

    /** Orders a document's words and refuses a repeated one. */
    private void sortAndCheck(int n) {
      for (int i = 1; i < n; i++) { // insertion sort: documents arrive mostly sorted
        int w = idx[i];
        float c = val[i];
        int j = i - 1;
        while (j >= 0 && idx[j] > w) {
          idx[j + 1] = idx[j];
          val[j + 1] = val[j];
          j--;
        }
        idx[j + 1] = w;
        val[j + 1] = c;
      }
      for (int i = 1; i < n; i++) {
        if (idx[i] == idx[i - 1]) {
          throw new InvalidDataException(name, "document", nextDoc, "word " + (idx[i] + 1) + " appears twice");
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (absent > 0 && nextDoc > docs) {
        LOG.warn("{}: {} of the header's {} documents have no entry (empty documents); they give no row", name,
            absent, docs);
      }
      lines.close();
    }
  }
}
