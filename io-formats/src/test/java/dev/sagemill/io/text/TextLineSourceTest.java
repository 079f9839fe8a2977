package dev.sagemill.io.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLineSourceTest {
  @TempDir
  Path dir;

  private static List<TextBatch> all(RecordSource<TextBatch> s, int batch) throws IOException {
    List<TextBatch> out = new ArrayList<>();
    try (RecordStream<TextBatch> r = s.open(batch)) {
      for (Optional<TextBatch> b = r.next(); b.isPresent(); b = r.next()) {
        out.add(b.get());
      }
    }
    return out;
  }

  @Test
  void linesOfEveryFileInOrderWithTheirOrigin() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("train"));
    Files.write(folder.resolve("a.txt"), "\uFEFFthe cat sat\r\n\r\nnaïve café\n".getBytes(StandardCharsets.UTF_8));
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(folder.resolve("b.txt.gz")))) {
      o.write("__label__1 good\nlast line without break".getBytes(StandardCharsets.UTF_8));
    }
    RecordSource<TextBatch> s = Sources.open(Channel.of(folder), ContentType.parse("text/plain"), TextBatch.class,
        false);
    List<TextBatch> batches = all(s, 2);
    assertEquals(List.of("the cat sat", ""), batches.get(0).lines(), "a BOM is skipped, an empty line is a record");
    assertEquals(List.of("naïve café", "__label__1 good"), batches.get(1).lines(), "batches span files");
    assertTrue(batches.get(1).origin().endsWith("a.txt") && batches.get(1).firstRecord() == 3);
    assertEquals(List.of("last line without break"), batches.get(2).lines());
    assertEquals(3, batches.size());
    assertEquals(batches, all(s, 2), "every pass reads the same");
  }

  @Test
  void malformedUtf8IsAnErrorNamingTheLine() throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.write(f, new byte[] {'o', 'k', '\n', 'a', (byte) 0xFF, 'b', '\n'});
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> all(TextLineSource.of(Channel.of(f)), 10));
    assertTrue(e.getMessage().contains("bad.txt") && e.getMessage().contains("line 2")
        && e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void aContentTypeTheRecordsCannotBeReadFromIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sources.open(
        Channel.of(dir), ContentType.parse("text/plain"), RowBatch.class, false));
    assertTrue(e.getMessage().contains("text/plain cannot be read as RowBatch records; use text/csv"),
        e.getMessage());
  }
}
