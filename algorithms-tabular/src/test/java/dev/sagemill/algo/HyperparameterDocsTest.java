package dev.sagemill.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.algo.catboost.CatBoostParams;
import dev.sagemill.algo.kmeans.KMeansParams;
import dev.sagemill.algo.knn.KnnParams;
import dev.sagemill.algo.pca.PCAParams;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.param.ParamDocs;
import dev.sagemill.core.param.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each algorithm's documented hyperparameter table is the one the code declares. To regenerate after changing a
 * spec: {@code mvn -pl algorithms-tabular test -Dtest=HyperparameterDocsTest -Dsagemill.docs.update=true}.
 */
class HyperparameterDocsTest {
  static Stream<ParamSpec> specs() {
    return Stream.of(LinearLearnerParams.SPEC, XGBoostParams.SPEC, LightGBMParams.SPEC, CatBoostParams.SPEC,
        KMeansParams.SPEC, PCAParams.SPEC, KnnParams.SPEC);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void documentedTableMatchesTheSpec(ParamSpec spec) throws IOException {
    Path page = Path.of("../docs/hyperparameters/" + spec.algorithm() + ".md");
    String generated = ParamDocs.markdown(spec);
    if (Boolean.getBoolean("sagemill.docs.update")) {
      Files.createDirectories(page.getParent());
      Files.writeString(page, generated);
    }
    assertEquals(generated, Files.readString(page), page + " is stale; regenerate it with"
        + " -Dsagemill.docs.update=true");
  }
}
