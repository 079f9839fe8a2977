package dev.sagemill.algo.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.core.param.ParamDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The documented hyperparameter table is the one the code declares. To regenerate after changing the spec:
 * {@code mvn -pl algorithms-tabular test -Dtest=HyperparameterDocsTest -Dsagemill.docs.update=true}.
 */
class HyperparameterDocsTest {
  private static final Path PAGE = Path.of("../docs/hyperparameters/linear-learner.md");

  @Test
  void documentedTableMatchesTheSpec() throws IOException {
    String generated = ParamDocs.markdown(LinearLearnerParams.SPEC);
    if (Boolean.getBoolean("sagemill.docs.update")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, generated);
    }
    assertEquals(generated, Files.readString(PAGE), "docs/hyperparameters/linear-learner.md is stale; regenerate it"
        + " with -Dsagemill.docs.update=true");
  }
}
