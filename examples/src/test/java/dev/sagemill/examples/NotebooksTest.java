package dev.sagemill.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook of {@code examples/notebooks} headless with the rapaio Java kernel, as
 * {@code examples/notebooks/run.sh} does, into a temporary folder: every code cell runs, none fails. Skipped, saying
 * so, where Jupyter or the kernel is not installed ({@code .ci/run} installs both).
 */
class NotebooksTest {
  @TempDir
  Path out;

  /** Every notebook runs to its end, every code cell with an execution count and none with an error output. */
  @Test
  void everyNotebookRunsWithoutAnErrorCell() throws Exception {
    Path kernels = Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels/rapaio-jupyter-kernel");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")) && (Files.isDirectory(kernels)
        || Files.isDirectory(Path.of("/usr/local/share/jupyter/kernels/rapaio-jupyter-kernel"))),
        "Jupyter or the rapaio Java kernel is not installed (examples/notebooks/run.sh --install): the notebooks "
        + "are not executed");
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertTrue(notebooks.size() >= 4, "notebooks: " + notebooks);
    ProcessBuilder pb = new ProcessBuilder("bash", "notebooks/run.sh").redirectErrorStream(true);
    pb.environment().put("NOTEBOOK_OUTPUT_DIR", out.toAbsolutePath().toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the notebooks did not finish in 10 minutes");
    assertEquals(0, p.exitValue(), log);
    ObjectMapper json = new ObjectMapper();
    for (Path nb : notebooks) {
      JsonNode executed = json.readTree(out.resolve(nb.getFileName()).toFile());
      for (JsonNode cell : executed.get("cells")) {
        if (cell.get("cell_type").asText().equals("code")) {
          assertTrue(cell.get("execution_count").isInt(), nb + ": a code cell did not run");
          for (JsonNode o : cell.get("outputs")) {
            assertTrue(!o.get("output_type").asText().equals("error"), nb + ": " + o);
          }
        }
      }
    }
  }

  /** The committed notebooks keep outputs made by a run, so a reader sees results without running them. */
  @Test
  void committedNotebooksCarryTheirOutputs() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      for (Path nb : s.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
        JsonNode cells = new ObjectMapper().readTree(nb.toFile()).get("cells");
        boolean anyImage = false;
        for (JsonNode cell : cells) {
          if (cell.get("cell_type").asText().equals("code")) {
            assertTrue(cell.get("execution_count").isInt(), nb + " was saved without running a cell");
            for (JsonNode o : cell.get("outputs")) {
              anyImage |= o.path("data").has("image/png");
            }
          }
        }
        assertTrue(anyImage || nb.getFileName().toString().equals("topics.ipynb"), nb + " shows no picture");
      }
    }
  }
}
