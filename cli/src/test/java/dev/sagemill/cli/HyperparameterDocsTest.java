package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.param.ParamDocs;
import dev.sagemill.core.param.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each registered algorithm's documented hyperparameter table is the one the code declares (the CLI sees every
 * algorithm module). To regenerate after changing a
 * spec: {@code mvn -pl cli test -Dtest=HyperparameterDocsTest -Dsagemill.docs.update=true}.
 */
class HyperparameterDocsTest {
  /**
   * Every algorithm on the class path, found through the registry as any front end finds them, except the test-only
   * plug-ins of {@code dev.sagemill.cli.plugin}.
   */
  static Stream<ParamSpec> specs() {
    return Algorithms.providers().stream()
        .filter(p -> !p.getClass().getPackageName().equals("dev.sagemill.cli.plugin"))
        .map(AlgorithmProvider::spec);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void documentedTableMatchesTheSpec(ParamSpec spec) throws IOException {
    Path page = Path.of("../docs/hyperparameters/" + spec.algorithm() + ".md");
    String generated = ParamDocs.markdown(spec);
    java.util.Optional<ParamSpec> stream = Algorithms.get(spec.algorithm()).streamSpec();
    if (stream.isPresent()) {
      // An algorithm that learns from a stream documents the stream's hyperparameters on the same page.
      generated += "\n## `sagemill stream`\n\nThe streaming forest's hyperparameters (`sagemill stream --hp`).\n\n"
          + ParamDocs.table(stream.get());
    }
    if (Boolean.getBoolean("sagemill.docs.update")) {
      Files.createDirectories(page.getParent());
      Files.writeString(page, generated);
    }
    assertEquals(generated, Files.readString(page), page + " is stale; regenerate it with"
        + " -Dsagemill.docs.update=true");
  }
}
