package dev.sagemill.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.ImageBatch;
import dev.sagemill.core.data.LabeledImage;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageListSourceTest {
  @TempDir
  Path dir;

  private Path images() throws IOException {
    Path train = Files.createDirectories(dir.resolve("train/cats"));
    Files.write(train.resolve("a.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
    Files.write(train.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return dir.resolve("train");
  }

  private ImageListSource source(String list) throws IOException {
    Path lst = Files.createDirectories(dir.resolve("train_lst"));
    Files.writeString(lst.resolve("train.lst"), list);
    return ImageListSource.of(Channel.of(lst), images());
  }

  @Test
  void eachLineIsTheImagesBytesWithItsLabels() throws IOException {
    try (RecordStream<ImageBatch> r = source("5\t1\tcats/a.jpg\n\n7\t0\t1\t2\tcats/b.png\n").open(8)) {
      ImageBatch b = r.next().orElseThrow();
      assertEquals(2, b.size());
      LabeledImage a = b.images().get(0);
      assertEquals(5, a.index());
      assertEquals("cats/a.jpg", a.name());
      assertArrayEquals(new float[] {1}, a.labels());
      assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, a.bytes());
      assertArrayEquals(new float[] {0, 1, 2}, b.images().get(1).labels(), "multi-label line");
      assertTrue(r.next().isEmpty());
    }
  }

  @Test
  void missingEscapingOrMalformedLinesNameTheListAndLine() throws IOException {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> source("1\t0\tcats/a.jpg\n2\t1\tcats/zz.jpg\n").open(8).next());
    assertTrue(e.getMessage().contains("train.lst") && e.getMessage().contains("line 2")
        && e.getMessage().contains("cats/zz.jpg"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> source("1\t0\t../secret.txt\n").open(8).next());
    assertTrue(e.getMessage().contains("stay inside"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> source("1\tcat\tcats/a.jpg\n").open(8).next());
    assertTrue(e.getMessage().contains("label column 1 must be a number"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> source("1 0 cats/a.jpg\n").open(8).next());
    assertTrue(e.getMessage().contains("1 tab-separated column;"), e.getMessage());
  }

  @Test
  void aMissingImageFolderIsNamed() throws IOException {
    Path lst = Files.createDirectories(dir.resolve("lst"));
    Files.writeString(lst.resolve("x.lst"), "1\t0\ta.jpg\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageListSource.of(Channel.of(lst), dir.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}
