package dev.sagemill.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real datasets of {@code ../shared/data} for tests. The folder is looked up, in order, from the
 * {@code sagemill.shared.data} system property, the {@code SAGEMILL_SHARED_DATA} environment variable, and
 * {@code shared/data} beside the checkout (seen from the project root or from a module folder). A test that needs
 * a dataset that is not there is skipped (a JUnit assumption) with a message naming the folder it looked for, so a
 * fresh clone without {@code ../shared} still passes.
 */
public final class SharedData {
  /** The system property that points at the datasets folder. */
  public static final String PROPERTY = "sagemill.shared.data";
  /** The environment variable that points at the datasets folder. */
  public static final String ENV = "SAGEMILL_SHARED_DATA";

  private SharedData() {}

  /**
   * @return the datasets folder, if one is found
   */
  public static Optional<Path> root() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path candidate : List.of(Path.of("../shared/data"), Path.of("../../shared/data"))) {
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A dataset folder, or a skip of the calling test when it is missing.
   *
   * @param dataset the dataset's folder name under {@code shared/data}, e.g. {@code xgboost_agaricus}
   * @return the folder
   * @throws org.opentest4j.TestAbortedException (the test is skipped) if the folder is not there
   */
  public static Path dataset(String dataset) {
    Optional<Path> root = root();
    Path dir = root.map(r -> r.resolve(dataset)).orElse(null);
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), () -> "skipped: needs the dataset folder "
        + (dir != null ? dir.toAbsolutePath().normalize() : "shared/data/" + dataset + " (looked in ../shared/data and "
        + "../../shared/data)") + "; set -D" + PROPERTY + "=DIR or " + ENV + "=DIR to point elsewhere");
    return dir;
  }

  /**
   * A file inside a dataset folder, or a skip of the calling test when the dataset is missing.
   *
   * @param relative the path under {@code shared/data}, e.g. {@code xgboost_agaricus/agaricus.txt.train}
   * @return the file
   */
  public static Path file(String relative) {
    Path rel = Path.of(relative);
    return dataset(rel.getName(0).toString()).resolve(rel.getName(0).relativize(rel));
  }
}
