package dev.sagemill.algo.blazingtext;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.io.CorruptModelException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged fastText headers found by fuzzing (issue 29): each is refused with a reason instead of dividing by zero or
 * allocating what the header claims.
 */
class FastTextBinaryHostileTest {
  @TempDir
  Path dir;

  /** A version-12 header: dim 10, skipgram (2) with ns loss (2), the given bucket and subword lengths. */
  private static ByteBuffer header(int bucket, int minn, int maxn, int size) {
    ByteBuffer b = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(FastTextBinary.MAGIC).putInt(12);
    int[] v = {10, 5, 5, 1, 5, 1, 2, 2, bucket, minn, maxn, 100};
    for (int x : v) {
      b.putInt(x);
    }
    b.putDouble(1e-4);
    b.putInt(size).putInt(size).putInt(0).putLong(100).putLong(-1);
    return b;
  }

  @Test
  void subwordsWithoutBucketsAreRefused() {
    ByteBuffer b = header(0, 3, 6, 1);
    b.put("abc".getBytes()).put((byte) 0).putLong(5).put((byte) 0);
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(
        new ByteArrayInputStream(Arrays.copyOf(b.array(), b.position())), "zero.bin"));
    assertTrue(e.getMessage().contains("zero.bin has impossible subword arguments"), e.getMessage());
  }

  @Test
  void aForgedDictionarySizeEndsAtTheFilesEnd() {
    ByteBuffer b = header(10, 3, 6, Integer.MAX_VALUE);
    b.put("abc".getBytes()).put((byte) 0).putLong(5).put((byte) 0);
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(
        new ByteArrayInputStream(Arrays.copyOf(b.array(), b.position())), "huge.bin"));
    assertTrue(e.getMessage().contains("huge.bin is truncated"), e.getMessage());
  }

  @Test
  void aMatrixLargerThanTheFileIsRefusedBeforeItIsAllocated() throws Exception {
    ByteBuffer b = header(200_000_000, 3, 6, 1);
    b.put("abc".getBytes()).put((byte) 0).putLong(5).put((byte) 0);
    b.put((byte) 0).putLong(200_000_001L).putLong(10);
    Path f = Files.write(dir.resolve("big.bin"), Arrays.copyOf(b.array(), b.position()));
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(f));
    assertTrue(e.getMessage().contains("needs 8000000040 bytes, but only"), e.getMessage());
  }
}
