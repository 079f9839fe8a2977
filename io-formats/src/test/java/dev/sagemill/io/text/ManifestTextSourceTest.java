package dev.sagemill.io.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTextSourceTest {
  @TempDir
  Path dir;

  private List<String> read(String manifest, String type) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("train"));
    Files.writeString(folder.resolve("train.manifest"), manifest);
    try (RecordStream<TextBatch> s = Sources.open(Channel.of(folder), ContentType.parse(type), TextBatch.class,
        false).open(100)) {
      return s.next().orElseThrow().lines();
    }
  }

  @Test
  void labelsBecomeFastTextLabelTokens() throws IOException {
    assertEquals(List.of("__label__1 great movie", "__label__1 __label__3 two labels", "__label__pos a word label"),
        read("{\"source\": \"great movie\", \"label\": 1}\n{\"source\": \"two labels\", \"label\": [1, 3.0]}\n"
            + "{\"source\": \"a word label\", \"label\": \"pos\"}\n", "application/jsonlines"));
  }

  @Test
  void attributeNamesComeFromTheContentType() throws IOException {
    assertEquals(List.of("__label__0 hello"), read("{\"text\": \"hello\", \"cls\": 0, \"other\": 5}\n",
        "application/jsonlines; attribute-names=text,cls"));
    assertEquals(List.of("just text"), read("{\"source\": \"just text\"}\n", "application/jsonlines; "
        + "attribute-names=source"));
  }

  @Test
  void missingOrMalformedAttributesNameTheLine() {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> read("{\"source\": \"ok\", \"label\": 1}\n{\"source\": \"no label\"}\n", "application/jsonlines"));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("\"label\" is missing"), e.getMessage());
    e = assertThrows(InvalidDataException.class,
        () -> read("{\"source\": \"x\", \"label\": 1.5}\n", "application/jsonlines"));
    assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
    e = assertThrows(InvalidDataException.class,
        () -> read("{\"source-ref\": \"s3://b/k\", \"label\": 1}\n", "application/jsonlines; "
            + "attribute-names=source-ref,label"));
    assertTrue(e.getMessage().contains("inline"), e.getMessage());
  }
}
