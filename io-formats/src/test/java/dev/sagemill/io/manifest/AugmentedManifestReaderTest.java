package dev.sagemill.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentedManifestReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsNamedAttributesInOrderAndRefusesMissingOnes() throws IOException {
    Path f = dir.resolve("train.manifest");
    Files.writeString(f, "{\"source-ref\": \"s3://b/img1.jpg\", \"class\": 3, \"class-metadata\": {}}\n"
        + "{\"source-ref\": \"s3://b/img2.jpg\", \"class\": 1}\n{\"source-ref\": \"s3://b/img3.jpg\"}\n");
    try (AugmentedManifestReader r = new AugmentedManifestReader(f, List.of("source-ref", "class"))) {
      ManifestRecord a = r.next().orElseThrow();
      assertTrue(a.isReference());
      assertEquals("s3://b/img1.jpg", a.source());
      assertEquals(3, a.attributes().get("class").asInt());
      assertEquals(1, r.next().orElseThrow().attributes().get("class").asInt());
      InvalidDataException e = assertThrows(InvalidDataException.class, r::next);
      assertTrue(e.getMessage().contains("train.manifest, line 3: attribute \"class\" is missing"), e.getMessage());
    }
  }

  @Test
  void inlineSourceForText() throws IOException {
    Path f = dir.resolve("text.manifest");
    Files.writeString(f, "{\"source\": \"the movie was great\", \"label\": 1}\n");
    try (AugmentedManifestReader r = new AugmentedManifestReader(f, List.of("source", "label"))) {
      ManifestRecord a = r.next().orElseThrow();
      assertEquals("the movie was great", a.source());
      assertEquals(false, a.isReference());
    }
  }
}
