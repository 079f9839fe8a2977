package dev.sagemill.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every reader must pass: exact round trip of labelled rows, gzip, a folder of files read in order,
 * batches of the requested size, an empty channel refused, and a malformed record reported with its file and
 * position. A reader's test extends this class and says how to encode rows in its format.
 */
public abstract class IoFormatContract {
  /** The rows every check uses: 7 rows of 3 features (one missing value) with labels, all exact in float32. */
  protected static final float[][] FEATURES = {
      {1.5f, -2f, 0f}, {0.25f, 3f, 100f}, {-7f, 0f, 0.125f}, {4f, 4f, 4f}, {0f, 0f, 0f}, {1e-3f, 2.5e6f, -0.5f},
      {9f, -1f, 2f}};
  /** One label per row. */
  protected static final float[] LABELS = {1, 0, 1, 1, 0, 0, 1};

  /** A folder for the files of each check. */
  @TempDir
  protected Path dir;

  /**
   * Encodes rows {@code [from, to)} of {@link #FEATURES}/{@link #LABELS} in the format.
   *
   * @param from first row
   * @param to end row, exclusive
   * @return the file content
   * @throws IOException on failure
   */
  protected abstract byte[] encode(int from, int to) throws IOException;

  /**
   * The file name extension of the format, e.g. {@code ".csv"}.
   *
   * @return the extension
   */
  protected abstract String extension();

  /**
   * Opens a file or folder with the reader under test.
   *
   * @param path a file or folder
   * @return the source
   * @throws IOException on failure
   */
  protected abstract DataSource open(Path path) throws IOException;

  /**
   * A file whose {@link #malformedPosition()}-th line or record is broken.
   *
   * @return the content
   * @throws IOException on failure
   */
  protected abstract byte[] malformed() throws IOException;

  /**
   * The text the error for {@link #malformed()} must contain, e.g. {@code "line 3"}.
   *
   * @return the position text
   */
  protected abstract String malformedPosition();

  /**
   * Whether a whole file of this format may be gzip-compressed (not so for Parquet, which compresses inside).
   *
   * @return true by default
   */
  protected boolean wholeFileGzip() {
    return true;
  }

  private Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  /**
   * Checks a source yields exactly the reference rows.
   *
   * @param source the source
   * @throws IOException on failure
   */
  protected static void assertHoldsReferenceRows(DataSource source) throws IOException {
    RowBatch all = InMemoryDataset.collect(source).data();
    assertEquals(FEATURES.length, all.rows());
    assertEquals(3, all.featureDim());
    for (int r = 0; r < FEATURES.length; r++) {
      float[] row = all.row(r).toDense();
      for (int j = 0; j < 3; j++) {
        assertEquals(FEATURES[r][j], row[j], "row " + r + " feature " + j);
      }
      assertEquals(LABELS[r], all.label(r), "label of row " + r);
    }
  }

  @Test
  void roundTripsRowsExactly() throws IOException {
    assertHoldsReferenceRows(open(write("data" + extension(), encode(0, FEATURES.length))));
  }

  @Test
  void readsGzipFiles() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(wholeFileGzip(), "format compresses internally");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(encode(0, FEATURES.length));
    }
    assertHoldsReferenceRows(open(write("data" + extension() + ".gz", bytes.toByteArray())));
  }

  @Test
  void readsAFolderOfFilesInOrder() throws IOException {
    write("ch/part-0" + extension(), encode(0, 2));
    write("ch/part-1" + extension(), encode(2, 6));
    write("ch/sub/part-2" + extension(), encode(6, 7));
    write("ch/.hidden" + extension(), new byte[] {'x'});
    assertHoldsReferenceRows(open(dir.resolve("ch")));
  }

  @Test
  void yieldsBatchesOfTheRequestedSize() throws IOException {
    DataSource s = open(write("data" + extension(), encode(0, FEATURES.length)));
    int total = 0;
    try (BatchStream st = s.open(3)) {
      for (Optional<RowBatch> b = st.next(); b.isPresent(); b = st.next()) {
        assertTrue(b.get().rows() <= 3);
        total += b.get().rows();
      }
    }
    assertEquals(FEATURES.length, total);
  }

  @Test
  void refusesAChannelWithoutRows() throws IOException {
    Path empty = write("empty" + extension(), new byte[0]);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> open(empty).schema());
    assertTrue(e.getMessage().contains("empty" + extension()), e.getMessage());
  }

  @Test
  void reportsWhereMalformedDataIs() throws IOException {
    Path bad = write("bad" + extension(), malformed());
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(open(bad)));
    assertTrue(e.getMessage().contains("bad" + extension()), e.getMessage());
    assertTrue(e.getMessage().contains(malformedPosition()), e.getMessage());
  }
}
