package dev.sagemill.io.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.SequencePairBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencePairSourceTest {
  @TempDir
  Path dir;

  private RecordSource<SequencePairBatch> open(String text) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("train"));
    Files.writeString(folder.resolve("pairs.jsonl"), text);
    return Sources.open(Channel.of(folder), ContentType.parse("application/jsonlines"), SequencePairBatch.class,
        false);
  }

  @Test
  void pairsWithAndWithoutLabelsInOrder() throws IOException {
    RecordSource<SequencePairBatch> s = open("{\"label\": 1, \"in0\": [4, 17, 2], \"in1\": [9]}\n\n"
        + "{\"in0\": [0], \"in1\": [3, 3]}\n{\"label\": 0.5, \"in0\": [1], \"in1\": [2]}\n");
    try (RecordStream<SequencePairBatch> r = s.open(2)) {
      SequencePairBatch a = r.next().orElseThrow();
      assertEquals(2, a.size());
      assertEquals(1, a.firstRecord());
      assertEquals(1.0, a.pairs().get(0).label());
      assertArrayEquals(new int[] {4, 17, 2}, a.pairs().get(0).in0());
      assertArrayEquals(new int[] {9}, a.pairs().get(0).in1());
      assertTrue(Double.isNaN(a.pairs().get(1).label()));
      SequencePairBatch b = r.next().orElseThrow();
      assertEquals(4, b.firstRecord());
      assertEquals(0.5, b.pairs().get(0).label());
      assertTrue(r.next().isEmpty());
    }
  }

  @Test
  void malformedTokensNameTheLineAndField() throws IOException {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> open("{\"in0\": [1], \"in1\": [2]}\n{\"in0\": [1, -3], \"in1\": [2]}\n").open(10).next());
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("\"in0\"[1]")
        && e.getMessage().contains("-3"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> open("{\"in0\": [1]}\n").open(10).next());
    assertTrue(e.getMessage().contains("\"in1\" must be a non-empty array"), e.getMessage());
    e = assertThrows(InvalidDataException.class,
        () -> open("{\"label\": \"x\", \"in0\": [1], \"in1\": [1]}\n").open(10).next());
    assertTrue(e.getMessage().contains("\"label\" must be a finite number"), e.getMessage());
  }
}
